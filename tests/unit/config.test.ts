import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.js";

const problems = (env: Record<string, string>, requireToken = true) => {
  try {
    parseConfig(env, { requireToken });
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
};

describe("configuration", () => {
  it("has sensible defaults", () => {
    expect(parseConfig({}, {})).toEqual({
      TELEGRAM_API_ROOT: "https://api.telegram.org",
      DATABASE_URL: "file:./data/frontstage.db",
      ADMIN_IDS: [],
      TIME_ZONE: "Asia/Shanghai",
      LOG_LEVEL: "info",
    });
  });
  it("reads every variable", () => {
    const cfg = parseConfig({
      BOT_TOKEN: "123:abcdefghijklmnopqrstuvwxyz0123456789",
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/frontstage",
      ADMIN_IDS: " 1, 9007199254740993 ",
      TIME_ZONE: "Europe/Berlin",
      LOG_LEVEL: "debug",
    });
    expect(cfg).toMatchObject({ TELEGRAM_API_ROOT: "http://127.0.0.1:8081", ADMIN_IDS: [1n, 9007199254740993n], LOG_LEVEL: "debug" });
  });
  it("names each bad variable on its own line", () => {
    expect(problems({})).toEqual(["BOT_TOKEN: required to run the bot; get one from @BotFather and set BOT_TOKEN=123456:ABC…"]);
    expect(problems({ BOT_TOKEN: "nope", DATABASE_URL: "mysql://x", ADMIN_IDS: "1,,2", TIME_ZONE: "Mars/Olympus", LOG_LEVEL: "loud", TELEGRAM_API_ROOT: "ftp://x" }).map((l) => l.split(":")[0])).toEqual([
      "BOT_TOKEN",
      "TELEGRAM_API_ROOT",
      "DATABASE_URL",
      "ADMIN_IDS",
      "TIME_ZONE",
      "LOG_LEVEL",
    ]);
  });
  it("treats empty values as unset", () => {
    expect(parseConfig({ DATABASE_URL: "", LOG_LEVEL: " " }, {}).DATABASE_URL).toBe("file:./data/frontstage.db");
  });
});
