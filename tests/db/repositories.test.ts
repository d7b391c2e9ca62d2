import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { newRegistration, placeInUnit } from "../../src/domain/residents/registration.js";
import { PrismaResidentStore } from "../../src/db/repositories/residents.js";
import { PrismaRoleStore } from "../../src/db/repositories/roles.js";
import { PrismaUnitStore } from "../../src/db/repositories/units.js";
import { PrismaAudienceStore, UNITS_NAMED } from "../../src/db/repositories/audience.js";
import { createTestDatabase, type TestDatabase } from "../support/database.js";

let t: TestDatabase;
let residents: PrismaResidentStore;
let units: PrismaUnitStore;
let roles: PrismaRoleStore;
beforeAll(async () => {
  t = await createTestDatabase();
  residents = new PrismaResidentStore(t.db.prisma);
  units = new PrismaUnitStore(t.db.prisma);
  roles = new PrismaRoleStore(t.db.prisma);
});
afterAll(() => t.cleanup());
beforeEach(() => t.reset());

let n = 0;
const codes = () => `CODE${String(n++).padStart(4, "0")}`;
const at = new Date("2026-11-27T00:00:00Z");

describe("units", () => {
  it("imports, then updates areas and keeps codes on a second import", async () => {
    expect(await units.importRoster([{ building: "A", number: "101", areaCenti: 100 }, { building: "A", number: "102", areaCenti: null }], codes)).toEqual({ created: 2, updated: 0, total: 2 });
    const before = await units.list();
    expect(await units.importRoster([{ building: "A", number: "101", areaCenti: 250 }, { building: "B", number: "1", areaCenti: null }], codes)).toEqual({ created: 1, updated: 1, total: 3 });
    const after = await units.list();
    expect(after.find((u) => u.number === "101")).toMatchObject({ areaCenti: 250, inviteCode: before.find((u) => u.number === "101")!.inviteCode });
    expect(await units.buildings()).toEqual(["A", "B"]);
    expect(await units.findByName("A", "102")).toMatchObject({ building: "A", number: "102", areaCenti: null });
    expect(await units.findByName("A", "999")).toBeNull();
  });

  it("draws a new code when one collides", async () => {
    const seq = ["SAMECODE", "SAMECODE", "OTHERONE"];
    await units.importRoster([{ building: "A", number: "1", areaCenti: null }, { building: "A", number: "2", areaCenti: null }], () => seq.shift()!);
    expect((await units.list()).map((u) => u.inviteCode).sort()).toEqual(["OTHERONE", "SAMECODE"]);
  });
});

describe("the roster of an audience (Art. 278 totals)", () => {
  it("counts every unit of the buildings in one aggregate, the units without an area apart, naming the first few", async () => {
    const roster = new PrismaAudienceStore(t.db.prisma);
    const many = Array.from({ length: UNITS_NAMED + 5 }, (_, i) => ({ building: "C", number: String(100 + i), areaCenti: null }));
    await units.importRoster([{ building: "A", number: "101", areaCenti: 8_550 }, { building: "A", number: "102", areaCenti: 9_200 }, { building: "B", number: "1", areaCenti: 1_000_000 }, { building: "B", number: "2", areaCenti: null }, ...many], codes);
    expect(await roster.roster(["A"])).toEqual({ units: 2, areaCenti: 17_750, withoutArea: { count: 0, names: [] } });
    expect(await roster.roster(["A", "B"])).toEqual({ units: 3, areaCenti: 1_017_750, withoutArea: { count: 1, names: ["B 2"] } });
    const park = await roster.roster(null);
    expect(park).toMatchObject({ units: 3, areaCenti: 1_017_750, withoutArea: { count: UNITS_NAMED + 6 } });
    expect(park.withoutArea.names).toHaveLength(UNITS_NAMED);
    expect(park.withoutArea.names[0]).toBe("B 2");
    expect(await roster.roster(["nowhere"])).toEqual({ units: 0, areaCenti: 0, withoutArea: { count: 0, names: [] } });
  });
});

