// Who took part, overall and broken down by building, relation to the unit and
// language. Every breakdown column is passed through the privacy module's
// suppression, so a cell of 1–4 people is never shown nor recoverable.
import type { BreakdownRow, ReportParticipation, ShownCount } from "./content.js";

/** One verified resident of the audience, with only what the breakdowns need. */
export interface ParticipationMember {
  readonly building: string;
  /** owner | tenant | operator | other; null when not given. */
  readonly relation: string | null;
  readonly language: string;
  /** Cast a ballot in one of the polls or rated a statement. */
  readonly tookPart: boolean;
}

export type Suppress = (counts: readonly number[]) => { readonly cells: ShownCount[]; readonly total: ShownCount } | null;

const WITHHELD: ShownCount = { suppressed: true, reason: "complementary" };

const RELATIONS = ["owner", "tenant", "operator", "other"];

interface Breakdown {
  readonly rows: BreakdownRow[];
  readonly eligible: ShownCount;
  readonly tookPart: ShownCount;
}

function breakdown(members: readonly ParticipationMember[], keyOf: (m: ParticipationMember) => string, order: (keys: string[]) => string[], suppress: Suppress): Breakdown {
  const eligible = new Map<string, number>();
  const took = new Map<string, number>();
  for (const m of members) {
    const k = keyOf(m);
    eligible.set(k, (eligible.get(k) ?? 0) + 1);
    if (m.tookPart) took.set(k, (took.get(k) ?? 0) + 1);
  }
  const keys = order([...eligible.keys()]);
  const e = suppress(keys.map((k) => eligible.get(k)!));
  const t = suppress(keys.map((k) => took.get(k) ?? 0));
  // A column no withholding makes safe is left out whole: even its rows would tell too much.
  if (!e || !t) return { rows: [], eligible: WITHHELD, tookPart: WITHHELD };
  return { rows: keys.map((key, i) => ({ key, eligible: e.cells[i]!, tookPart: t.cells[i]! })), eligible: e.total, tookPart: t.total };
}

/** A headline total is withheld if any breakdown of it had to withhold it (or it counts 1–4 people itself). */
function headline(value: number, breakdowns: readonly ShownCount[], suppress: Suppress): ShownCount {
  const hidden = breakdowns.find((b) => typeof b !== "number");
  if (hidden !== undefined) return hidden;
  return suppress([value])?.total ?? WITHHELD;
}

export function buildParticipation(members: readonly ParticipationMember[], suppress: Suppress): ReportParticipation {
  const took = members.filter((m) => m.tookPart).length;
  const byOrder = (list: readonly string[]) => (keys: string[]) => keys.sort((a, b) => (list.indexOf(a) + 1 || 99) - (list.indexOf(b) + 1 || 99) || a.localeCompare(b));
  const byBuilding = breakdown(members, (m) => m.building, (keys) => keys.sort((a, b) => a.localeCompare(b, "zh-Hans-CN", { numeric: true })), suppress);
  const byRelation = breakdown(members, (m) => (m.relation && RELATIONS.includes(m.relation) ? m.relation : "unknown"), byOrder([...RELATIONS, "unknown"]), suppress);
  const byLanguage = breakdown(members, (m) => (m.language === "zh" || m.language === "en" ? m.language : "other"), byOrder(["zh", "en"]), suppress);
  const all = [byBuilding, byRelation, byLanguage];
  const eligible = headline(members.length, all.map((b) => b.eligible), suppress);
  const tookPart = headline(took, all.map((b) => b.tookPart), suppress);
  return {
    eligible,
    tookPart,
    turnout: typeof eligible === "number" && typeof tookPart === "number" ? { numerator: tookPart, denominator: eligible } : null,
    byBuilding: byBuilding.rows,
    byRelation: byRelation.rows,
    byLanguage: byLanguage.rows,
  };
}
