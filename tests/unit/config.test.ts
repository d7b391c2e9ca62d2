import { describe, expect, it } from "vitest";
import { ConfigError, healthPort, parseConfig } from "../../src/config.js";

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
      BOT_MODE: "polling",
      HOST: "0.0.0.0",
      PORT: 8080,
    });
    expect(healthPort(parseConfig({}, {}))).toBe(8080);
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

  describe("webhook mode", () => {
    const token = "123:abcdefghijklmnopqrstuvwxyz0123456789";
    const secret = "s3cret_-0123456789abcdefghijklmnop";
    it("reads the mode, the address, the secret and the ports", () => {
      const cfg = parseConfig({ BOT_TOKEN: token, BOT_MODE: "webhook", WEBHOOK_URL: "https://bot.example.org/tg", WEBHOOK_SECRET: secret, HOST: "127.0.0.1", PORT: "8443", HEALTH_PORT: "9090" }, { requireToken: true });
      expect(cfg).toMatchObject({ BOT_MODE: "webhook", WEBHOOK_URL: "https://bot.example.org/tg", WEBHOOK_SECRET: secret, HOST: "127.0.0.1", PORT: 8443, HEALTH_PORT: 9090 });
      expect(healthPort(cfg)).toBe(9090);
    });
    it("serves health on the webhook's port by default, and not at all with HEALTH_PORT=0", () => {
      expect(healthPort(parseConfig({ PORT: "8443" }))).toBe(8443);
      expect(healthPort(parseConfig({ HEALTH_PORT: "0" }))).toBeNull();
    });
    it("requires the address and the secret to run the bot, one line each", () => {
      expect(problems({ BOT_TOKEN: token, BOT_MODE: "webhook" })).toEqual([
        "WEBHOOK_URL: required when BOT_MODE=webhook; the public https URL Telegram posts updates to",
        "WEBHOOK_SECRET: required when BOT_MODE=webhook; 32 to 256 characters of A–Z, a–z, 0–9, _ and -",
      ]);
      // The CLI does not run the webhook, so it does not need them.
      expect(problems({ BOT_MODE: "webhook" }, false)).toEqual([]);
    });
    it("names every bad value", () => {
      const lines = problems({ BOT_TOKEN: token, BOT_MODE: "hook", WEBHOOK_URL: "http://bot.example.org/tg", WEBHOOK_SECRET: "short", PORT: "0", HEALTH_PORT: "70000" });
      expect(lines.map((l) => l.split(":")[0])).toEqual(["BOT_MODE", "WEBHOOK_URL", "WEBHOOK_SECRET", "PORT", "HEALTH_PORT"]);
      expect(lines[2]).toBe("WEBHOOK_SECRET: expected 32 to 256 characters of A–Z, a–z, 0–9, _ and -");
      expect(problems({ BOT_TOKEN: token, BOT_MODE: "webhook", WEBHOOK_URL: "https://x.org/", WEBHOOK_SECRET: "a".repeat(31) + "!" })).toEqual(["WEBHOOK_SECRET: expected 32 to 256 characters of A–Z, a–z, 0–9, _ and -"]);
      expect(problems({ PORT: "80a" }, false)).toEqual(["PORT: expected a port number from 1 to 65535"]);
    });
  });
});
