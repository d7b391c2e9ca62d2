// Weighted k-means on points in the plane (the PCA projection), with k-means++
// seeding from an injected seeded random source and Lloyd iterations. Points are
// interleaved [x0, y0, x1, y1, …]; a weight is how many participants a point
// stands for (1 for a participant, the member count for a base cluster).

import type { RandomSource } from "./random.js";

export interface KMeansResult {
  /** Number of non-empty clusters (≤ the k asked for: never more than distinct points). */
  readonly k: number;
  /** Interleaved centres, length 2k. */
  readonly centers: Float64Array;
  /** Cluster of each point, 0 … k−1. */
  readonly assignment: Int32Array;
  /** Total weight in each cluster. */
  readonly weights: Float64Array;
  /** Σ weight · squared distance to the point's centre. */
  readonly inertia: number;
}

export interface KMeansOptions {
  readonly random: RandomSource;
  /** Per point; all 1 when omitted. */
  readonly weights?: Float64Array;
  readonly maxIterations?: number;
}

function weightOf(weights: Float64Array | undefined, i: number): number {
  return weights === undefined ? 1 : weights[i]!;
}

/** k-means++: each next centre drawn with probability ∝ weight · D². Stops early when all mass sits on centres. */
function seedCenters(points: Float64Array, k: number, options: KMeansOptions): Float64Array {
  const n = points.length / 2;
  const { weights, random } = options;
  const centers: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) total += weightOf(weights, i);
  let target = random() * total;
  let first = n - 1;
  for (let i = 0; i < n; i++) {
    target -= weightOf(weights, i);
    if (target < 0) {
      first = i;
      break;
    }
  }
  centers.push(points[2 * first]!, points[2 * first + 1]!);
  const d2 = new Float64Array(n);
  for (let i = 0; i < n; i++) d2[i] = (points[2 * i]! - centers[0]!) ** 2 + (points[2 * i + 1]! - centers[1]!) ** 2;
  while (centers.length < 2 * k) {
    let mass = 0;
    for (let i = 0; i < n; i++) mass += weightOf(weights, i) * d2[i]!;
    if (!(mass > 0)) break;
    target = random() * mass;
    let pick = -1;
    for (let i = 0; i < n; i++) {
      const w = weightOf(weights, i) * d2[i]!;
      if (w <= 0) continue;
      pick = i;
      target -= w;
      if (target < 0) break;
    }
    const cx = points[2 * pick]!;
    const cy = points[2 * pick + 1]!;
    centers.push(cx, cy);
    for (let i = 0; i < n; i++) {
      const d = (points[2 * i]! - cx) ** 2 + (points[2 * i + 1]! - cy) ** 2;
      if (d < d2[i]!) d2[i] = d;
    }
  }
  return Float64Array.from(centers);
}

