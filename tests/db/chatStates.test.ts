// The ChatState repository every guided conversation goes through.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PrismaChatStateStore } from "../../src/db/repositories/chatStates.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let t: TestDatabase;
let store: PrismaChatStateStore;
beforeAll(async () => {
  t = await createTestDatabase();
  store = new PrismaChatStateStore(t.db.prisma);
});
afterAll(() => t.cleanup());
beforeEach(() => t.reset());

const at = new Date("2026-11-27T02:03:04.567Z");
const later = new Date("2026-11-27T03:00:00.000Z");

describe("the ChatState repository", () => {
  it("keeps the time of the last move as the service's clock gave it", async () => {
    await store.put(5n, "statement", '{"a":1}', at);
    expect(await store.get(5n)).toEqual({ kind: "statement", data: '{"a":1}', at });
    expect(await store.replace(5n, "statement", '{"a":1}', '{"a":2}', later)).toBe(true);
    expect(await store.get(5n)).toEqual({ kind: "statement", data: '{"a":2}', at: later });
  });

  it("moves and ends a conversation only from the exact state, and only of its kind", async () => {
    await store.put(5n, "statement", '{"a":1}', at);
    expect(await store.replace(5n, "statement", '{"a":0}', '{"a":2}', later)).toBe(false);
    expect(await store.replace(5n, "respond", '{"a":1}', '{"a":2}', later)).toBe(false);
    expect(await store.take(5n, "statement", '{"a":0}')).toBe(false);
    expect(await store.take(5n, "respond")).toBe(false);
    await store.put(5n, "new-consultation", '{"step":2}', later);
    expect(await store.take(5n, "statement")).toBe(false);
    expect(await store.get(5n)).toMatchObject({ kind: "new-consultation" });
    expect(await store.take(5n, "new-consultation")).toBe(true);
    expect(await store.get(5n)).toBeNull();
  });
});
