import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UpdateLedger } from "../../src/app/updates.js";
import { PrismaProcessedUpdateStore } from "../../src/db/repositories/processedUpdates.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.cleanup());
beforeEach(() => db.reset());

const clockAt = (iso: string) => {
  const clock = { at: new Date(iso), now: () => new Date(clock.at) };
  return clock;
};

describe("the record of processed updates", () => {
  it("claims an update once; a second delivery, here or in another process after it was done, is skipped", async () => {
    const store = new PrismaProcessedUpdateStore(db.db.prisma);
    const clock = clockAt("2026-11-27T02:00:00Z");
    const first = new UpdateLedger({ store, clock });
    expect(await first.begin(10)).toBe(true);
    // Delivered again while still under way here (a webhook retry).
    expect(await first.begin(10)).toBe(false);
    first.end(10);
    await first.flush();
    expect(await first.begin(10)).toBe(false);
    const next = new UpdateLedger({ store, clock });
    expect(await next.begin(10)).toBe(false);
    expect(await db.db.prisma.processedUpdate.findMany()).toEqual([{ updateId: 10n, state: "done", owner: first.owner, startedAt: clock.now() }]);
  });

  it("hands an update left half-done by a process that died to the next process, once", async () => {
    const store = new PrismaProcessedUpdateStore(db.db.prisma);
    const clock = clockAt("2026-11-27T02:00:00Z");
    const dead = new UpdateLedger({ store, clock });
    expect(await dead.begin(20)).toBe(true);
    // No end(): the process was killed mid-update.
    const next = new UpdateLedger({ store, clock });
    expect(await next.begin(20)).toBe(true);
    expect(await next.begin(20)).toBe(false);
    expect((await db.db.prisma.processedUpdate.findUniqueOrThrow({ where: { updateId: 20n } })).owner).toBe(next.owner);
    expect((await db.db.prisma.processedUpdate.findUniqueOrThrow({ where: { updateId: 20n } })).state).toBe("started");
  });

  it("marks many updates done in one write, and prunes what is older than a day", async () => {
    const store = new PrismaProcessedUpdateStore(db.db.prisma);
    const clock = clockAt("2026-11-25T02:00:00Z");
    const ledger = new UpdateLedger({ store, clock });
    for (let id = 1; id <= 5; id++) expect(await ledger.begin(id)).toBe(true);
    clock.at = new Date("2026-11-26T12:00:00Z");
    for (let id = 6; id <= 8; id++) expect(await ledger.begin(id)).toBe(true);
    for (let id = 1; id <= 8; id++) ledger.end(id);
    await ledger.close();
    expect(await db.db.prisma.processedUpdate.count({ where: { state: "done" } })).toBe(8);
    clock.at = new Date("2026-11-27T02:00:00Z");
    expect(await ledger.prune()).toBe(5);
    expect((await db.db.prisma.processedUpdate.findMany({ orderBy: { updateId: "asc" } })).map((r) => Number(r.updateId))).toEqual([6, 7, 8]);
  });
});
