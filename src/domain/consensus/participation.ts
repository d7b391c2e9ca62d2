// Who is clustered: Pol.is only places a participant on the opinion map once
// they have voted enough for their position to mean something.
//
// Pol.is counts a participant's votes in its raw vote matrix, before moderation:
// a vote on a statement moderated out afterwards still counts, and the threshold's
// number of statements includes those statements (they stay in its matrix as
// columns of zeros, see projection.ts). So the caller passes votes on every
// statement, moderated out or not, and the number of columns Pol.is's matrix has
// (statements not moderated out + moderated-out statements that received votes).

/** min(7, number of statements). */
export function clusteringVoteThreshold(statementCount: number): number {
  return Math.min(7, statementCount);
}

/**
 * Indices of the participants with at least `clusteringVoteThreshold(statementCount)`
 * votes, ascending. A participant with no vote is never clustered, even when the
 * threshold is 0 (no statements).
 */
export function selectClusteredParticipants(voteCounts: Int32Array, statementCount: number): Int32Array {
  const threshold = Math.max(1, clusteringVoteThreshold(statementCount));
  let n = 0;
  for (let i = 0; i < voteCounts.length; i++) if (voteCounts[i]! >= threshold) n++;
  const rows = new Int32Array(n);
  let at = 0;
  for (let i = 0; i < voteCounts.length; i++) if (voteCounts[i]! >= threshold) rows[at++] = i;
  return rows;
}
