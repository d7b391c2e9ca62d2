// Sparsity-aware projection (Pol.is): a participant is placed using only the
// statements they voted on, then pushed out by sqrt(n_statements / n_votes) so
// that someone who voted on few statements is not pulled toward the centre just
// because their missing votes were filled with the average.
//
// In the centred sparse matrix a missing cell is exactly 0, so the plain dot
// product over a row's non-zeros already uses only the voted statements.
//
// Moderated-out statements: Pol.is does not drop their columns, it sets them to
// 0 for everyone (zero-out-columns). They add nothing to the dot product, but a 0
// is a value, not a missing vote, so Pol.is counts them both among the statements
// and among each participant's votes: the push becomes
// sqrt((n_statements + n_zeroed) / (n_votes + n_zeroed)). `zeroedColumns` is that
// n_zeroed (the moderated-out statements that received votes, i.e. that have a
// column in Pol.is's matrix). Without it, participants with few votes land too far
// out on conversations with many moderated-out statements, and the opinion
// groups' boundary moves (see docs/consensus.md, "How close to Pol.is").

import type { CenteredMatrix } from "./voteMatrix.js";

export function sparsityScale(statementCount: number, voteCount: number): number {
  return Math.sqrt(statementCount / Math.max(voteCount, 1));
}

/** Interleaved [x0, y0, x1, y1, …], one point per matrix row. */
export function projectParticipants(m: CenteredMatrix, components: readonly [Float64Array, Float64Array], zeroedColumns = 0): Float64Array {
  const [c1, c2] = components;
  const { value, center } = m;
  const out = new Float64Array(m.rowCount * 2);
  for (let r = 0; r < m.rowCount; r++) {
    const from = m.rowStart[r]!;
    const to = m.rowStart[r + 1]!;
    let x = 0;
    let y = 0;
    for (let k = from; k < to; k++) {
      const c = m.column[k]!;
      const xk = value[k]! - center[c]!;
      x += xk * c1[c]!;
      y += xk * c2[c]!;
    }
    const scale = sparsityScale(m.columnCount + zeroedColumns, to - from + zeroedColumns);
    out[2 * r] = x * scale;
    out[2 * r + 1] = y * scale;
  }
  return out;
}
