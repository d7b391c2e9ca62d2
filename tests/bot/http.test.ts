// The HTTP listener (src/server): the webhook, /healthz and /metrics, through real
// HTTP requests on 127.0.0.1, with the real bot and database behind them.
import type { Update } from "grammy/types";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbClient } from "../../src/db/client.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { healthCheck } from "../../src/server/health.js";
import { httpApp, listen, SECRET_HEADER, type Listener } from "../../src/server/http.js";
import { Metrics } from "../../src/server/metrics.js";
import { createHarness, type Harness } from "../support/harness.js";
import { PARK_ROSTER, seedResident, specWith } from "../support/park.js";
import { updates } from "../support/telegram.js";
import { OPERATOR } from "../support/actors.js";

const SECRET = "test_secret-0123456789abcdefghijklmnop";
let h: Harness;
let metrics: Metrics;
const logs: { level: string; msg: string }[] = [];
const logger: Logger = createLogger("warn", { write: (line) => logs.push(JSON.parse(line)) });

beforeAll(async () => {
  metrics = new Metrics();
  h = await createHarness({ telemetry: metrics, before: [metrics.middleware()] as never });
  metrics.observeOutbox(h.stores.consultations.outbox, h.clock);
});
afterAll(() => h.close());

let listener: Listener;
let base: string;
async function serve(app: ReturnType<typeof httpApp>) {
  listener = await listen(app, "127.0.0.1", 0);
  base = `http://127.0.0.1:${listener.port}`;
}
afterEach(async () => {
  await listener?.close();
  logs.length = 0;
});
beforeEach(async () => {
  await h.reset();
});

