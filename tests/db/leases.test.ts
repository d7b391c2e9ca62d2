// Leases (src/app/leases.ts) on both databases: one task at a time holds one,
// its holder keeps it while it works, a dead holder's runs out.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Leases } from "../../src/app/leases.js";
import { PrismaLeaseStore } from "../../src/db/repositories/leases.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.cleanup());
beforeEach(() => db.reset());

const clockAt = (iso: string) => {
  const clock = { at: new Date(iso), now: () => new Date(clock.at), advance: (ms: number) => (clock.at = new Date(clock.at.getTime() + ms)) };
  return clock;
};

describe("leases", () => {
  it("one holder at a time: taken when free, renewed by its holder, taken by another only once it ran out", async () => {
    const store = new PrismaLeaseStore(db.db.prisma);
    const t0 = new Date("2026-11-27T02:00:00Z");
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    expect(await store.acquire("analysis:1", "a", at(30), at(0))).toBe(true);
    expect(await store.acquire("analysis:1", "b", at(40), at(10))).toBe(false);
    expect(await store.isHeld("analysis:1", at(10))).toBe(true);
    // Renewed by its holder.
    expect(await store.acquire("analysis:1", "a", at(50), at(20))).toBe(true);
    expect(await store.acquire("analysis:1", "b", at(70), at(40))).toBe(false);
    // Ran out: another takes it; the first holder's release then changes nothing.
    expect(await store.isHeld("analysis:1", at(50))).toBe(false);
    expect(await store.acquire("analysis:1", "b", at(80), at(50))).toBe(true);
    await store.release("analysis:1", "a");
    expect(await db.db.prisma.lease.findMany()).toEqual([{ name: "analysis:1", holder: "b", expiresAt: at(80) }]);
    // Another name is another lease.
    expect(await store.acquire("analysis:2", "a", at(80), at(50))).toBe(true);
    await store.release("analysis:1", "b");
    expect(await store.isHeld("analysis:1", at(50))).toBe(false);
  });

  it("of many tasks racing for a free lease, exactly one gets it", async () => {
    const store = new PrismaLeaseStore(db.db.prisma);
    const now = new Date("2026-11-27T02:00:00Z");
    const until = new Date(now.getTime() + 30_000);
    const got = await Promise.all(Array.from({ length: 8 }, (_, i) => store.acquire("closing:3", `task${i}`, until, now)));
    expect(got.filter(Boolean)).toHaveLength(1);
  });

  it("tryRun runs the work while holding the lease, lets go after it (also when it fails), and refuses while another holds it", async () => {
    const clock = clockAt("2026-11-27T02:00:00Z");
    const leases = new Leases({ store: new PrismaLeaseStore(db.db.prisma), clock });
    let release!: () => void;
    const first = leases.tryRun("analysis:9", () => new Promise<string>((resolve) => (release = () => resolve("first"))));
    await new Promise((r) => setTimeout(r, 50));
    expect(await leases.tryRun("analysis:9", async () => "second")).toEqual({ ran: false });
    release();
    expect(await first).toEqual({ ran: true, value: "first" });
    expect(await db.db.prisma.lease.count()).toBe(0);
    await expect(leases.tryRun("analysis:9", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await leases.tryRun("analysis:9", async () => "third")).toEqual({ ran: true, value: "third" });
  });

  it("renews the lease while long work runs, so nobody takes it meanwhile; a dead holder's runs out and run() then takes it", async () => {
    const clock = { now: () => new Date() };
    const store = new PrismaLeaseStore(db.db.prisma);
    const leases = new Leases({ store, clock, ttlMs: 300 });
    const long = leases.tryRun("closing:1", () => new Promise((r) => setTimeout(r, 1_000)));
    await new Promise((r) => setTimeout(r, 700));
    // Past its first 300 ms, yet still held: renewed every 100 ms.
    expect(await store.isHeld("closing:1", new Date())).toBe(true);
    expect((await leases.tryRun("closing:1", async () => 1)).ran).toBe(false);
    await long;

    // A holder that died: its row stays until it runs out.
    await db.db.prisma.lease.create({ data: { name: "closing:2", holder: "dead", expiresAt: new Date(Date.now() + 400) } });
    expect((await leases.run("closing:2", async () => 1, { waitMs: 100, pollMs: 20 })).ran).toBe(false);
    const started = Date.now();
    expect(await leases.run("closing:2", async () => "mine", { waitMs: 2_000, pollMs: 20 })).toEqual({ ran: true, value: "mine" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});
