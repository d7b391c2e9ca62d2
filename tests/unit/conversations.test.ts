// The guided-conversation service on an in-memory ChatState table: state checked
// when read, lifetimes, revisions on buttons, compare-and-set on every move.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConversationService, defineConversation, HOUR_MS } from "../../src/app/conversations/index.js";
import type { ChatStateRow, ChatStateStore } from "../../src/app/conversations/ports.js";

class MemoryChatStates implements ChatStateStore {
  readonly rows = new Map<bigint, ChatStateRow>();
  async get(userId: bigint) {
    return this.rows.get(userId) ?? null;
  }
  async put(userId: bigint, kind: string, data: string, at: Date) {
    this.rows.set(userId, { kind, data, at });
  }
  async replace(userId: bigint, kind: string, from: string, to: string, at: Date) {
    const row = this.rows.get(userId);
    if (row?.kind !== kind || row.data !== from) return false;
    this.rows.set(userId, { kind, data: to, at });
    return true;
  }
  async take(userId: bigint, kind: string, from?: string) {
    const row = this.rows.get(userId);
    if (row?.kind !== kind || (from !== undefined && row.data !== from)) return false;
    return this.rows.delete(userId);
  }
}

const counter = defineConversation({ name: "counter", schema: z.object({ rev: z.number().int(), n: z.number().int() }), lifetimeMs: HOUR_MS });
const other = defineConversation({ name: "other", schema: z.object({ x: z.string() }), lifetimeMs: HOUR_MS });

function setup() {
  const clock = { current: new Date("2026-11-27T02:00:00Z"), now() { return this.current; } };
  const store = new MemoryChatStates();
  return { clock, store, service: new ConversationService({ store, clock }), advance: (ms: number) => (clock.current = new Date(clock.current.getTime() + ms)) };
}

describe("the conversation service", () => {
  it("starts, moves step by step and ends; a read of another kind sees nothing and leaves it", async () => {
    const { service, store } = setup();
    const held = await service.start(1n, counter, { rev: 0, n: 0 });
    expect(await service.read(1n, other)).toEqual({ status: "none" });
    const moved = await service.move(1n, held, { rev: 1, n: 1 });
    expect(moved?.state).toEqual({ rev: 1, n: 1 });
    const r = await service.read(1n, counter);
    expect(r.status === "active" && r.held.state).toEqual({ rev: 1, n: 1 });
    expect(await service.end(1n, moved!)).toBe(true);
    expect(store.rows.size).toBe(0);
    expect(await service.read(1n, counter)).toEqual({ status: "none" });
  });

  it("never applies a move or an end twice: the second one, from the same step, is refused", async () => {
    const { service } = setup();
    const held = await service.start(1n, counter, { rev: 0, n: 0 });
    expect(await service.move(1n, held, { rev: 1, n: 1 })).not.toBeNull();
    expect(await service.move(1n, held, { rev: 1, n: 5 })).toBeNull();
    expect(await service.end(1n, held)).toBe(false);
    const r = await service.read(1n, counter);
    expect(r.status === "active" && r.held.state.n).toBe(1);
  });

  it("refuses a button of an earlier step and changes nothing", async () => {
    const { service, store } = setup();
    const held = await service.start(1n, counter, { rev: 0, n: 0 });
    await service.move(1n, held, { rev: 1, n: 1 });
    const before = store.rows.get(1n);
    const stale = await service.press(1n, counter, 0);
    expect(stale.status).toBe("stale");
    expect(store.rows.get(1n)).toEqual(before);
    expect((await service.press(1n, counter, 1)).status).toBe("active");
  });

  it("an expired conversation is lost and deleted; within its lifetime, and counted from the last step, it is not", async () => {
    const { service, store, advance } = setup();
    const held = await service.start(1n, counter, { rev: 0, n: 0 });
    advance(HOUR_MS - 1);
    await service.move(1n, held, { rev: 1, n: 1 });
    advance(HOUR_MS);
    expect((await service.read(1n, counter)).status).toBe("active");
    advance(1);
    expect(await service.read(1n, counter)).toEqual({ status: "lost", reason: "expired" });
    expect(store.rows.size).toBe(0);
    expect(await service.press(1n, counter, 1)).toEqual({ status: "none" });
  });

  it("a row that is not JSON, or not of the kind's shape, is lost and deleted, never acted on", async () => {
    const { service, store, clock } = setup();
    for (const data of ["{not json", JSON.stringify({ rev: "one", n: 0 }), "null"]) {
      store.rows.set(1n, { kind: "counter", data, at: clock.now() });
      expect(await service.press(1n, counter, 0)).toEqual({ status: "lost", reason: "unreadable" });
      expect(store.rows.size).toBe(0);
    }
  });

  it("dropping a lost row spares a conversation started meanwhile; drop ends only its own kind", async () => {
    const { service, store, clock } = setup();
    const stale: ChatStateRow = { kind: "counter", data: "{not json", at: clock.now() };
    await service.start(1n, counter, { rev: 7, n: 7 });
    expect(await service.read(1n, counter, stale)).toEqual({ status: "lost", reason: "unreadable" });
    expect(store.rows.get(1n)?.data).toBe(JSON.stringify({ rev: 7, n: 7 }));
    expect(await service.drop(1n, other)).toBe(false);
    expect(await service.drop(1n, counter)).toBe(true);
  });

  it("writes only states of the kind's shape", async () => {
    const { service } = setup();
    await expect(service.start(1n, counter, { rev: 0, n: 0.5 })).rejects.toThrow();
  });
});