describe("the webhook", () => {
  let accepting = true;
  let slow = 0;
  beforeEach(async () => {
    accepting = true;
    slow = 0;
    await serve(
      httpApp({
        logger,
        webhook: {
          path: "/telegram/hook",
          secret: SECRET,
          answerWithinMs: 300,
          accepting: () => accepting,
          handle: async (u: Update) => {
            if (slow) await new Promise((r) => setTimeout(r, slow));
            await h.handle(u);
          },
        },
      }),
    );
  });
  const post = (body: unknown, secret: string | null = SECRET) =>
    fetch(`${base}/telegram/hook`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret === null ? {} : { [SECRET_HEADER]: secret }) },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  it("hands an update with the right secret to the bot and answers 200 once it is handled", async () => {
    const res = await post(updates.text({ id: 3001, language_code: "en" }, "/start"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(h.tg.last(3001).text).toContain("Before you register");
  });

  it("refuses a request without the secret or with a wrong one (401, logged), and handles nothing", async () => {
    expect((await post(updates.text({ id: 3002 }, "/start"), null)).status).toBe(401);
    expect((await post(updates.text({ id: 3002 }, "/start"), SECRET.slice(0, -1))).status).toBe(401);
    expect((await post(updates.text({ id: 3002 }, "/start"), SECRET + "x")).status).toBe(401);
    expect(h.tg.chat(3002)).toEqual([]);
    expect(logs.map((l) => l.msg)).toEqual(Array(3).fill("webhook: request without the right secret token refused"));
  });

  it("answers 400 to a malformed body and to JSON that is not an update", async () => {
    for (const body of ["{", "", "[1,2]", "null", JSON.stringify({ update_id: "7" }), JSON.stringify({ update_id: -1 }), JSON.stringify({ message: {} })]) {
      const res = await post(body);
      expect(res.status, body).toBe(400);
    }
    expect(h.tg.calls).toEqual([]);
  });

  it("answers 413 to a body too large for an update", async () => {
    expect((await post(JSON.stringify({ update_id: 1, junk: "x".repeat(2 * 1024 * 1024) }))).status).toBe(413);
  });

  it("counts the bytes of a body sent without a length (chunked): 413 past the limit, handled below it", async () => {
    const chunked = (parts: string[]) =>
      fetch(`${base}/telegram/hook`, {
        method: "POST",
        headers: { "content-type": "application/json", [SECRET_HEADER]: SECRET },
        body: new ReadableStream({ start: (c) => (parts.forEach((p) => c.enqueue(new TextEncoder().encode(p))), c.close()) }),
        duplex: "half",
      } as RequestInit);
    expect((await chunked([`{"update_id":1,"junk":"`, "x".repeat(700 * 1024), "x".repeat(700 * 1024), `"}`])).status).toBe(413);
    const update = JSON.stringify(updates.text({ id: 3003, language_code: "en" }, "/start"));
    const res = await chunked([update.slice(0, 10), update.slice(10)]);
    expect(res.status).toBe(200);
    expect(h.tg.last(3003).text).toContain("Before you register");
  });

  it("never holds Telegram's request past the answer time: a slow update is answered 200 and still handled", async () => {
    slow = 1_000;
    const t0 = performance.now();
    const res = await post(updates.text({ id: 3003, language_code: "en" }, "/start"));
    expect(res.status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(900);
    expect(h.tg.chat(3003)).toEqual([]);
    await new Promise((r) => setTimeout(r, 1_200));
    expect(h.tg.last(3003).text).toContain("Before you register");
    expect(logs.map((l) => l.msg)).toEqual(["webhook: update still running, answered Telegram so it does not resend"]);
  });

  it("hands back the one Bot API call the bot put in the webhook answer, once the update was handled", async () => {
    const reply = { method: "answerCallbackQuery", callback_query_id: "q1", text: "✓" };
    await listener.close();
    const order: string[] = [];
    await serve(
      httpApp({
        logger,
        webhook: {
          path: "/telegram/hook",
          secret: SECRET,
          answerWithinMs: 300,
          handle: async (_u, envelope) => {
            await envelope!.send!(JSON.stringify(reply));
            await new Promise((r) => setTimeout(r, 50));
            order.push("handled");
          },
        },
      }),
    );
    const res = await post(updates.text({ id: 3005 }, "/start"));
    order.push("answered");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual(reply);
    expect(order).toEqual(["handled", "answered"]);
  });

  it("once the answer left before the update finished, takes the webhook answer back: later calls go out themselves", async () => {
    await listener.close();
    let late: { send?: unknown } | undefined;
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    await serve(
      httpApp({
        logger,
        webhook: {
          path: "/telegram/hook",
          secret: SECRET,
          answerWithinMs: 100,
          handle: async (_u, envelope) => {
            await new Promise((r) => setTimeout(r, 300));
            late = { ...envelope };
            done();
          },
        },
      }),
    );
    const res = await post(updates.text({ id: 3006 }, "/start"));
    expect(await res.json()).toEqual({ ok: true });
    await finished;
    expect(late).toEqual({});
  });

  it("answers 503 while shutting down, so Telegram sends the update again later", async () => {
    accepting = false;
    expect((await post(updates.text({ id: 3004 }, "/start"))).status).toBe(503);
    expect(h.tg.chat(3004)).toEqual([]);
  });

  it("serves only its path and method", async () => {
    expect((await fetch(`${base}/telegram/hook`)).status).toBe(404);
    expect((await fetch(`${base}/other`, { method: "POST", headers: { [SECRET_HEADER]: SECRET }, body: "{}" })).status).toBe(404);
  });
});

describe("/healthz", () => {
  it("answers 200 with the database's round trip and the outbox's lag", async () => {
    await serve(httpApp({ logger, health: healthCheck({ prisma: h.db, outbox: h.stores.consultations.outbox, clock: h.clock }) }));
    const idle = (await (await fetch(`${base}/healthz`)).json()) as any;
    expect(idle).toMatchObject({ ok: true, database: { ok: true }, outbox: { pending: 0, failed: 0, lagSeconds: 0 } });
    expect(idle.database.roundTripMs).toBeGreaterThan(0);
    expect(idle.database.roundTripMs).toBeLessThan(1_000);

    // Two messages due 90 s ago and one due later: the lag is the oldest due one's wait.
    const { outbox } = h.stores.consultations;
    await outbox.enqueue([{ batch: "announce:h", chatId: 1n, text: "a" }, { batch: "announce:h", chatId: 2n, text: "b" }], new Date(h.clock.now().getTime() - 90_000));
    await outbox.enqueue([{ batch: "announce:later", chatId: 3n, text: "c" }], new Date(h.clock.now().getTime() + 60_000));
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(((await res.json()) as any).outbox).toEqual({ pending: 3, failed: 0, lagSeconds: 90 });
  });

  it("answers 503 when the database does not answer", async () => {
    // A database that never answers, and one whose server refuses connections.
    const hanging = { $queryRaw: () => new Promise(() => {}) } as unknown as DbClient;
    await serve(httpApp({ logger, health: healthCheck({ prisma: hanging, outbox: h.stores.consultations.outbox, clock: h.clock, timeoutMs: 200 }) }));
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, database: { ok: false, error: "no answer within 200 ms" }, outbox: null });
    await listener.close();

    const { PrismaPg } = await import("@prisma/adapter-pg");
    const { PrismaClient } = await import("../../src/db/generated/postgresql/client.js");
    const refused = new PrismaClient({ adapter: new PrismaPg({ connectionString: "postgresql://postgres@127.0.0.1:1/none", connectionTimeoutMillis: 1_000 }) }) as unknown as DbClient;
    await serve(httpApp({ logger, health: healthCheck({ prisma: refused, outbox: h.stores.consultations.outbox, clock: h.clock }) }));
    const down = await fetch(`${base}/healthz`);
    expect(down.status).toBe(503);
    expect(((await down.json()) as any).database.ok).toBe(false);
    await refused.$disconnect();
  });
});

