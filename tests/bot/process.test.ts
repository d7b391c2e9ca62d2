import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandsFor } from "../../src/domain/commands.js";
import { Roles } from "../../src/domain/roles.js";
import { createEmptyDatabase, type EmptyDatabase } from "../support/database.js";
import { FakeBotApi } from "../support/fakeBotApi.js";
import { TEST_TOKEN, updates } from "../support/telegram.js";

const TSX = new URL("../../node_modules/.bin/tsx", import.meta.url).pathname;
const MAIN = new URL("../../src/main.ts", import.meta.url).pathname;

function run(env: Record<string, string>) {
  const child = spawn(TSX, [MAIN], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

describe("npm start, as a process", () => {
  let api: FakeBotApi;
  let db: EmptyDatabase;
  beforeAll(async () => {
    api = new FakeBotApi();
    await api.start();
    db = await createEmptyDatabase();
  });
  afterAll(async () => {
    await api.stop();
    await db.drop();
  });

  it("without BOT_TOKEN exits 2 with one line naming it", async () => {
    const p = run({ DATABASE_URL: db.url });
    expect(await p.exited).toBe(2);
    expect(p.stderr().trim().split("\n")).toEqual(["BOT_TOKEN: required to run the bot; get one from @BotFather and set BOT_TOKEN=123456:ABC…"]);
  });

  it("with bad settings prints one line per problem and exits 2", async () => {
    const p = run({ BOT_TOKEN: TEST_TOKEN, DATABASE_URL: "mysql://db", ADMIN_IDS: "12,x", LOG_LEVEL: "chatty" });
    expect(await p.exited).toBe(2);
    const lines = p.stderr().trim().split("\n");
    expect(lines.map((l) => l.split(":")[0])).toEqual(["DATABASE_URL", "ADMIN_IDS", "LOG_LEVEL"]);
    expect(p.stderr()).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  });

  it("migrates, long-polls a self-hosted API root, answers, and stops cleanly on SIGTERM", async () => {
    const p = run({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.url, DATABASE_URL: db.url, LOG_LEVEL: "warn" });
    await api.waitFor("getUpdates", () => true, 20_000);
    api.push(updates.text({ id: 7001, language_code: "zh-hans" }, "/start"));
    const sent = await api.waitFor("sendMessage", (b) => b.chat_id === 7001);
    expect(sent.body.text).toContain("登记之前，请先了解我们保存哪些信息以及原因");
    expect(sent.body.reply_markup.inline_keyboard.flat().map((b: { text: string }) => b.text)).toEqual(["✅ 我同意", "不，谢谢"]);
    // Resident menus for every private chat, in both languages, set once polling runs.
    const zhMenu = await api.waitFor("setMyCommands", (b) => b.scope?.type === "all_private_chats" && b.language_code === "zh");
    expect(zhMenu.body.commands.map((c: { command: string }) => c.command)).toEqual(commandsFor(new Roles([])).map((c) => c.name));
    expect(zhMenu.body.commands[0].description).toBe("登记，或继续登记");
    await api.waitFor("setMyCommands", (b) => b.scope?.type === "all_private_chats" && b.language_code === "en");
    p.child.kill("SIGTERM");
    expect(await p.exited).toBe(0);
    expect(p.stderr()).toBe("");
  }, 30_000);
});
