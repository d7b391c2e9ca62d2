// Vote counts per opinion group and statement: na, nd, ns (domain.md §3).

import { statementGroupStats, type StatementGroupStats } from "./stats.js";
import { AGREE, DISAGREE, type SparseVotes } from "./voteMatrix.js";

/** Flat counts: entry [g · statementCount + s]. */
export interface GroupVoteCounts {
  readonly groupCount: number;
  readonly statementCount: number;
  readonly agree: Int32Array;
  readonly disagree: Int32Array;
  readonly seen: Int32Array;
}

/**
 * Counts the votes of `rows` (row indices into `votes`), row i belonging to
 * group groupOfRow[i]. Rows with group < 0 are skipped.
 */
export function countGroupVotes(votes: SparseVotes, rows: Int32Array, groupOfRow: Int32Array, groupCount: number): GroupVoteCounts {
  const S = votes.columnCount;
  const agree = new Int32Array(groupCount * S);
  const disagree = new Int32Array(groupCount * S);
  const seen = new Int32Array(groupCount * S);
  for (let i = 0; i < rows.length; i++) {
    const g = groupOfRow[i]!;
    if (g < 0) continue;
    const r = rows[i]!;
    const offset = g * S;
    for (let k = votes.rowStart[r]!, end = votes.rowStart[r + 1]!; k < end; k++) {
      const at = offset + votes.column[k]!;
      const v = votes.value[k]!;
      seen[at]!++;
      if (v === AGREE) agree[at]!++;
      else if (v === DISAGREE) disagree[at]!++;
    }
  }
  return { groupCount, statementCount: S, agree, disagree, seen };
}

/** Sums the groups into one (all clustered participants). */
export function totalVotes(counts: GroupVoteCounts): GroupVoteCounts {
  const S = counts.statementCount;
  const agree = new Int32Array(S);
  const disagree = new Int32Array(S);
  const seen = new Int32Array(S);
  for (let g = 0; g < counts.groupCount; g++) {
    for (let s = 0; s < S; s++) {
      agree[s]! += counts.agree[g * S + s]!;
      disagree[s]! += counts.disagree[g * S + s]!;
      seen[s]! += counts.seen[g * S + s]!;
    }
  }
  return { groupCount: 1, statementCount: S, agree, disagree, seen };
}

export function groupStatementStats(counts: GroupVoteCounts, group: number, statement: number): StatementGroupStats {
  const at = group * counts.statementCount + statement;
  return statementGroupStats(counts.agree[at]!, counts.disagree[at]!, counts.seen[at]!);
}