describe("residents", () => {
  it("round-trips a 64-bit id and refuses a second creation", async () => {
    const id = 9_007_199_254_740_993n;
    expect(await residents.create(id, newRegistration("zh", null), at)).toBe(true);
    expect(await residents.create(id, newRegistration("en", null), at)).toBe(false);
    expect(await residents.find(id)).toMatchObject({ id, language: "zh", consentAt: at, status: "registering", step: "language" });
  });

  it("applies a patch only at the expected revision", async () => {
    await residents.create(1n, newRegistration("en", null), at);
    expect(await residents.update(1n, 0, { revision: 1, step: "unit" })).toBe(true);
    expect(await residents.update(1n, 0, { revision: 1, step: "relation" })).toBe(false);
    expect((await residents.find(1n))?.step).toBe("unit");
  });

  it("lets exactly one of two residents claim the same invite code at the same moment", async () => {
    await units.importRoster([{ building: "A", number: "1", areaCenti: null }], () => "ACDEFGHJ");
    const unit = (await units.findByCode("ACDEFGHJ"))!;
    for (const id of [10n, 11n]) {
      await residents.create(id, newRegistration("en", null), at);
      await residents.update(id, 0, { revision: 1, step: "unit" });
    }
    const r10 = (await residents.find(10n))!;
    const r11 = (await residents.find(11n))!;
    const outcomes = await Promise.all([
      residents.claimCodeAndPlace(10n, 1, unit.id, placeInUnit(r10, unit.id)),
      residents.claimCodeAndPlace(11n, 1, unit.id, placeInUnit(r11, unit.id)),
    ]);
    expect(outcomes.sort()).toEqual(["code-taken", "ok"]);
    const placed = await Promise.all([residents.find(10n), residents.find(11n)]);
    const inUnit = placed.filter((r) => r?.unitId === unit.id);
    expect(inUnit).toHaveLength(1);
    expect(inUnit[0]!.codeVerified).toBe(true);
    expect((await units.findByCode("ACDEFGHJ"))?.codeClaimedBy).toBe(inUnit[0]!.id);
  });

  it("lists pending registrations oldest first, with the total", async () => {
    for (const id of [3n, 1n, 2n]) {
      await residents.create(id, newRegistration("en", null), at);
      await residents.update(id, 0, { revision: 1, status: "pending", step: null });
    }
    const { residents: page, total } = await residents.listPending(2);
    expect(total).toBe(3);
    expect(page).toHaveLength(2);
  });

  it("erase removes the person, their roles and their claim", async () => {
    await units.importRoster([{ building: "A", number: "1", areaCenti: null }], () => "ACDEFGHJ");
    const unit = (await units.findByCode("ACDEFGHJ"))!;
    await residents.create(5n, newRegistration("en", null), at);
    await residents.update(5n, 0, { revision: 1, step: "unit" });
    await residents.claimCodeAndPlace(5n, 1, unit.id, placeInUnit((await residents.find(5n))!, unit.id));
    await roles.grant(5n, "committee", null);
    expect(await residents.erase(5n)).toBe(true);
    expect(await residents.find(5n)).toBeNull();
    expect(await roles.rolesOf(5n)).toEqual([]);
    expect((await units.findByCode("ACDEFGHJ"))?.codeClaimedBy).toBeNull();
    expect(await residents.erase(5n)).toBe(false);
  });
});

describe("roles", () => {
  it("grants once, revokes once, and lists staff", async () => {
    expect(await roles.grant(7n, "official", 1n)).toBe(true);
    expect(await roles.grant(7n, "official", 1n)).toBe(false);
    expect(await roles.grant(7n, "committee", null)).toBe(true);
    expect(await roles.staff()).toEqual([{ userId: 7n, roles: ["committee", "official"] }]);
    expect(await roles.revoke(7n, "official")).toBe(true);
    expect(await roles.revoke(7n, "official")).toBe(false);
    expect(await roles.rolesOf(7n)).toEqual(["committee"]);
  });
});
