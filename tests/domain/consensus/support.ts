import type { GroupVoteCounts } from "../../../src/domain/consensus/groupVotes.js";

/** GroupVoteCounts from per-group rows of [na, nd, ns] per statement. */
export function groupCounts(groups: [number, number, number][][]): GroupVoteCounts {
  const S = groups[0]!.length;
  const agree = new Int32Array(groups.length * S);
  const disagree = new Int32Array(groups.length * S);
  const seen = new Int32Array(groups.length * S);
  groups.forEach((rows, g) =>
    rows.forEach(([na, nd, ns], s) => {
      agree[g * S + s] = na;
      disagree[g * S + s] = nd;
      seen[g * S + s] = ns;
    }),
  );
  return { groupCount: groups.length, statementCount: S, agree, disagree, seen };
}
