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

function powerIterate(
  m: CenteredMatrix,
  previous: readonly Float64Array[],
  options: PcaOptions,
  scratch: Float64Array,
  floor: number,
): { vector: Float64Array; iterations: number; norm: number } {
  const n = m.columnCount;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-12;
  let v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = options.random() - 0.5;
  removeComponents(v, previous);
  if (normalize(v) === 0) return { vector: new Float64Array(n), iterations: 0, norm: 0 };
  let next = new Float64Array(n);
  let iterations = 0;
  let norm = 0;
  while (iterations < maxIterations) {
    iterations++;
    multiplyGram(m, v, next, scratch);
    removeComponents(next, previous);
    norm = normalize(next);
    // Nothing but rounding noise left in this direction: the data has fewer dimensions.
    if (norm <= floor) return { vector: new Float64Array(n), iterations, norm: 0 };
    let change = 0;
    for (let i = 0; i < n; i++) change += (next[i]! - v[i]!) ** 2;
    [v, next] = [next, v];
    if (Math.sqrt(change) < tolerance) break;
  }
  fixSign(v);
  return { vector: v, iterations, norm };
}

export function powerIterationPca(m: CenteredMatrix, options: PcaOptions): PcaResult {
  const scratch = new Float64Array(m.rowCount);
  const first = powerIterate(m, [], options, scratch, 1e-300);
  // ‖XᵀX v‖ of the first component is its eigenvalue (times rows − 1); anything
  // 1e-10 below that is what deflation leaves of a rank-one matrix: noise.
  const second = powerIterate(m, first.norm === 0 ? [] : [first.vector], options, scratch, Math.max(first.norm * 1e-10, 1e-300));
  const tmp = new Float64Array(m.columnCount);
  const variance = (c: Float64Array): number => {
    multiplyGram(m, c, tmp, scratch);
    return dot(c, tmp) / Math.max(m.rowCount - 1, 1);
  };
  return {
    center: m.center,
    components: [first.vector, second.vector],
    eigenvalues: [variance(first.vector), variance(second.vector)],
    iterations: [first.iterations, second.iterations],
  };
}
