// Acknowledged means stored: the bot, in webhook mode as a process, is killed with
// SIGKILL in the middle of 1,000 concurrent votes. Every vote the bot had answered
// with success is in the database, exactly once; after a restart Telegram delivers
// every update again and each resident ends with exactly one ballot.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../../src/wiring/compose.js";
import { openDatabase } from "../../src/db/client.js";
import { migrate } from "../../src/db/migrate.js";
import { createEmptyDatabase, type EmptyDatabase } from "../support/database.js";
import { seedCrowd } from "../support/crowd.js";
import { FakeBotApi } from "../support/fakeBotApi.js";
import { freePort } from "../support/ports.js";
import { TEST_TOKEN, updates } from "../support/telegram.js";
import { OPERATOR } from "../support/actors.js";

// node itself with tsx's loader, not the tsx CLI: SIGKILL must reach the process that runs the bot
// (the CLI runs it as a child, which a SIGKILL to the CLI would leave running).
const TSX_LOADER = new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url).href;
const MAIN = new URL("../../src/main.ts", import.meta.url).pathname;
const SECRET = "crash_test_secret-0123456789abcdefghij";
const VOTERS = 1_000;
const FIRST_ID = 50_000;

describe("kill -9 during 1,000 concurrent votes", () => {
  let api: FakeBotApi;
  let empty: EmptyDatabase;
  let pollId: number;
  beforeAll(async () => {
    api = new FakeBotApi();
    await api.start();
    empty = await createEmptyDatabase();
    await migrate(empty.url);
    const db = await openDatabase(empty.url);
    await seedCrowd(db, { count: VOTERS, firstId: FIRST_ID, codePrefix: "K", relation: "owner", language: (i) => (i % 2 ? "zh" : "en") });
    const services = createServices(db, { configuredAdmins: [] });
    const spec = await services.consultations.lifecycle.validate({
      title: { en: "Market day" },
      closesAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      polls: [{ question: { en: "Which day for the market?" }, kind: "single", options: [{ en: "Saturday" }, { en: "Sunday" }], voters: "residents", rule: "plurality" }],
    });
    if (!spec.ok) throw new Error(JSON.stringify(spec.error));
    const created = await services.consultations.lifecycle.create(spec.value, OPERATOR);
    if (!created.ok) throw new Error("not created");
    pollId = created.value.polls[0]!.id;
    await db.prisma.outboxMessage.deleteMany({}); // the opening notices are not what this is about
    await services.consultations.close();
    await db.close();
  });
  afterAll(async () => {
    await api.stop();
    await empty.drop();
  });

  function start(port: number) {
    const child = spawn(process.execPath, ["--import", TSX_LOADER, MAIN], {
      env: {
        PATH: process.env.PATH ?? "", BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.url, DATABASE_URL: empty.url, LOG_LEVEL: "error",
        BOT_MODE: "webhook", WEBHOOK_URL: "https://frontstage.example.org/hook", WEBHOOK_SECRET: SECRET, HOST: "127.0.0.1", PORT: String(port),
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
    return { child, exited, stderr: () => stderr };
  }
  // As Telegram posts: the press's answer the bot hands back in its HTTP answer is then made (the acknowledgement).
  const post = (port: number, body: unknown) => api.postToWebhook(`http://127.0.0.1:${port}/hook`, SECRET, body);

  it("keeps every acknowledged ballot exactly once, and after redelivery every resident has one", async () => {
    const presses = Array.from({ length: VOTERS }, (_, i) =>
      updates.press({ id: FIRST_ID + i, language_code: i % 2 ? "zh" : "en" }, `vp:${pollId}:0:${i % 2}`, { chatId: FIRST_ID + i, messageId: 1 }),
    );
    const voterOfQuery = new Map(presses.map((u) => [u.callback_query!.id, u.callback_query!.from.id]));
    const acknowledged = () => new Set(api.calls.filter((c) => c.method === "answerCallbackQuery").map((c) => voterOfQuery.get(c.body.callback_query_id)).filter((v) => v !== undefined));

    const port = await freePort();
    const bot = start(port);
    await api.waitFor("setWebhook", () => true, 20_000);
    // 50 requests at a time, as Telegram's connections would; killed once about a third were answered.
    let next = 0;
    const senders = Array.from({ length: 50 }, async () => {
      while (next < presses.length) {
        const u = presses[next++]!;
        await post(port, u).catch(() => undefined);
      }
    });
    while (acknowledged().size < VOTERS / 3) await new Promise((r) => setTimeout(r, 5));
    bot.child.kill("SIGKILL");
    await bot.exited;
    await Promise.all(senders);
    const acked = acknowledged();
    expect(acked.size).toBeGreaterThanOrEqual(VOTERS / 3);
    expect(acked.size).toBeLessThan(VOTERS);

    const db = await openDatabase(empty.url);
    try {
      const ballots = await db.prisma.ballot.findMany({ where: { pollId }, select: { voterId: true, choice: true, castAt: true } });
      const voters = ballots.map((b) => Number(b.voterId));
      expect(new Set(voters).size).toBe(voters.length);
      for (const id of acked) expect(voters, `acknowledged voter ${id}`).toContain(id);
      const before = new Map(ballots.map((b) => [Number(b.voterId), b.castAt.getTime()]));

      // The restart: Telegram delivers every update again (those not answered, and those whose answer was lost).
      const again = start(port);
      await api.waitFor("setWebhook", (b) => b.url !== undefined && api.calls.filter((c) => c.method === "setWebhook").length === 2, 20_000);
      next = 0;
      await Promise.all(
        Array.from({ length: 50 }, async () => {
          while (next < presses.length) expect((await post(port, presses[next++]!)).status).toBe(200);
        }),
      );
      again.child.kill("SIGTERM");
      await again.exited;
      expect(again.stderr()).toBe("");
      const after = await db.prisma.ballot.findMany({ where: { pollId }, select: { voterId: true, choice: true, castAt: true } });
      expect(after).toHaveLength(VOTERS);
      expect(new Set(after.map((b) => Number(b.voterId))).size).toBe(VOTERS);
      for (const b of after) {
        expect(b.choice).toBe(`[${(Number(b.voterId) - FIRST_ID) % 2}]`);
        // A ballot stored before the crash was not written again.
        const was = before.get(Number(b.voterId));
        if (was !== undefined) expect(b.castAt.getTime()).toBe(was);
      }
    } finally {
      await db.close();
    }
  }, 120_000);
});

describe("kill -9 halfway through an announcement to 1,000 residents", () => {
  let api: FakeBotApi;
  let empty: EmptyDatabase;
  beforeAll(async () => {
    api = new FakeBotApi();
    await api.start();
    empty = await createEmptyDatabase();
    await migrate(empty.url);
    const db = await openDatabase(empty.url);
    await seedCrowd(db, { count: VOTERS, firstId: FIRST_ID, codePrefix: "M", relation: "tenant", language: (i) => (i % 2 ? "zh" : "en") });
    const services = createServices(db, { configuredAdmins: [] });
    const sent = await services.consultations.broadcasts.announce({ en: "Water is off on Monday", zh: "周一停水" }, null, OPERATOR);
    expect(sent.queued).toBe(VOTERS);
    await services.consultations.close();
    await db.close();
  });
  afterAll(async () => {
    await api.stop();
    await empty.drop();
  });

  const start = () => {
    const child = spawn(process.execPath, ["--import", TSX_LOADER, MAIN], {
      env: { PATH: process.env.PATH ?? "", BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: api.url, DATABASE_URL: empty.url, LOG_LEVEL: "error", HEALTH_PORT: "0" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    return { child, exited: new Promise<void>((resolve) => child.on("exit", () => resolve())), stderr: () => stderr };
  };
  const deliveries = () => api.calls.filter((c) => c.method === "sendMessage" && Number(c.body.chat_id) >= FIRST_ID).map((c) => Number(c.body.chat_id));

  it("resumes after the restart: everyone gets it, and only what was in flight at the kill may come twice", async () => {
    // Telegram takes a while to answer, so that sends are in flight when the process dies.
    api.delay("sendMessage", 150);
    const first = start();
    while (deliveries().length < 300) await new Promise((r) => setTimeout(r, 10));
    first.child.kill("SIGKILL");
    await first.exited;
    const beforeRestart = deliveries().length;
    expect(beforeRestart).toBeLessThan(VOTERS);

    const second = start();
    // Everything is sent: what was in flight at the kill once its one-minute lease ran out.
    const db = await openDatabase(empty.url);
    try {
      while ((await db.prisma.outboxMessage.count({ where: { status: "sent" } })) < VOTERS) await new Promise((r) => setTimeout(r, 500));
    } finally {
      await db.close();
    }
    second.child.kill("SIGTERM");
    await second.exited;
    api.delay("sendMessage", 0);
    expect(second.stderr()).toBe("");
    const all = deliveries();
    const counts = new Map<number, number>();
    for (const id of all) counts.set(id, (counts.get(id) ?? 0) + 1);
    expect(counts.size).toBe(VOTERS);
    const twice = [...counts.values()].filter((n) => n > 1);
    // The worker keeps at most 8 sends awaiting Telegram's answer: those are the only ones sent again.
    expect(twice.every((n) => n === 2)).toBe(true);
    expect(twice.length).toBeLessThanOrEqual(8);
  }, 240_000);
});