describe("/metrics", () => {
  it("counts updates by type, their handling time, ballots, and the outbox by status, in Prometheus's format", async () => {
    await h.services.roster.import(Buffer.from(PARK_ROSTER), OPERATOR);
    const voter = await seedResident(h, { id: 4001, lang: "en", building: "1号楼", unit: "101" });
    const parsed = await h.services.consultations.lifecycle.parse(Buffer.from(specWith((s) => (s.closesAt = "2026-11-29T20:00:00+08:00"))));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const created = await h.services.consultations.lifecycle.create(parsed.value, OPERATOR);
    if (!created.ok) throw new Error("not created");
    await serve(httpApp({ logger, metrics }));
    const before = await (await fetch(`${base}/metrics`)).text();
    const count = (text: string, re: RegExp) => Number(re.exec(text)?.[1] ?? 0);
    const presses = count(before, /^frontstage_updates_total\{type="callback_query"\} (\d+)$/m);
    const ballots = count(before, /^frontstage_ballots_total (\d+)$/m);

    await voter.pressData("vo:1");
    const m = h.tg.chat(4001).find((x) => /Question 1\/5/.test(x.text))!;
    await voter.pressData(m.buttons[0]!.callback_data!, m);
    await voter.send("/help");

    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(count(text, /^frontstage_updates_total\{type="callback_query"\} (\d+)$/m)).toBe(presses + 2);
    expect(count(text, /^frontstage_ballots_total (\d+)$/m)).toBe(ballots + 1);
    expect(text).toMatch(/^frontstage_update_duration_seconds_bucket\{le="\+Inf",type="message"\} \d+$/m);
    // The opening notices of the consultation wait in the outbox.
    const pending = await h.db.outboxMessage.count({ where: { status: "pending" } });
    expect(pending).toBeGreaterThan(0);
    expect(text).toContain(`frontstage_outbox_messages{status="pending"} ${pending}`);
    expect(text).toMatch(/^frontstage_outbox_oldest_due_age_seconds \d/m);
    expect(text).toMatch(/^# TYPE frontstage_analysis_duration_seconds histogram$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
  });
});
