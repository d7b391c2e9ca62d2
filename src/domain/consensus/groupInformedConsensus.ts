// Group-informed consensus: Π over groups of (na_g + 1)/(ns_g + 2). A product of
// per-group agreement, so it is high only when every group agrees — a large
// group cannot carry a statement the others reject.

import type { GroupVoteCounts } from "./groupVotes.js";

/** One value per statement. */
export function groupInformedConsensus(counts: GroupVoteCounts): Float64Array {
  const S = counts.statementCount;
  const out = new Float64Array(S).fill(1);
  for (let g = 0; g < counts.groupCount; g++) {
    for (let s = 0; s < S; s++) out[s]! *= (counts.agree[g * S + s]! + 1) / (counts.seen[g * S + s]! + 2);
  }
  return out;
}

/**
 * Statement indices by value, best first (ties: earlier statement first), top
 * `max`. Statements no clustered participant voted on are left out: their value
 * is only the prior (½ per group), not agreement.
 */
export function topGroupInformed(values: Float64Array, seen: ArrayLike<number>, max = 10): number[] {
  const candidates: number[] = [];
  for (let s = 0; s < values.length; s++) if (seen[s]! > 0) candidates.push(s);
  candidates.sort((a, b) => values[b]! - values[a]! || a - b);
  return candidates.slice(0, max);
}
