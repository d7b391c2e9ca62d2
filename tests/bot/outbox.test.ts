import { beforeEach, describe, expect, it } from "vitest";
import type { MessageSender } from "../../src/app/consultations/outboxWorker.js";
import type { OutboxDraft } from "../../src/app/consultations/ports.js";
import { telegramSender } from "../../src/bot/outboxSender.js";
import { silentLogger } from "../../src/logger.js";
import { seedResident, virtualSleep, useHarness } from "../support/park.js";
import { OPERATOR } from "../support/actors.js";

const h = useHarness();
beforeEach(() => {
  h.tg.script = undefined;
});

const outbox = () => h.stores.consultations.outbox;
const start = () => h.clock.now().getTime();

/** A worker on the harness's bot API, in virtual time: its waits move the test clock. */
function worker(sender: MessageSender = telegramSender(h.bot.api)) {
  const v = virtualSleep(h);
  return { w: h.services.consultations.createOutboxWorker(sender, silentLogger, { sleep: v.sleep }), waits: v.waits };
}

/** When each sendMessage reached "Telegram" (virtual ms since the start), per chat. */
function recordSends(t0: number) {
  const sends: { chat: number; at: number; text: string }[] = [];
  const previous = h.tg.script;
  h.tg.script = (method, payload) => {
    if (method === "sendMessage") sends.push({ chat: Number(payload.chat_id), at: h.clock.now().getTime() - t0, text: payload.text });
    return previous?.(method, payload);
  };
  return sends;
}

const drafts = (batch: string, chats: number[], text = (c: number) => `hello ${c}`): OutboxDraft[] => chats.map((c) => ({ batch, chatId: BigInt(c), text: text(c) }));

