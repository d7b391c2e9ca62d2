// Who is clustered: Pol.is only places a participant on the opinion map once
// they have voted enough for their position to mean something.

/** min(7, number of statements not moderated out). */
export function clusteringVoteThreshold(activeStatementCount: number): number {
  return Math.min(7, activeStatementCount);
}

/**
 * Indices of the participants with at least `clusteringVoteThreshold` votes on
 * statements not moderated out, ascending. A participant with no such vote is
 * never clustered, even when the threshold is 0 (no active statements).
 */
export function selectClusteredParticipants(voteCounts: Int32Array, activeStatementCount: number): Int32Array {
  const threshold = Math.max(1, clusteringVoteThreshold(activeStatementCount));
  let n = 0;
  for (let i = 0; i < voteCounts.length; i++) if (voteCounts[i]! >= threshold) n++;
  const rows = new Int32Array(n);
  let at = 0;
  for (let i = 0; i < voteCounts.length; i++) if (voteCounts[i]! >= threshold) rows[at++] = i;
  return rows;
}
