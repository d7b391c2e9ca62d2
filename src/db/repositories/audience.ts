import type { AudienceStore, Recipient, RosterScope } from "../../app/consultations/ports.js";
import type { AudienceMember } from "../../domain/consultations/voting.js";
import { isLanguage, languageFromTelegram, type Language } from "../../domain/language.js";
import { nameKey } from "../../domain/residents/names.js";
import { empty, join, sqltag as sql } from "@prisma/client/runtime/client";
import type { AudienceRow, DriverPath } from "../driverPath.js";
import type { Prisma } from "./prismaTypes.js";

type RecipientRow = AudienceRow;

const num = (v: number | bigint | null): number | null => (v === null ? null : Number(v));

function toMember(r: RecipientRow): AudienceMember {
  return { userId: BigInt(r.id), relation: r.relation, areaCenti: num(r.areaCenti), unitId: Number(r.unitId), building: r.building, number: r.number, unitAreaCenti: num(r.unitAreaCenti) };
}

/** How many units without an area a refusal or a result names; the rest are counted. */
export const UNITS_NAMED = 20;

const lang = (v: string): Language => (isLanguage(v) ? v : "en");

export class PrismaAudienceStore implements AudienceStore {
  constructor(
    private readonly db: Prisma,
    /** The driver connection (src/db/driverPath.ts), when the database URL is known. */
    private readonly driver: (() => Promise<DriverPath>) | null = null,
  ) {}

  /**
   * Closing a consultation reads its whole audience (ten thousand people in a
   * large park): one joined SELECT as plain rows is ~4× faster than Prisma's
   * findMany with the unit relation (measured: 30–60 ms against 150–250 ms for
   * 13,000), and faster again on the driver connection when there is one.
   */
  private async rows(asked: readonly string[] | null, reachableOnly: boolean): Promise<RecipientRow[]> {
    const buildings = asked && (await this.spellings(asked));
    if (buildings && buildings.length === 0) return [];
    const fast = this.driver ? await (await this.driver()).audienceRows(buildings, reachableOnly) : null;
    if (fast) return fast;
    const inBuildings = buildings ? sql` AND n."building" IN (${join([...buildings])})` : empty;
    const reachable = reachableOnly ? sql` AND u."unreachableAt" IS NULL` : empty;
    return this.db.$queryRaw<RecipientRow[]>`
      SELECT u."id", u."relation", u."areaCenti", u."unitId", u."language", u."remindersMuted",
             n."building", n."number", n."areaCenti" AS "unitAreaCenti"
      FROM "User" u JOIN "Unit" n ON n."id" = u."unitId"
      WHERE u."status" = 'verified'${inBuildings}${reachable}
      ORDER BY u."id"`;
  }

  /**
   * The roster's spellings of these buildings: an audience stored as "WEST TOWER"
   * (before names were kept as written, or before a re-import re-spelled it) still
   * reaches "West Tower". One small read (the distinct building names).
   */
  private async spellings(buildings: readonly string[]): Promise<string[]> {
    const keys = new Set(buildings.map(nameKey));
    return (await this.knownBuildings()).filter((b) => keys.has(nameKey(b)));
  }

  async members(buildings: readonly string[] | null): Promise<AudienceMember[]> {
    return (await this.rows(buildings, false)).map(toMember);
  }

  async recipients(buildings: readonly string[] | null): Promise<Recipient[]> {
    return (await this.rows(buildings, true)).map((r) => ({ ...toMember(r), language: lang(r.language), remindersMuted: Boolean(r.remindersMuted) }));
  }

  /**
   * One aggregate row, however large the park (closing an Art. 278 poll reads
   * it): COUNT and SUM ignore units without an area, which are counted apart.
   */
  async roster(asked: readonly string[] | null): Promise<RosterScope> {
    // Matched like the audience itself (members, recipients): by the roster's spellings of the names.
    const buildings = asked && (await this.spellings(asked));
    if (buildings && buildings.length === 0) return { units: 0, areaCenti: 0, withoutArea: { count: 0, names: [] } };
    const where = buildings ? sql` WHERE "building" IN (${join([...buildings])})` : empty;
    const [row] = await this.db.$queryRaw<{ units: number | bigint; withArea: number | bigint; area: number | bigint | string | null }[]>`
      SELECT COUNT(*) AS "units", COUNT("areaCenti") AS "withArea", SUM("areaCenti") AS "area" FROM "Unit"${where}`;
    const units = Number(row?.units ?? 0);
    const withArea = Number(row?.withArea ?? 0);
    const missing = units - withArea;
    const names =
      missing === 0
        ? []
        : (
            await this.db.unit.findMany({
              where: { areaCenti: null, ...(buildings ? { building: { in: [...buildings] } } : {}) },
              select: { building: true, number: true },
              orderBy: [{ building: "asc" }, { number: "asc" }],
              take: UNITS_NAMED,
            })
          ).map((u) => `${u.building} ${u.number}`);
    return { units: withArea, areaCenti: Number(row?.area ?? 0), withoutArea: { count: missing, names } };
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
    const languages = new Map(rows.map((r) => [r.id, lang(r.language)]));
    // Staff who are not residents: their /lang choice, else Telegram's language as last seen.
    const others = ids.filter((id) => !languages.has(id));
    if (others.length === 0) return languages;
    const staff = await this.db.staffLanguage.findMany({ where: { userId: { in: others } }, select: { userId: true, chosen: true, telegramCode: true } });
    for (const s of staff) {
      if (isLanguage(s.chosen)) languages.set(s.userId, s.chosen);
      else if (s.telegramCode !== null) languages.set(s.userId, languageFromTelegram(s.telegramCode));
    }
    return languages;
  }
}
