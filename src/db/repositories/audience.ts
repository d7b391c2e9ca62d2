import type { AudienceStore, Recipient } from "../../app/consultations/ports.js";
import type { AudienceMember } from "../../domain/consultations/voting.js";
import { isLanguage, type Language } from "../../domain/language.js";
import type { Prisma } from "./prismaTypes.js";

const memberSelect = {
  id: true,
  relation: true,
  areaCenti: true,
  unitId: true,
  unit: { select: { building: true, number: true, areaCenti: true } },
} as const;

type MemberRow = { id: bigint; relation: string | null; areaCenti: number | null; unitId: number | null; unit: { building: string; number: string; areaCenti: number | null } | null };

function toMember(r: MemberRow): AudienceMember | null {
  if (r.unitId === null || r.unit === null) return null;
  return { userId: r.id, relation: r.relation, areaCenti: r.areaCenti, unitId: r.unitId, building: r.unit.building, number: r.unit.number, unitAreaCenti: r.unit.areaCenti };
}

const lang = (v: string): Language => (isLanguage(v) ? v : "en");

export class PrismaAudienceStore implements AudienceStore {
  constructor(private readonly db: Prisma) {}

  private where(buildings: readonly string[] | null, reachableOnly: boolean) {
    return {
      status: "verified",
      unitId: { not: null },
      ...(buildings ? { unit: { building: { in: [...buildings] } } } : {}),
      ...(reachableOnly ? { unreachableAt: null } : {}),
    };
  }

  async members(buildings: readonly string[] | null): Promise<AudienceMember[]> {
    const rows = await this.db.user.findMany({ where: this.where(buildings, false), select: memberSelect, orderBy: { id: "asc" } });
    return rows.map(toMember).filter((m): m is AudienceMember => m !== null);
  }

  async recipients(buildings: readonly string[] | null): Promise<Recipient[]> {
    const rows = await this.db.user.findMany({
      where: this.where(buildings, true),
      select: { ...memberSelect, language: true, remindersMuted: true },
      orderBy: { id: "asc" },
    });
    const out: Recipient[] = [];
    for (const r of rows) {
      const m = toMember(r);
      if (m) out.push({ ...m, language: lang(r.language), remindersMuted: r.remindersMuted });
    }
    return out;
  }

  async units(unitIds: readonly number[]) {
    if (unitIds.length === 0) return new Map<number, { label: string; areaCenti: number | null }>();
    const rows = await this.db.unit.findMany({ where: { id: { in: [...unitIds] } }, select: { id: true, building: true, number: true, areaCenti: true } });
    return new Map(rows.map((r) => [r.id, { label: `${r.building} ${r.number}`, areaCenti: r.areaCenti }]));
  }

  async knownBuildings(): Promise<string[]> {
    const rows = await this.db.unit.findMany({ distinct: ["building"], select: { building: true }, orderBy: { building: "asc" } });
    return rows.map((r) => r.building);
  }

  async committee(): Promise<{ id: bigint; language: Language | null }[]> {
    const grants = await this.db.roleGrant.findMany({ where: { role: { in: ["committee", "admin"] } }, select: { userId: true }, distinct: ["userId"], orderBy: { userId: "asc" } });
    const languages = await this.languageOf(grants.map((g) => g.userId));
    return grants.map((g) => ({ id: g.userId, language: languages.get(g.userId) ?? null }));
  }

  async setRemindersMuted(id: bigint, muted: boolean): Promise<boolean> {
    return (await this.db.user.updateMany({ where: { id }, data: { remindersMuted: muted } })).count === 1;
  }

  async clearUnreachable(id: bigint): Promise<void> {
    await this.db.user.updateMany({ where: { id, unreachableAt: { not: null } }, data: { unreachableAt: null } });
  }

  async languageOf(ids: readonly bigint[]): Promise<Map<bigint, Language>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, language: true } });
    return new Map(rows.map((r) => [r.id, lang(r.language)]));
  }
}
