// The sender's lookup on the driver connection (src/db/residentReader.ts, SQLite)
// gives exactly what Prisma's findUnique gives: the same Resident, field by field.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PrismaResidentStore, residentReaderFor } from "../../src/db/repositories/residents.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.cleanup());
beforeEach(() => db.reset());

describe("the sender's lookup on the driver connection", () => {
  it("finds what Prisma finds: with a unit and its claimed code, without one, and no one", async () => {
    const p = db.db.prisma;
    const unit = await p.unit.create({ data: { building: "3号楼", number: "1201", areaCenti: 8_950, inviteCode: "K3-1201" } });
    const big = 9_007_199_254_740_993n; // beyond 2^53: must stay exact
    await p.user.create({ data: { id: big, language: "en", consentAt: new Date("2026-11-27T02:00:00.123Z"), status: "verified", unitId: unit.id, relation: "tenant", areaCenti: 4_200, verifiedAt: new Date("2026-11-28T03:04:05.006Z"), verifiedBy: 8_100_000_001n, remindersMuted: true, unreachableAt: new Date("2026-11-29T00:00:00Z"), revision: 7 } });
    await p.unit.update({ where: { id: unit.id }, data: { codeClaimedById: big } });
    await p.user.create({ data: { id: 42n, language: "zh", consentAt: new Date("2026-11-27T02:00:00Z"), status: "registering", step: "unit", draftBuilding: "3号楼", draftCode: "K3-1201" } });
    const plain = new PrismaResidentStore(p);
    const driven = new PrismaResidentStore(p, residentReaderFor(db.db.provider, db.url));
    try {
      for (const id of [big, 42n, 43n]) expect(await driven.find(id), String(id)).toEqual(await plain.find(id));
      expect(await driven.find(big)).toMatchObject({ id: big, codeVerified: true, remindersMuted: true, unit: { building: "3号楼", areaCenti: 8_950 } });
      expect(await driven.find(43n)).toBeNull();
      // On SQLite it really read through the driver connection.
      if (db.db.provider === "sqlite") expect(await (driven as unknown as { reader: Promise<unknown> }).reader).not.toBeNull();
      // A change made through Prisma is seen at once (nothing is cached).
      await p.user.update({ where: { id: 42n }, data: { language: "en", revision: 1 } });
      expect(await driven.find(42n)).toMatchObject({ language: "en", revision: 1 });
    } finally {
      await driven.close();
    }
  });
});