describe("the outbox", () => {
  it("sends at most 25 messages in any second and at most 1 a second to one chat, each exactly once", async () => {
    const t0 = start();
    const chats = Array.from({ length: 80 }, (_, i) => 5000 + i);
    await outbox().enqueue(drafts("announce:a", chats), h.clock.now());
    await outbox().enqueue(drafts("announce:b", [5000, 5001], (c) => `again ${c}`), h.clock.now()); // second messages to two chats
    const sends = recordSends(t0);
    await worker().w.drain();
    expect(sends).toHaveLength(82);
    expect(new Set(sends.map((s) => `${s.chat}|${s.text}`)).size).toBe(82);
    for (let i = 25; i < sends.length; i++) expect(sends[i]!.at - sends[i - 25]!.at, `send ${i}`).toBeGreaterThanOrEqual(1000);
    for (const chat of [5000, 5001]) {
      const times = sends.filter((s) => s.chat === chat).map((s) => s.at);
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1000);
    }
    // 82 messages at 25 a second take a little over 3 seconds, not more.
    expect(sends.at(-1)!.at).toBeLessThan(4000);
    expect(await outbox().progress("announce:")).toEqual({ pending: 0, sending: 0, sent: 82, blocked: 0, failed: 0 });
  });

  it("on 429 everything waits exactly retry_after, then the message goes again", async () => {
    const t0 = start();
    await outbox().enqueue(drafts("announce:x", [6001, 6002, 6003, 6004, 6005, 6006]), h.clock.now());
    let calls = 0;
    h.tg.script = (method) => (method === "sendMessage" && ++calls === 3 ? { error_code: 429, description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } } : undefined);
    const sends = recordSends(t0);
    const { w, waits } = worker();
    await w.drain();
    const limited = sends[2]!;
    const after = sends.slice(3);
    // Nothing in between; the next send starts exactly retry_after after the 429.
    expect(after[0]!.at).toBe(limited.at + 7000);
    expect(waits.reduce((a, b) => a + b, 0)).toBeLessThan(7000 + 6 * 1000);
    expect(after.find((s) => s.chat === limited.chat)).toBeDefined();
    expect(h.tg.callsOf("sendMessage").filter((c) => Number(c.payload.chat_id) === limited.chat)).toHaveLength(2);
    expect(await outbox().progress("announce:")).toMatchObject({ sent: 6, pending: 0 });
    const row = await h.db.outboxMessage.findFirstOrThrow({ where: { chatId: BigInt(limited.chat) } });
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("on 403 marks the resident unreachable, stops sending to them, and leaves them out of later sends", async () => {
    await seedResident(h, { id: 7001, lang: "en", building: "1号楼", unit: "101" });
    const blocker = await seedResident(h, { id: 7002, lang: "en", building: "1号楼", unit: "102" });
    await outbox().enqueue(drafts("announce:1", [7001, 7002]), h.clock.now());
    await outbox().enqueue(drafts("announce:2", [7001, 7002]), h.clock.now());
    let blockedAt: Date | undefined;
    h.tg.script = (method, payload) => {
      if (method !== "sendMessage" || payload.chat_id !== 7002) return undefined;
      blockedAt = h.clock.now();
      return { error_code: 403, description: "Forbidden: bot was blocked by the user" };
    };
    await worker().w.drain();
    expect(h.tg.callsOf("sendMessage").filter((c) => c.payload.chat_id === 7002)).toHaveLength(1);
    expect((await h.db.user.findUniqueOrThrow({ where: { id: 7002n } })).unreachableAt).toEqual(blockedAt);
    expect((await h.db.outboxMessage.findMany({ where: { chatId: 7002n }, orderBy: { id: "asc" } })).map((m) => [m.status, m.error])).toEqual([
      ["blocked", "Forbidden: bot was blocked by the user"],
      ["blocked", "the person blocked the bot"],
    ]);
    // An announcement later reaches only who can get it.
    const sent = await h.services.consultations.broadcasts.announce({ en: "Water off on Monday" }, null, OPERATOR);
    expect(sent.recipients).toBe(1);
    // Once they write to the bot again, they are reachable again.
    h.tg.script = undefined;
    await blocker.send("/vote");
    expect((await h.db.user.findUniqueOrThrow({ where: { id: 7002n } })).unreachableAt).toBeNull();
  });

  it("resumes after a restart where it stopped, sends nothing twice, and sends again what a crash left half-sent", async () => {
    const chats = Array.from({ length: 30 }, (_, i) => 8000 + i);
    await outbox().enqueue(drafts("publish:9", chats), h.clock.now());
    // A process died while sending this one: Telegram may have it already, but it is sent again — twice is better than never.
    const halfSent = await h.db.outboxMessage.findFirstOrThrow({ where: { chatId: 8029n } });
    // Its lease (a minute) ran out when the process died.
    await h.db.outboxMessage.update({ where: { id: halfSent.id }, data: { status: "sending", attempts: 1, notBefore: new Date(h.clock.now().getTime() - 1) } });

    // First run: stopped (SIGTERM) after 10 deliveries.
    const base = telegramSender(h.bot.api);
    let delivered = 0;
    const first = worker({
      send: async (m) => {
        const r = await base.send(m);
        if (++delivered === 10) void first.w.stop();
        return r;
      },
    });
    first.w.start();
    for (let i = 0; i < 500 && delivered < 10; i++) await new Promise((r) => setTimeout(r, 5));
    await first.w.stop();
    const afterFirst = h.tg.callsOf("sendMessage").length;
    expect(afterFirst).toBeGreaterThanOrEqual(10);
    expect(afterFirst).toBeLessThan(30);
    expect(await h.db.outboxMessage.count({ where: { status: "sending" } })).toBe(0);

    // The restart: a new process, a new worker.
    h.restart();
    await worker().w.drain();
    const calls = h.tg.callsOf("sendMessage").map((c) => Number(c.payload.chat_id));
    expect(calls).toHaveLength(30);
    expect(new Set(calls).size).toBe(30);
    expect(calls.filter((c) => c === 8029)).toHaveLength(1);
    expect(await outbox().progress("publish:9")).toEqual({ pending: 0, sending: 0, sent: 30, blocked: 0, failed: 0 });
    expect((await h.db.outboxMessage.findUniqueOrThrow({ where: { id: halfSent.id } })).status).toBe("sent");
  });

  it("leaves alone a message another instance is sending (within its lease), and sends it once the lease ran out", async () => {
    await outbox().enqueue(drafts("announce:lease", [8201, 8202]), h.clock.now());
    const row = await h.db.outboxMessage.findFirstOrThrow({ where: { chatId: 8201n } });
    // Another instance claimed it a second ago: its lease runs for another 59 s.
    expect(await outbox().claim(row.id, new Date(h.clock.now().getTime() + 59_000))).toBe(true);
    expect(await outbox().claim(row.id, new Date(h.clock.now().getTime() + 60_000))).toBe(false);
    await worker().w.drain();
    expect(h.tg.callsOf("sendMessage").map((c) => c.payload.chat_id)).toEqual([8202]);
    expect((await h.db.outboxMessage.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("sending");
    // That instance died: a minute later the message is sent again.
    h.clock.advance(60_000);
    await worker().w.drain();
    expect(h.tg.callsOf("sendMessage").map((c) => c.payload.chat_id)).toEqual([8202, 8201]);
    expect(await outbox().progress("announce:lease")).toEqual({ pending: 0, sending: 0, sent: 2, blocked: 0, failed: 0 });
  });

  it("queues again, on a second /publish, what failed: the committee can repair a batch", async () => {
    await outbox().enqueue(drafts("publish:7", [8101, 8102, 8103]), h.clock.now());
    h.tg.script = (method, payload) => (method === "sendMessage" && payload.chat_id === 8102 ? { error_code: 400, description: "Bad Request: chat not found" } : undefined);
    await worker().w.drain();
    expect(await outbox().progress("publish:7")).toEqual({ pending: 0, sending: 0, sent: 2, blocked: 0, failed: 1 });
    h.tg.script = undefined;
    // The same batch queued again: only the failed row, with the new text.
    expect(await outbox().enqueue(drafts("publish:7", [8101, 8102, 8103], (c) => `again ${c}`), h.clock.now())).toBe(1);
    await worker().w.drain();
    expect(await outbox().progress("publish:7")).toEqual({ pending: 0, sending: 0, sent: 3, blocked: 0, failed: 0 });
    const to8102 = h.tg.callsOf("sendMessage").filter((c) => c.payload.chat_id === 8102).map((c) => c.payload.text);
    expect(to8102).toHaveLength(2);
    expect(to8102[1]).toBe("again 8102");
    expect(h.tg.callsOf("sendMessage").filter((c) => c.payload.chat_id === 8101)).toHaveLength(1);
  });

  it("retries a server error with a growing delay, and gives a refused message up at once", async () => {
    await outbox().enqueue(drafts("announce:z", [9001, 9002]), h.clock.now());
    let errors = 0;
    h.tg.script = (method, payload) => {
      if (method !== "sendMessage") return undefined;
      if (payload.chat_id === 9001 && ++errors <= 2) return { error_code: 502, description: "Bad Gateway" };
      if (payload.chat_id === 9002) return { error_code: 400, description: "Bad Request: chat not found" };
      return undefined;
    };
    const { w, waits } = worker();
    await w.drain();
    expect(await h.db.outboxMessage.findFirstOrThrow({ where: { chatId: 9001n } })).toMatchObject({ status: "sent", attempts: 3 });
    expect(await h.db.outboxMessage.findFirstOrThrow({ where: { chatId: 9002n } })).toMatchObject({ status: "failed", attempts: 1, error: "Bad Request: chat not found" });
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2000 + 4000);
  });
});
