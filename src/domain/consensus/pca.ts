// Two principal components by power iteration, as Pol.is does it: the first
// eigenvector of XᵀX (X the mean-centred, mean-filled vote matrix), then the
// second with the first projected out at every step (deflation).
//
// XᵀX is never formed: each step computes Xᵀ(Xv) over the sparse non-zeros of X,
// which is 2·nnz multiply-adds instead of columns² · rows.

import type { RandomSource } from "./random.js";
import type { CenteredMatrix } from "./voteMatrix.js";

export interface PcaResult {
  /** Column means the data was centred with. */
  readonly center: Float64Array;
  /** Unit vectors over the columns (statements); a zero vector when the data has no such direction. */
  readonly components: [Float64Array, Float64Array];
  /** ‖X c‖² / max(rows − 1, 1): the variance along each component. */
  readonly eigenvalues: [number, number];
  /** Iterations actually run for each component. */
  readonly iterations: [number, number];
}

export interface PcaOptions {
  readonly random: RandomSource;
  /** Pol.is runs 100. */
  readonly maxIterations?: number;
  /**
   * Stop early once an iteration moves the unit vector by less than this (L2).
   * At 1e-12 the vector is fixed to about machine precision times the matrix's
   * condition: further iterations only shuffle rounding noise, and 100 blind
   * iterations on a 10,000 × 1,000 matrix would cost the time budget for nothing.
   */
  readonly tolerance?: number;
}

