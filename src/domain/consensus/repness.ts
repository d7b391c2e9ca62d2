// Representative statements of an opinion group (Pol.is "repness"): what sets
// the group apart from everyone else who is clustered.
//
//   ra  = pa_g / ((Σ_other na + 1) / (Σ_other ns + 2))
//   rat = two-proportion z-test, group against the other groups, +1 on all four counts
// A statement qualifies for agree when rat > 1.2816 and pat > 1.2816 (disagree:
// rdt, pdt). Qualifiers are ranked by ra·rat·pa·pat (rd·rdt·pd·pdt); the top 5
// are kept and listed agrees before disagrees. When nothing qualifies, the group
// still gets one statement: the best by z-score max(rat, rdt).

import type { GroupVoteCounts } from "./groupVotes.js";
import { smoothedProportion, proportionZ, twoProportionZ, Z_90, type StatementGroupStats } from "./stats.js";
import type { Direction } from "./types.js";

export interface RepnessEntry {
  readonly statement: number;
  readonly direction: Direction;
  /** pa or pd */
  readonly probability: number;
  /** pat or pdt */
  readonly zScore: number;
  /** ra or rd */
  readonly repness: number;
  /** rat or rdt */
  readonly repnessZScore: number;
  /** ra·rat·pa·pat (or the disagree analogue) */
  readonly metric: number;
  readonly significant: boolean;
}

export interface StatementRepness extends StatementGroupStats {
  readonly ra: number;
  readonly rd: number;
  readonly rat: number;
  readonly rdt: number;
}

/** Every repness figure of one statement for one group. */
export function statementRepness(counts: GroupVoteCounts, group: number, statement: number): StatementRepness {
  const S = counts.statementCount;
  const at = group * S + statement;
  const na = counts.agree[at]!;
  const nd = counts.disagree[at]!;
  const ns = counts.seen[at]!;
  let oa = 0;
  let od = 0;
  let os = 0;
  for (let g = 0; g < counts.groupCount; g++) {
    if (g === group) continue;
    oa += counts.agree[g * S + statement]!;
    od += counts.disagree[g * S + statement]!;
    os += counts.seen[g * S + statement]!;
  }
  const pa = smoothedProportion(na, ns);
  const pd = smoothedProportion(nd, ns);
  return {
    na,
    nd,
    ns,
    pa,
    pd,
    pat: proportionZ(na, ns),
    pdt: proportionZ(nd, ns),
    ra: pa / smoothedProportion(oa, os),
    rd: pd / smoothedProportion(od, os),
    rat: twoProportionZ(na, ns, oa, os),
    rdt: twoProportionZ(nd, ns, od, os),
  };
}

function entry(statement: number, r: StatementRepness, direction: Direction, significant: boolean): RepnessEntry {
  const agree = direction === "agree";
  const probability = agree ? r.pa : r.pd;
  const zScore = agree ? r.pat : r.pdt;
  const repness = agree ? r.ra : r.rd;
  const repnessZScore = agree ? r.rat : r.rdt;
  return { statement, direction, probability, zScore, repness, repnessZScore, metric: repness * repnessZScore * probability * zScore, significant };
}

export function representativeStatements(counts: GroupVoteCounts, group: number, max = 5): RepnessEntry[] {
  const qualified: RepnessEntry[] = [];
  let best: { statement: number; r: StatementRepness; z: number } | null = null;
  for (let s = 0; s < counts.statementCount; s++) {
    const r = statementRepness(counts, group, s);
    if (r.rat > Z_90 && r.pat > Z_90) qualified.push(entry(s, r, "agree", true));
    else if (r.rdt > Z_90 && r.pdt > Z_90) qualified.push(entry(s, r, "disagree", true));
    else if (r.ns > 0) {
      // Fallback candidate. A statement no one in the group saw says nothing about the group.
      const z = Math.max(r.rat, r.rdt);
      if (best === null || z > best.z) best = { statement: s, r, z };
    }
  }
  if (qualified.length === 0) {
    if (best === null) return [];
    return [entry(best.statement, best.r, best.r.rat >= best.r.rdt ? "agree" : "disagree", false)];
  }
  qualified.sort((a, b) => b.metric - a.metric || a.statement - b.statement);
  const top = qualified.slice(0, max);
  return [...top.filter((e) => e.direction === "agree"), ...top.filter((e) => e.direction === "disagree")];
}
