// openDatabase() on the provider under test: ids, settings, reset.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.cleanup();
});
beforeEach(async () => {
  await t.reset();
});

const consent = { language: "zh", consentAt: new Date("2026-11-01T08:00:00Z") };

describe("openDatabase", () => {
  it("round-trips Telegram ids beyond 2^53 exactly", async () => {
    const id = 9007199254740993n; // 2^53 + 1: a Number would silently become …992
    const admin = 9223372036854775807n; // the largest signed 64-bit id
    await t.db.prisma.user.create({ data: { id, ...consent, verifiedBy: admin } });
    await t.db.prisma.roleGrant.create({ data: { userId: id, role: "committee", grantedBy: admin } });

    const user = await t.db.prisma.user.findUniqueOrThrow({ where: { id } });
    expect(user.id).toBe(id);
    expect(user.verifiedBy).toBe(admin);
    const grant = await t.db.prisma.roleGrant.findFirstOrThrow({ where: { userId: id } });
    expect(grant).toMatchObject({ userId: id, grantedBy: admin });
  });

  it("enforces foreign keys and their ON DELETE rules", async () => {
    await expect(t.db.prisma.user.create({ data: { id: 1n, ...consent, unitId: 999 } })).rejects.toThrow();
    const unit = await t.db.prisma.unit.create({ data: { building: "3", number: "1201", inviteCode: "K7Q2" } });
    await t.db.prisma.user.create({ data: { id: 2n, ...consent, unitId: unit.id } });
    await t.db.prisma.unit.delete({ where: { id: unit.id } });
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: 2n } })).unitId).toBeNull();
  });

  it("reset() empties every table and restarts autoincrement ids", async () => {
    const first = await t.db.prisma.unit.create({ data: { building: "1", number: "101", inviteCode: "A1" } });
    await t.db.prisma.user.create({ data: { id: 5n, ...consent, unitId: first.id } });
    await t.db.prisma.unit.update({ where: { id: first.id }, data: { codeClaimedById: 5n } });
    await t.db.prisma.roleGrant.create({ data: { userId: 5n, role: "admin" } });
    await t.reset();
    expect(await t.db.prisma.user.count()).toBe(0);
    expect(await t.db.prisma.unit.count()).toBe(0);
    expect(await t.db.prisma.roleGrant.count()).toBe(0);
    const again = await t.db.prisma.unit.create({ data: { building: "1", number: "101", inviteCode: "A1" } });
    expect(again.id).toBe(1);
  });

  it("keeps the migration history through reset()", async () => {
    const rows = await t.db.prisma.$queryRawUnsafe<unknown[]>('SELECT 1 FROM "_prisma_migrations"');
    expect(rows.length).toBeGreaterThan(0);
  });

  it.runIf(process.env.TEST_DB !== "postgres")("runs SQLite in WAL mode with synchronous=NORMAL and a busy timeout", async () => {
    const pragma = async (name: string) =>
      Object.values((await t.db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`))[0]!)[0];
    expect(t.db.provider).toBe("sqlite");
    expect(await pragma("journal_mode")).toBe("wal");
    expect(Number(await pragma("synchronous"))).toBe(1); // 1 = NORMAL
    expect(Number(await pragma("busy_timeout"))).toBe(5000);
    expect(Number(await pragma("foreign_keys"))).toBe(1);
  });

  it.runIf(process.env.TEST_DB === "postgres")("uses PostgreSQL for TEST_DB=postgres", async () => {
    expect(t.db.provider).toBe("postgresql");
    const [row] = await t.db.prisma.$queryRawUnsafe<{ db: string }[]>("SELECT current_database() AS db");
    expect(row?.db).toMatch(/^fs_test_[0-9a-f]{12}$/);
  });

  it("close() can be called twice", async () => {
    const other = await createTestDatabase();
    await other.db.close();
    await expect(other.db.close()).resolves.toBeUndefined();
    await other.cleanup();
  });
});
