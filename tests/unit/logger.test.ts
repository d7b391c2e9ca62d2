import { describe, expect, it } from "vitest";
import { configSecrets, createLogger, REDACTED } from "../../src/logger.js";

function capture(level: Parameters<typeof createLogger>[0], secrets: string[] = []) {
  const lines: string[] = [];
  const logger = createLogger(level, { secrets, write: (l) => lines.push(l) });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("logger", () => {
  it("writes one JSON object per line with the level's name, an ISO time and the fields", () => {
    const { logger, lines, parsed } = capture("info");
    logger.info("polling for updates", { bot: "frontstage_bot", user: 123456789012345678n });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("\n");
    const [line] = parsed();
    expect(line).toMatchObject({ level: "info", msg: "polling for updates", bot: "frontstage_bot", user: "123456789012345678" });
    expect(new Date(line!.time as string).toISOString()).toBe(line!.time);
  });

  it("leaves out what is below the level, and says nothing when silent", () => {
    const info = capture("warn");
    info.logger.info("routine");
    info.logger.debug("detail");
    info.logger.warn("menus not set");
    info.logger.error("update failed");
    expect(info.parsed().map((l) => l.level)).toEqual(["warn", "error"]);
    const silent = capture("silent");
    silent.logger.error("update failed");
    expect(silent.lines).toEqual([]);
  });

  it("writes an error with its name, message and stack", () => {
    const { logger, parsed } = capture("error");
    logger.error("update failed", { update_id: 7, error: new TypeError("boom") });
    const [line] = parsed();
    expect(line).toMatchObject({ update_id: 7, error: { type: "TypeError", message: "boom" } });
    expect((line!.error as { stack: string }).stack).toContain("TypeError: boom");
  });

  it("never writes the bot token or the database password, wherever they occur", () => {
    const token = "123456789:AAHk-secret_Token-value";
    const password = "p@ss w0rd";
    const url = `postgresql://frontstage:${encodeURIComponent(password)}@db.example:5432/frontstage`;
    const { logger, lines } = capture("debug", configSecrets({ BOT_TOKEN: token, DATABASE_URL: url }));
    logger.error("update failed", { error: new Error(`Network request for 'sendMessage' failed! https://api.telegram.org/bot${token}/sendMessage`) });
    logger.info("connecting", { url, token, config: { password } });
    logger.warn(`quoted "${password}"`);
    const all = lines.join("\n");
    expect(all).not.toContain(token);
    expect(all).not.toContain(password);
    expect(all).not.toContain(encodeURIComponent(password));
    expect(all.split(REDACTED).length - 1).toBeGreaterThanOrEqual(5);
  });

  it("finds no secret in an SQLite URL or a URL without a password", () => {
    expect(configSecrets({ DATABASE_URL: "file:./data/frontstage.db" })).toEqual([]);
    expect(configSecrets({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test" })).toEqual([]);
    expect(configSecrets({ BOT_TOKEN: "1:abc", DATABASE_URL: "file:x.db" })).toEqual(["1:abc"]);
  });
});
