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

export type Suppress = (counts: readonly number[]) => ShownCount[];

const RELATIONS = ["owner", "tenant", "operator", "other"];

function breakdown(members: readonly ParticipationMember[], keyOf: (m: ParticipationMember) => string, order: (keys: string[]) => string[], suppress: Suppress): BreakdownRow[] {
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
  return keys.map((key, i) => ({ key, eligible: e[i]!, tookPart: t[i]! }));
}

export function buildParticipation(members: readonly ParticipationMember[], suppress: Suppress): ReportParticipation {
  const tookPart = members.filter((m) => m.tookPart).length;
  const byOrder = (list: readonly string[]) => (keys: string[]) => keys.sort((a, b) => (list.indexOf(a) + 1 || 99) - (list.indexOf(b) + 1 || 99) || a.localeCompare(b));
  return {
    eligible: members.length,
    tookPart,
    turnout: { numerator: tookPart, denominator: members.length },
    byBuilding: breakdown(members, (m) => m.building, (keys) => keys.sort((a, b) => a.localeCompare(b, "zh-Hans-CN", { numeric: true })), suppress),
    byRelation: breakdown(members, (m) => (m.relation && RELATIONS.includes(m.relation) ? m.relation : "unknown"), byOrder([...RELATIONS, "unknown"]), suppress),
    byLanguage: breakdown(members, (m) => (m.language === "zh" || m.language === "en" ? m.language : "other"), byOrder(["zh", "en"]), suppress),
  };
}
