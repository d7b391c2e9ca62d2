import type { UnitStore } from "../../app/ports.js";
import type { RosterEntry, UnitRef } from "../../domain/residents/resident.js";
import { findName, nameKey } from "../../domain/residents/names.js";
import type { RosterUnit } from "../../domain/residents/roster.js";
import type { Prisma } from "./prismaTypes.js";


const ref = { id: true, building: true, number: true, areaCenti: true } as const;

export class PrismaUnitStore implements UnitStore {
  constructor(private readonly db: Prisma) {}

  async buildings(): Promise<string[]> {
    const rows = await this.db.unit.findMany({ distinct: ["building"], select: { building: true }, orderBy: { building: "asc" } });
    return rows.map((r) => r.building);
  }

  /** The roster's spelling of a building, whatever the case or width it is asked in. */
  private async spellingOf(building: string): Promise<string | undefined> {
    return findName(await this.buildings(), building);
  }

  async hasBuilding(building: string): Promise<boolean> {
    return (await this.spellingOf(building)) !== undefined;
  }

  async findByCode(code: string) {
    const row = await this.db.unit.findUnique({ where: { inviteCode: code }, select: { ...ref, codeClaimedById: true } });
    return row && { id: row.id, building: row.building, number: row.number, areaCenti: row.areaCenti, codeClaimedBy: row.codeClaimedById };
  }

  async findByName(building: string, number: string): Promise<UnitRef | null> {
    const exact = await this.db.unit.findUnique({ where: { building_number: { building, number } }, select: ref });
    if (exact) return exact;
    const spelled = await this.spellingOf(building);
    if (spelled === undefined) return null;
    const key = nameKey(number);
    const rows = await this.db.unit.findMany({ where: { building: spelled }, select: ref });
    return rows.find((u) => nameKey(u.number) === key) ?? null;
  }

  /**
   * Units are matched by their names' keys, so a file that writes a name in
   * another case or width updates the same unit (area, code kept) and the
   * name takes the file's spelling — for every unit of that building, also
   * those the file leaves out, so one building keeps one name.
   */
  async importRoster(units: RosterUnit[], newCode: () => string) {
    return this.db.$transaction(
      async (tx) => {
        const existing = await tx.unit.findMany({ select: { id: true, building: true, number: true } });
        const spelling = new Map(units.map((u) => [nameKey(u.building), u.building]));
        const respelled = new Map<string, string[]>();
        for (const u of existing) {
          const to = spelling.get(nameKey(u.building));
          if (to !== undefined && to !== u.building && !respelled.get(to)?.includes(u.building)) respelled.set(to, [...(respelled.get(to) ?? []), u.building]);
        }
        for (const [to, from] of respelled) await tx.unit.updateMany({ where: { building: { in: from } }, data: { building: to } });

        const known = new Map(existing.map((u) => [`${nameKey(u.building)}\u0000${nameKey(u.number)}`, u]));
        const codes = new Set((await tx.unit.findMany({ select: { inviteCode: true } })).map((u) => u.inviteCode));
        let created = 0;
        let updated = 0;
        const fresh: { building: string; number: string; areaCenti: number | null; inviteCode: string }[] = [];
        for (const u of units) {
          const old = known.get(`${nameKey(u.building)}\u0000${nameKey(u.number)}`);
          if (old !== undefined) {
            await tx.unit.update({ where: { id: old.id }, data: { areaCenti: u.areaCenti, ...(old.number !== u.number ? { number: u.number } : {}) } });
            updated++;
          } else {
            let code = newCode();
            while (codes.has(code)) code = newCode();
            codes.add(code);
            fresh.push({ ...u, inviteCode: code });
            created++;
          }
        }
        // One statement for all new units: a park's roster has thousands of rows.
        if (fresh.length) await tx.unit.createMany({ data: fresh });
        const total = await tx.unit.count();
        return { created, updated, total };
      },
      { timeout: 60_000 },
    );
  }

  async list(): Promise<RosterEntry[]> {
    const rows = await this.db.unit.findMany({
      select: { ...ref, inviteCode: true, codeClaimedById: true },
      orderBy: [{ building: "asc" }, { number: "asc" }],
    });
    return rows.map(({ codeClaimedById, ...u }) => ({ ...u, codeClaimed: codeClaimedById !== null }));
  }
}

