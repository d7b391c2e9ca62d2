import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandsFor } from "../../src/domain/commands.js";
import { Roles } from "../../src/domain/roles.js";
import { createEmptyDatabase, type EmptyDatabase } from "../support/database.js";
import { FakeBotApi } from "../support/fakeBotApi.js";
import { freePort } from "../support/ports.js";
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

  it("with BOT_MODE=webhook but no address or secret names both and exits 2", async () => {
    const p = run({ BOT_TOKEN: TEST_TOKEN, DATABASE_URL: db.url, BOT_MODE: "webhook", WEBHOOK_URL: "http://insecure.example.org/hook" });
    expect(await p.exited).toBe(2);
    expect(p.stderr().trim().split("\n").map((l) => l.split(":")[0])).toEqual(["WEBHOOK_URL", "WEBHOOK_SECRET"]);
  });

  it("migrates, long-polls a self-hosted API root, answers, and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const p = run({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.url, DATABASE_URL: db.url, LOG_LEVEL: "warn", HOST: "127.0.0.1", HEALTH_PORT: String(port) });
    await api.waitFor("getUpdates", () => true, 20_000);
    // Polling after a webhook would fail with 409: the webhook is deleted first.
    expect(api.calls.findIndex((c) => c.method === "deleteWebhook")).toBeLessThan(api.calls.findIndex((c) => c.method === "getUpdates"));
    expect(api.calls.find((c) => c.method === "getUpdates")!.body.allowed_updates).toEqual(["message", "callback_query"]);
    // Health and metrics are served while polling too.
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect((await health.json()) as object).toMatchObject({ ok: true, database: { ok: true } });
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

describe("npm start with BOT_MODE=webhook, as a process", () => {
  const SECRET = "webhook_secret-0123456789abcdefghijklmnop";
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

  it("sets the webhook with its secret, takes updates only with the secret, serves /healthz and /metrics, and stops cleanly", async () => {
    const port = await freePort();
    const p = run({
      BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: api.url,
      DATABASE_URL: db.url,
      LOG_LEVEL: "warn",
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://frontstage.example.org/tg/updates",
      WEBHOOK_SECRET: SECRET,
      HOST: "127.0.0.1",
      PORT: String(port),
    });
    const set = await api.waitFor("setWebhook", () => true, 20_000);
    expect(set.body).toMatchObject({ url: "https://frontstage.example.org/tg/updates", secret_token: SECRET, allowed_updates: ["message", "callback_query"] });
    expect(api.calls.some((c) => c.method === "getUpdates" || c.method === "deleteWebhook")).toBe(false);
    const hook = `http://127.0.0.1:${port}/tg/updates`;
    const post = (body: string, headers: Record<string, string> = { "x-telegram-bot-api-secret-token": SECRET }) =>
      fetch(hook, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

    // Without the secret, or with another: refused and logged, nothing handled.
    const stranger = updates.text({ id: 7101, language_code: "en" }, "/start");
    expect((await post(JSON.stringify(stranger), {})).status).toBe(401);
    expect((await post(JSON.stringify(stranger), { "x-telegram-bot-api-secret-token": SECRET.replace("w", "W") })).status).toBe(401);
    expect((await post("{not json")).status).toBe(400);
    expect((await post(JSON.stringify({ message: "no update id" }))).status).toBe(400);

    const res = await post(JSON.stringify(updates.text({ id: 7102, language_code: "en" }, "/start")));
    expect(res.status).toBe(200);
    const sent = await api.waitFor("sendMessage", (b) => b.chat_id === 7102);
    expect(sent.body.reply_markup.inline_keyboard.flat().map((b: { text: string }) => b.text)).toEqual(["✅ I agree", "No, thanks"]);
    expect(api.calls.some((c) => c.method === "sendMessage" && c.body.chat_id === 7101)).toBe(false);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const report = (await health.json()) as { ok: boolean; database: { roundTripMs: number }; outbox: { lagSeconds: number; pending: number } };
    expect(report.ok).toBe(true);
    expect(report.database.roundTripMs).toBeGreaterThan(0);
    expect(report.outbox).toEqual({ pending: 0, failed: 0, lagSeconds: 0 });

    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/^frontstage_updates_total\{type="message"\} 1$/m);
    expect(metrics).toMatch(/^frontstage_update_duration_seconds_count\{type="message"\} 1$/m);
    expect(metrics).toMatch(/^frontstage_outbox_messages\{status="pending"\} 0$/m);
    expect(metrics).toMatch(/^nodejs_eventloop_lag_p99_seconds /m);
    expect(metrics).toMatch(/^process_resident_memory_bytes /m);

    p.child.kill("SIGTERM");
    const t0 = Date.now();
    expect(await p.exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    // The two refusals were logged as warnings, and nothing else was.
    const lines = p.stderr().trim().split("\n").map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(lines.map((l) => `${l.level} ${l.msg}`)).toEqual(Array(2).fill("warn webhook: request without the right secret token refused"));
    expect(p.stderr()).not.toContain(SECRET);
  }, 40_000);
});

describe("graceful shutdown, as a process", () => {
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

  it("on SIGTERM while polling, stops fetching, lets the update under way finish its reply, and exits 0", async () => {
    const p = run({ BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.url, DATABASE_URL: db.url, LOG_LEVEL: "warn", HEALTH_PORT: "0" });
    await api.waitFor("getUpdates", () => true, 20_000);
    api.delay("sendMessage", 1_500);
    api.push(updates.text({ id: 7201, language_code: "en" }, "/start"));
    await api.waitFor("sendMessage", (b) => b.chat_id === 7201);
    p.child.kill("SIGTERM");
    const t0 = Date.now();
    expect(await p.exited).toBe(0);
    // It waited for Telegram's answer to the reply under way (≈ 1.5 s), and no more than the 10 s allowed.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1_000);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(p.stderr()).toBe("");
    api.delay("sendMessage", 0);
  }, 40_000);

  it("on SIGTERM in webhook mode, answers the request under way, refuses new ones with 503, and exits 0", async () => {
    const port = await freePort();
    const secret = "shutdown_secret-0123456789abcdefghijk";
    const from = api.calls.length;
    const p = run({
      BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.url, DATABASE_URL: db.url, LOG_LEVEL: "warn",
      BOT_MODE: "webhook", WEBHOOK_URL: "https://frontstage.example.org/hook", WEBHOOK_SECRET: secret, HOST: "127.0.0.1", PORT: String(port),
    });
    await api.waitFor("setWebhook", () => true, 20_000);
    api.delay("sendMessage", 1_500);
    const post = (u: unknown) => fetch(`http://127.0.0.1:${port}/hook`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret }, body: JSON.stringify(u) });
    const first = post(updates.text({ id: 7202, language_code: "en" }, "/start"));
    await api.waitFor("sendMessage", (b) => b.chat_id === 7202);
    p.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    const late = await post(updates.text({ id: 7203, language_code: "en" }, "/start")).then((r) => r.status, () => "closed");
    expect([503, "closed"]).toContain(late);
    expect((await first).status).toBe(200);
    expect(await p.exited).toBe(0);
    expect(api.calls.some((c) => c.method === "sendMessage" && c.body.chat_id === 7203)).toBe(false);
    // The webhook stays set: Telegram keeps the updates for the next start.
    expect(api.calls.slice(from).some((c) => c.method === "deleteWebhook")).toBe(false);
    expect(p.stderr()).toBe("");
    api.delay("sendMessage", 0);
  }, 40_000);
});