/** out = Xᵀ(X v), using `scratch` (length rowCount) for X v. */
function multiplyGram(m: CenteredMatrix, v: Float64Array, out: Float64Array, scratch: Float64Array): void {
  const { rowStart, column, x, rowCount } = m;
  out.fill(0);
  for (let r = 0; r < rowCount; r++) {
    const end = rowStart[r + 1]!;
    let dot = 0;
    for (let k = rowStart[r]!; k < end; k++) dot += x[k]! * v[column[k]!]!;
    scratch[r] = dot;
    if (dot !== 0) for (let k = rowStart[r]!; k < end; k++) out[column[k]!]! += x[k]! * dot;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function removeComponents(v: Float64Array, basis: readonly Float64Array[]): void {
  for (const b of basis) {
    const d = dot(v, b);
    if (d !== 0) for (let i = 0; i < v.length; i++) v[i]! -= d * b[i]!;
  }
}

/** Scales to unit length; returns the old length. */
function normalize(v: Float64Array): number {
  const norm = Math.sqrt(dot(v, v));
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return norm;
}

/** An eigenvector's sign is arbitrary; fix it so the largest-magnitude entry is positive. */
function fixSign(v: Float64Array): void {
  let best = 0;
  for (let i = 0; i < v.length; i++) if (Math.abs(v[i]!) > Math.abs(best)) best = v[i]!;
  if (best < 0) for (let i = 0; i < v.length; i++) v[i] = -v[i]!;
}

/**
 * X by columns (compressed columns), for the second half of XᵀX v: each column's
 * entries in row order, so Σ_r x_rc (X v)_r adds the same terms in the same order
 * as scattering row by row does — the same bits — while the sum stays in a register.
 */
interface Columns {
  readonly start: Int32Array;
  readonly row: Int32Array;
  readonly x: Float64Array;
}

function byColumns(m: CenteredMatrix): Columns {
  const { rowStart, column, x, rowCount, columnCount } = m;
  const start = new Int32Array(columnCount + 1);
  for (let k = 0; k < column.length; k++) start[column[k]! + 1]!++;
  for (let c = 0; c < columnCount; c++) start[c + 1]! += start[c]!;
  const cursor = start.slice(0, columnCount);
  const row = new Int32Array(column.length);
  const xt = new Float64Array(column.length);
  for (let r = 0; r < rowCount; r++) {
    for (let k = rowStart[r]!, end = rowStart[r + 1]!; k < end; k++) {
      const at = cursor[column[k]!]!++;
      row[at] = r;
      xt[at] = x[k]!;
    }
  }
  return { start, row, x: xt };
}

/** Scratch of multiplyGram2: v and w interleaved (v[c] at 2c, w[c] at 2c + 1), X v and X w likewise, the matrix by columns. */
interface PairScratch {
  readonly vw: Float64Array;
  readonly xvw: Float64Array;
  readonly columns: Columns;
}

/**
 * outV = Xᵀ(X v) and outW = Xᵀ(X w) in one pass over X: the same sums, in the same
 * order, as two multiplyGram calls (adding a product with a zero row sum, which
 * multiplyGram skips, changes no bit). Both vectors sit interleaved, so one cache
 * line and one index serve both; the second half runs by columns. About half the
 * time of the row-by-row scatter on 2 million votes.
 */
function multiplyGram2(m: CenteredMatrix, v: Float64Array, w: Float64Array, outV: Float64Array, outW: Float64Array, scratch: PairScratch): void {
  const { rowStart, column, x, rowCount, columnCount } = m;
  const { vw, xvw, columns } = scratch;
  for (let c = 0; c < columnCount; c++) {
    vw[2 * c] = v[c]!;
    vw[2 * c + 1] = w[c]!;
  }
  for (let r = 0; r < rowCount; r++) {
    let dv = 0;
    let dw = 0;
    for (let k = rowStart[r]!, end = rowStart[r + 1]!; k < end; k++) {
      const xk = x[k]!;
      const c = column[k]! << 1;
      dv += xk * vw[c]!;
      dw += xk * vw[c + 1]!;
    }
    xvw[2 * r] = dv;
    xvw[2 * r + 1] = dw;
  }
  const { start, row, x: xt } = columns;
  for (let c = 0; c < columnCount; c++) {
    let sv = 0;
    let sw = 0;
    for (let k = start[c]!, end = start[c + 1]!; k < end; k++) {
      const xk = xt[k]!;
      const r = row[k]! << 1;
      sv += xk * xvw[r]!;
      sw += xk * xvw[r + 1]!;
    }
    outV[c] = sv;
    outW[c] = sw;
  }
}

function change(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(s);
}

/**
 * Both components by power iteration, run side by side so that one pass over the
 * matrix serves both (the matrix is what costs: 2 million votes are read once per
 * pass instead of twice). The first is exactly the plain power iteration; the
 * second has the first's current iterate projected out at every step (deflation),
 * and only counts as converged once the first has stopped moving — so it ends as
 * the second eigenvector, orthogonal to the final first one, as with sequential
 * deflation.
 */
export function powerIterationPca(m: CenteredMatrix, options: PcaOptions): PcaResult {
  const n = m.columnCount;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-12;
  const scratch = new Float64Array(m.rowCount);
  const pair: PairScratch = { vw: new Float64Array(2 * n), xvw: new Float64Array(2 * m.rowCount), columns: byColumns(m) };
  let a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = options.random() - 0.5;
  let b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = options.random() - 0.5;
  let active1 = normalize(a) !== 0;
  removeComponents(b, active1 ? [a] : []);
  let active2 = active1 && normalize(b) !== 0;
  if (!active1) a = new Float64Array(n);
  if (!active2) b = new Float64Array(n);
  let nextA = new Float64Array(n);
  let nextB = new Float64Array(n);
  const iterations: [number, number] = [0, 0];
  let norm1 = 0;
  while (active1 || active2) {
    if (active1 && active2) multiplyGram2(m, a, b, nextA, nextB, pair);
    else if (active1) multiplyGram(m, a, nextA, scratch);
    else multiplyGram(m, b, nextB, scratch);
    if (active1) {
      iterations[0]++;
      norm1 = normalize(nextA);
      if (norm1 <= 1e-300) {
        // No variance at all: neither component exists.
        a = new Float64Array(n);
        b = new Float64Array(n);
        active1 = active2 = false;
        break;
      }
      const moved = change(nextA, a);
      [a, nextA] = [nextA, a];
      if (moved < tolerance || iterations[0] >= maxIterations) active1 = false;
    }
    if (active2) {
      iterations[1]++;
      removeComponents(nextB, [a]);
      const norm2 = normalize(nextB);
      // Nothing but rounding noise left in this direction: the data has one dimension.
      // ‖XᵀX v‖ of the first component is its eigenvalue (times rows − 1); 1e-10 below that is noise.
      if (norm2 <= Math.max(norm1 * 1e-10, 1e-300)) {
        b = new Float64Array(n);
        active2 = false;
        continue;
      }
      const moved = change(nextB, b);
      [b, nextB] = [nextB, b];
      if ((!active1 && moved < tolerance) || iterations[1] >= maxIterations) active2 = false;
    }
  }
  fixSign(a);
  fixSign(b);
  // Both variances from one pass (the same sums as a pass for each).
  const gramA = new Float64Array(n);
  const gramB = new Float64Array(n);
  multiplyGram2(m, a, b, gramA, gramB, pair);
  const rows = Math.max(m.rowCount - 1, 1);
  return {
    center: m.center,
    components: [a, b],
    eigenvalues: [dot(a, gramA) / rows, dot(b, gramB) / rows],
    iterations,
  };
}
