import type { UnitStore } from "../../app/ports.js";
import type { RosterEntry, UnitRef } from "../../domain/residents/resident.js";
import type { RosterUnit } from "../../domain/residents/roster.js";
import type { Prisma } from "./prismaTypes.js";


const ref = { id: true, building: true, number: true, areaCenti: true } as const;

export class PrismaUnitStore implements UnitStore {
  constructor(private readonly db: Prisma) {}

  async buildings(): Promise<string[]> {
    const rows = await this.db.unit.findMany({ distinct: ["building"], select: { building: true }, orderBy: { building: "asc" } });
    return rows.map((r) => r.building);
  }

  async hasBuilding(building: string): Promise<boolean> {
    return (await this.db.unit.findFirst({ where: { building }, select: { id: true } })) !== null;
  }

  async findByCode(code: string) {
    const row = await this.db.unit.findUnique({ where: { inviteCode: code }, select: { ...ref, codeClaimedById: true } });
    return row && { id: row.id, building: row.building, number: row.number, areaCenti: row.areaCenti, codeClaimedBy: row.codeClaimedById };
  }

  async findByName(building: string, number: string): Promise<UnitRef | null> {
    return this.db.unit.findUnique({ where: { building_number: { building, number } }, select: ref });
  }

  async importRoster(units: RosterUnit[], newCode: () => string) {
    return this.db.$transaction(
      async (tx) => {
        const existing = await tx.unit.findMany({ select: { id: true, building: true, number: true } });
        const known = new Map(existing.map((u) => [`${u.building}\u0000${u.number}`, u.id]));
        const codes = new Set((await tx.unit.findMany({ select: { inviteCode: true } })).map((u) => u.inviteCode));
        let created = 0;
        let updated = 0;
        const fresh: { building: string; number: string; areaCenti: number | null; inviteCode: string }[] = [];
        for (const u of units) {
          const id = known.get(`${u.building}\u0000${u.number}`);
          if (id !== undefined) {
            await tx.unit.update({ where: { id }, data: { areaCenti: u.areaCenti } });
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

