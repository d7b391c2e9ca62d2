// The sender's lookup on the driver connection (src/db/driverPath.ts) reads
// exactly what Prisma reads: every field, null or not, on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDriverPath, type DriverPath } from "../../src/db/driverPath.js";
import { PrismaResidentStore } from "../../src/db/repositories/residents.js";
import { useTestDatabase } from "../support/database.js";

const t = useTestDatabase();
let driver: DriverPath;
beforeAll(async () => {
  driver = await openDriverPath(t.db.provider, t.url);
});
afterAll(async () => {
  await driver?.close();
});

describe("resident lookup on the driver connection", () => {
  it("reads every field as Prisma does, for a registering, a verified and a muted, unreachable person", async () => {
    const unit = await t.db.prisma.unit.create({ data: { building: "3", number: "1201", inviteCode: "K7Q2", areaCenti: 8_950 } });
    const other = await t.db.prisma.unit.create({ data: { building: "甲栋", number: "0101", inviteCode: "Z9X8" } });
    const big = 9007199254740993n; // 2^53 + 1
    await t.db.prisma.user.create({ data: { id: 1n, language: "zh", consentAt: new Date("2026-11-01T08:00:00.123Z"), status: "registering", step: "code", draftBuilding: "3" } });
    await t.db.prisma.user.create({
      data: { id: big, language: "en", consentAt: new Date("2026-11-02T09:30:00Z"), status: "verified", unitId: unit.id, relation: "owner", areaCenti: 4_475, verifiedAt: new Date("2026-11-03T10:00:00.5Z"), verifiedBy: 9223372036854775807n },
    });
    await t.db.prisma.unit.update({ where: { id: unit.id }, data: { codeClaimedById: big } });
    await t.db.prisma.user.create({
      data: { id: 3n, language: "zh", consentAt: new Date("2026-11-04T00:00:00Z"), status: "verified", unitId: other.id, relation: "tenant", remindersMuted: true, unreachableAt: new Date("2026-11-05T23:59:59.999Z") },
    });

    const viaPrisma = new PrismaResidentStore(t.db.prisma);
    const viaDriver = new PrismaResidentStore(t.db.prisma, async () => driver);
    for (const id of [1n, big, 3n]) {
      const expected = await viaPrisma.find(id);
      expect(expected).not.toBeNull();
      expect(await viaDriver.find(id)).toStrictEqual(expected);
    }
    expect((await viaDriver.find(big))?.codeVerified).toBe(true);
    expect((await viaDriver.find(3n))?.unit).toStrictEqual({ id: other.id, building: "甲栋", number: "0101", areaCenti: null });
  });

  it("tells no such person apart from a lookup that cannot run", async () => {
    expect(await driver.residentRow(424242n)).toStrictEqual({ row: null });
    expect(await new PrismaResidentStore(t.db.prisma, async () => driver).find(424242n)).toBeNull();
  });

  it("sees a change Prisma has just committed", async () => {
    await t.db.prisma.user.create({ data: { id: 7n, language: "zh", consentAt: new Date("2026-11-01T08:00:00Z") } });
    const store = new PrismaResidentStore(t.db.prisma, async () => driver);
    expect((await store.find(7n))?.language).toBe("zh");
    await t.db.prisma.user.update({ where: { id: 7n }, data: { language: "en", revision: { increment: 1 } } });
    expect(await store.find(7n)).toMatchObject({ language: "en", revision: 1 });
  });
});

describe("while a transaction is open on Prisma's connection", () => {
  it("reads what Prisma wrote meanwhile, even where it is not committed yet (SQLite runs it inside that transaction)", async () => {
    await t.db.prisma.user.create({ data: { id: 9n, language: "zh", consentAt: new Date("2026-11-01T08:00:00Z") } });
    const store = new PrismaResidentStore(t.db.prisma, async () => driver, t.db.othersSeeAllWrites);
    expect(t.db.othersSeeAllWrites()).toBe(true);
    await t.db.prisma.$transaction(async (tx) => {
      await tx.unit.create({ data: { building: "9", number: "0901", inviteCode: "TXTX" } });
      expect(t.db.othersSeeAllWrites()).toBe(t.db.provider === "postgresql");
      await t.db.prisma.user.update({ where: { id: 9n }, data: { language: "en" } });
      await t.db.prisma.user.create({ data: { id: 10n, language: "en", consentAt: new Date("2026-11-01T08:00:00Z") } });
      expect((await store.find(9n))?.language).toBe("en");
      expect((await store.find(10n))?.id).toBe(10n);
    });
    expect(t.db.othersSeeAllWrites()).toBe(true);
    expect((await store.find(9n))?.language).toBe("en");
  });
});