/** Index of the nearest centre; ties go to the lower index. */
function nearest(centers: Float64Array, k: number, x: number, y: number): number {
  let best = 0;
  let bestD = Infinity;
  for (let c = 0; c < k; c++) {
    const dx = x - centers[2 * c]!;
    const dy = y - centers[2 * c + 1]!;
    const d = dx * dx + dy * dy;
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}

/**
 * The nearest centre by the same rule as `nearest` (same distances, ties to the
 * lower index), found by walking outwards from the point's x among the centres
 * sorted by x: a centre whose horizontal gap alone, squared, exceeds the best
 * distance so far cannot be nearer or as near (dx² + dy² ≥ dx² holds in floating
 * point too), nor can any centre beyond it. With 100 base clusters this looks at
 * a handful of centres per point instead of all of them.
 */
class CenterIndex {
  private readonly order: Int32Array;
  private readonly xs: Float64Array;

  constructor(
    private readonly centers: Float64Array,
    private readonly k: number,
  ) {
    this.order = Int32Array.from({ length: k }, (_, c) => c).sort((a, b) => centers[2 * a]! - centers[2 * b]! || a - b);
    this.xs = Float64Array.from(this.order, (c) => centers[2 * c]!);
  }

  nearest(x: number, y: number): number {
    const { centers, order, xs, k } = this;
    let lo = 0;
    let hi = k;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    let best = -1;
    let bestD = Infinity;
    let left = lo - 1;
    let right = lo;
    while (left >= 0 || right < k) {
      if (right < k) {
        const c = order[right]!;
        const dx = x - centers[2 * c]!;
        if (dx * dx > bestD) right = k;
        else {
          const dy = y - centers[2 * c + 1]!;
          const d = dx * dx + dy * dy;
          if (d < bestD || (d === bestD && c < best)) (bestD = d), (best = c);
          right++;
        }
      }
      if (left >= 0) {
        const c = order[left]!;
        const dx = x - centers[2 * c]!;
        if (dx * dx > bestD) left = -1;
        else {
          const dy = y - centers[2 * c + 1]!;
          const d = dx * dx + dy * dy;
          if (d < bestD || (d === bestD && c < best)) (bestD = d), (best = c);
          left--;
        }
      }
    }
    return best < 0 ? 0 : best;
  }
}

/** From this many centres on, the assignment step uses CenterIndex (same answers; below it the plain scan is as quick). */
const INDEXED_FROM = 16;

/**
 * Lloyd's algorithm from the given centres until no point changes cluster (or
 * maxIterations). A cluster that empties keeps its centre and is dropped at the end.
 */
export function lloyd(points: Float64Array, initialCenters: Float64Array, options: Omit<KMeansOptions, "random">): KMeansResult {
  const n = points.length / 2;
  const k = initialCenters.length / 2;
  const { weights } = options;
  const maxIterations = options.maxIterations ?? 100;
  const centers = initialCenters.slice();
  const assignment = new Int32Array(n).fill(-1);
  const sx = new Float64Array(k);
  const sy = new Float64Array(k);
  const sw = new Float64Array(k);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let changed = false;
    const index = k >= INDEXED_FROM ? new CenterIndex(centers, k) : null;
    for (let i = 0; i < n; i++) {
      const c = index ? index.nearest(points[2 * i]!, points[2 * i + 1]!) : nearest(centers, k, points[2 * i]!, points[2 * i + 1]!);
      if (c !== assignment[i]) {
        assignment[i] = c;
        changed = true;
      }
    }
    if (!changed) break;
    sx.fill(0);
    sy.fill(0);
    sw.fill(0);
    for (let i = 0; i < n; i++) {
      const c = assignment[i]!;
      const w = weightOf(weights, i);
      sx[c]! += w * points[2 * i]!;
      sy[c]! += w * points[2 * i + 1]!;
      sw[c]! += w;
    }
    for (let c = 0; c < k; c++) {
      if (sw[c]! > 0) {
        centers[2 * c] = sx[c]! / sw[c]!;
        centers[2 * c + 1] = sy[c]! / sw[c]!;
      }
    }
  }
  // Compact away empty clusters, keeping the order of the others.
  sw.fill(0);
  for (let i = 0; i < n; i++) sw[assignment[i]!]! += weightOf(weights, i);
  const remap = new Int32Array(k).fill(-1);
  let kept = 0;
  for (let c = 0; c < k; c++) if (sw[c]! > 0) remap[c] = kept++;
  const outCenters = new Float64Array(2 * kept);
  const outWeights = new Float64Array(kept);
  for (let c = 0; c < k; c++) {
    const to = remap[c]!;
    if (to < 0) continue;
    outCenters[2 * to] = centers[2 * c]!;
    outCenters[2 * to + 1] = centers[2 * c + 1]!;
    outWeights[to] = sw[c]!;
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const c = remap[assignment[i]!]!;
    assignment[i] = c;
    inertia += weightOf(weights, i) * ((points[2 * i]! - outCenters[2 * c]!) ** 2 + (points[2 * i + 1]! - outCenters[2 * c + 1]!) ** 2);
  }
  return { k: kept, centers: outCenters, assignment, weights: outWeights, inertia };
}

/** k-means with k-means++ seeding. With no points, returns k = 0. */
export function weightedKMeans(points: Float64Array, k: number, options: KMeansOptions): KMeansResult {
  if (points.length === 0 || k <= 0) {
    return { k: 0, centers: new Float64Array(0), assignment: new Int32Array(points.length / 2), weights: new Float64Array(0), inertia: 0 };
  }
  return lloyd(points, seedCenters(points, k, options), options);
}

/** Best (lowest inertia) of `restarts` seeded runs; the first wins ties. */
export function bestOfKMeans(points: Float64Array, k: number, restarts: number, options: KMeansOptions): KMeansResult {
  let best = weightedKMeans(points, k, options);
  for (let r = 1; r < restarts; r++) {
    const run = weightedKMeans(points, k, options);
    if (run.k > best.k || (run.k === best.k && run.inertia < best.inertia - 1e-12 * Math.max(1, best.inertia))) best = run;
  }
  return best;
}
