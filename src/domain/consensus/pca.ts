// Two principal components of X (the mean-centred, mean-filled vote matrix): the
// first two eigenvectors of XᵀX, by power iteration on the pair at once (subspace
// iteration; Pol.is iterates one vector, then the second with the first
// projected out — the same eigenvectors, see powerIterationPca).
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
  /** Passes actually run for each component (both run in the same passes; 0 for a component that does not exist). */
  readonly iterations: [number, number];
}

export interface PcaOptions {
  readonly random: RandomSource;
  /** Pol.is runs 100. */
  readonly maxIterations?: number;
  /**
   * Stop early once a pass moves the plane of the two components by less than
   * this (the root of the squared sines of the angles between successive planes).
   * At 1e-12 the plane is fixed to about machine precision times the matrix's
   * condition: further iterations only shuffle rounding noise, and 100 blind
   * iterations on a 10,000 × 1,000 matrix would cost the time budget for nothing.
   */
  readonly tolerance?: number;
}

/** out = Xᵀ(X v), using `scratch` (length rowCount) for X v. */
function multiplyGram(m: CenteredMatrix, v: Float64Array, out: Float64Array, scratch: Float64Array): void {
  const { rowStart, column, value, center, rowCount } = m;
  out.fill(0);
  for (let r = 0; r < rowCount; r++) {
    const end = rowStart[r + 1]!;
    let dot = 0;
    for (let k = rowStart[r]!; k < end; k++) {
      const c = column[k]!;
      dot += (value[k]! - center[c]!) * v[c]!;
    }
    scratch[r] = dot;
    if (dot !== 0) {
      for (let k = rowStart[r]!; k < end; k++) {
        const c = column[k]!;
        out[c]! += (value[k]! - center[c]!) * dot;
      }
    }
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
 * The entries keep the matrix's codes (x = value − center of the column).
 */
interface Columns {
  readonly start: Int32Array;
  readonly row: Int32Array;
  readonly value: Int8Array | Float64Array;
}

function byColumns(m: CenteredMatrix): Columns {
  const { rowStart, column, value, rowCount, columnCount } = m;
  const start = new Int32Array(columnCount + 1);
  for (let k = 0; k < column.length; k++) start[column[k]! + 1]!++;
  for (let c = 0; c < columnCount; c++) start[c + 1]! += start[c]!;
  const cursor = start.slice(0, columnCount);
  const row = new Int32Array(column.length);
  const vt = value instanceof Int8Array ? new Int8Array(column.length) : new Float64Array(column.length);
  for (let r = 0; r < rowCount; r++) {
    for (let k = rowStart[r]!, end = rowStart[r + 1]!; k < end; k++) {
      const at = cursor[column[k]!]!++;
      row[at] = r;
      vt[at] = value[k]!;
    }
  }
  return { start, row, value: vt };
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
  const { rowStart, column, value, center, rowCount, columnCount } = m;
  const { vw, xvw, columns } = scratch;
  for (let c = 0; c < columnCount; c++) {
    vw[2 * c] = v[c]!;
    vw[2 * c + 1] = w[c]!;
  }
  for (let r = 0; r < rowCount; r++) {
    let dv = 0;
    let dw = 0;
    for (let k = rowStart[r]!, end = rowStart[r + 1]!; k < end; k++) {
      const col = column[k]!;
      const xk = value[k]! - center[col]!;
      const c = col << 1;
      dv += xk * vw[c]!;
      dw += xk * vw[c + 1]!;
    }
    xvw[2 * r] = dv;
    xvw[2 * r + 1] = dw;
  }
  const { start, row, value: vt } = columns;
  for (let c = 0; c < columnCount; c++) {
    let sv = 0;
    let sw = 0;
    const mean = center[c]!;
    for (let k = start[c]!, end = start[c + 1]!; k < end; k++) {
      const xk = vt[k]! - mean;
      const r = row[k]! << 1;
      sv += xk * xvw[r]!;
      sw += xk * xvw[r + 1]!;
    }
    outV[c] = sv;
    outW[c] = sw;
  }
}

/**
 * How far the plane moved: the part of the old orthonormal pair (p1, p2) outside
 * the new pair's span, ‖p1 − QQᵀp1‖² + ‖p2 − QQᵀp2‖² under the root (the sines of
 * the angles between the planes). A zero vector stands for a missing dimension.
 */
function planeChange(p1: Float64Array, p2: Float64Array, q1: Float64Array, q2: Float64Array): number {
  let s = 0;
  for (const p of [p1, p2]) {
    const d1 = dot(p, q1);
    const d2 = dot(p, q2);
    for (let i = 0; i < p.length; i++) s += (p[i]! - d1 * q1[i]! - d2 * q2[i]!) ** 2;
  }
  return Math.sqrt(s);
}

/**
 * Both components by subspace (block power) iteration with a Rayleigh–Ritz step:
 * each pass multiplies the two current vectors by XᵀX in one pass over the matrix,
 * takes the best pair of eigenvectors of XᵀX inside the plane they span (the 2×2
 * eigenproblem of the plane), and orthonormalises the products for the next pass.
 *
 * Plain power iteration with deflation (Pol.is's) finds the first component at
 * the rate λ2/λ1 and the second at λ3/λ2: when the first two eigenvalues are
 * nearly equal — two opinion groups of similar weight, or three — the first
 * crawls and all 100 passes are spent. The plane converges at the rate λ3/λ2
 * whatever λ1/λ2 is, and the Ritz step picks the two axes inside it exactly, so
 * the same eigenvectors come out (to the tolerance) in as many passes as the
 * slower of the two needs under deflation, or far fewer when λ1 ≈ λ2.
 */
export function powerIterationPca(m: CenteredMatrix, options: PcaOptions): PcaResult {
  const n = m.columnCount;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-12;
  const pair: PairScratch = { vw: new Float64Array(2 * n), xvw: new Float64Array(2 * m.rowCount), columns: byColumns(m) };
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = options.random() - 0.5;
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = options.random() - 0.5;
  const ga = new Float64Array(n);
  const gb = new Float64Array(n);
  // The Ritz vectors of the previous pass (what is reported), and of this one.
  let r1 = new Float64Array(n);
  let r2 = new Float64Array(n);
  let next1 = new Float64Array(n);
  let next2 = new Float64Array(n);
  let iterations = 0;
  let rank = 0;
  if (normalize(a) !== 0) {
    rank = 1;
    removeComponents(b, [a]);
    if (normalize(b) !== 0) rank = 2;
  }
  while (rank > 0 && iterations < maxIterations) {
    iterations++;
    if (rank === 2) multiplyGram2(m, a, b, ga, gb, pair);
    else multiplyGram(m, a, ga, pair.xvw);
    // The plane's 2×2 matrix [h11 h12; h12 h22] = [a b]ᵀ XᵀX [a b], and its eigenvectors (c, s), (−s, c).
    const h11 = dot(a, ga);
    const h22 = rank === 2 ? dot(b, gb) : 0;
    const h12 = rank === 2 ? (dot(a, gb) + dot(b, ga)) / 2 : 0;
    const angle = 0.5 * Math.atan2(2 * h12, h11 - h22);
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    for (let i = 0; i < n; i++) {
      next1[i] = c * a[i]! + s * b[i]!;
      next2[i] = c * b[i]! - s * a[i]!;
    }
    if (rank === 1) next2.fill(0);
    fixSign(next1);
    fixSign(next2);
    // The first pass's pair spans the start's plane: nothing to compare it with yet.
    const moved = iterations === 1 ? Infinity : planeChange(r1, r2, next1, next2);
    [r1, next1] = [next1, r1];
    [r2, next2] = [next2, r2];
    if (moved < tolerance) break;
    // Next pass: the products, rotated the same way, orthonormalised.
    for (let i = 0; i < n; i++) {
      const x = ga[i]!;
      const y = gb[i]!;
      a[i] = c * x + s * y;
      b[i] = c * y - s * x;
    }
    if (rank === 1) b.fill(0);
    const norm1 = normalize(a);
    if (norm1 <= 1e-300) {
      // No variance at all: neither component exists.
      rank = 0;
      break;
    }
    if (rank === 2) {
      removeComponents(b, [a]);
      // Nothing but rounding noise left in this direction: the data has one dimension.
      // ‖XᵀX v‖ of the first component is its eigenvalue (times rows − 1); 1e-10 below that is noise.
      if (normalize(b) <= Math.max(norm1 * 1e-10, 1e-300)) {
        b.fill(0);
        rank = 1;
      }
    }
  }
  if (rank === 0) {
    r1 = new Float64Array(n);
    r2 = new Float64Array(n);
  } else if (rank === 1) r2 = new Float64Array(n);
  const gramA = new Float64Array(n);
  const gramB = new Float64Array(n);
  multiplyGram2(m, r1, r2, gramA, gramB, pair);
  const rows = Math.max(m.rowCount - 1, 1);
  return {
    center: m.center,
    components: [r1, r2],
    eigenvalues: [dot(r1, gramA) / rows, dot(r2, gramB) / rows],
    iterations: [iterations, rank === 2 ? iterations : 0],
  };
}
