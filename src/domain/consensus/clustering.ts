// Opinion groups the Pol.is way: first up to 100 base clusters of participants
// (a cheap summary of the map), then k-means of the base-cluster centres,
// weighted by their member counts, for k = 2 … min(5, 2 + floor(n_base / 12)),
// keeping the k with the best silhouette (scored over the base-cluster centres,
// as Pol.is does). The second stage sees at most 100 points, so trying several k
// with several restarts costs next to nothing.
//
// Parsimony margin: a larger k is only taken when its silhouette beats every
// smaller k by more than `kMargin` (0.02). Pol.is never switches k on a marginal
// gain either: its k-smoother waits until a new k has been best for several
// updates in a row. A one-shot analysis has no such history, and without the
// margin the group count of a borderline conversation (brexit-consensus: 2 vs 3
// groups differ by < 0.02) flips with the seed and from one re-analysis to the
// next as votes trickle in.

import { bestOfKMeans, weightedKMeans, type KMeansResult } from "./kmeans.js";
import type { RandomSource } from "./random.js";
import { silhouette } from "./silhouette.js";

export interface GroupClustering {
  readonly base: KMeansResult;
  /** Group of each base cluster. */
  readonly groupOfBase: Int32Array;
  /** Group of each point; groups are numbered by size (largest first, ties by first member). */
  readonly groupOfPoint: Int32Array;
  readonly groupCount: number;
  readonly silhouettes: { k: number; score: number }[];
}

export interface GroupClusteringOptions {
  readonly random: RandomSource;
  readonly maxBaseClusters?: number;
  readonly maxGroups?: number;
  /** Seeded restarts of the group-level k-means per k; the lowest inertia wins. */
  readonly restarts?: number;
  /** See the parsimony margin above. */
  readonly kMargin?: number;
}

export const DEFAULT_K_MARGIN = 0.02;

/** The largest k tried: min(maxGroups, 2 + floor(n_base / 12)). */
export function maxGroupCount(baseClusterCount: number, maxGroups = 5): number {
  return Math.min(maxGroups, 2 + Math.floor(baseClusterCount / 12));
}

/** The smallest k whose score is within `margin` of the best score. */
export function chooseGroupCount(silhouettes: readonly { k: number; score: number }[], margin = DEFAULT_K_MARGIN): number | null {
  if (silhouettes.length === 0) return null;
  const best = Math.max(...silhouettes.map((s) => s.score));
  const candidates = silhouettes.filter((s) => s.score >= best - margin).map((s) => s.k);
  return Math.min(...candidates);
}

/** Renumbers labels so that group 0 is the largest, ties broken by the lowest first member. */
export function orderGroupsBySize(labels: Int32Array, k: number): Int32Array {
  const size = new Float64Array(k);
  const first = new Int32Array(k).fill(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const g = labels[i]!;
    size[g]!++;
    if (first[g]! > i) first[g] = i;
  }
  const order = Array.from({ length: k }, (_, g) => g).sort((a, b) => size[b]! - size[a]! || first[a]! - first[b]!);
  const rank = new Int32Array(k);
  order.forEach((g, r) => (rank[g] = r));
  return labels.map((g) => rank[g]!);
}

export function clusterIntoGroups(points: Float64Array, options: GroupClusteringOptions): GroupClustering {
  const n = points.length / 2;
  const base = weightedKMeans(points, Math.min(options.maxBaseClusters ?? 100, n), { random: options.random });
  const silhouettes: { k: number; score: number }[] = [];
  const runs = new Map<number, KMeansResult>();
  const topK = Math.min(maxGroupCount(base.k, options.maxGroups), base.k);
  for (let k = 2; k <= topK; k++) {
    const run = bestOfKMeans(base.centers, k, options.restarts ?? 10, { random: options.random, weights: base.weights });
    if (run.k < 2 || runs.has(run.k)) continue;
    runs.set(run.k, run);
    silhouettes.push({ k: run.k, score: silhouette(base.centers, run.assignment, run.k) });
  }
  const chosen = chooseGroupCount(silhouettes, options.kMargin ?? DEFAULT_K_MARGIN);
  const run = chosen === null ? undefined : runs.get(chosen);
  const groupCount = run === undefined ? (n === 0 ? 0 : 1) : run.k;
  const raw = new Int32Array(n);
  if (run !== undefined) for (let i = 0; i < n; i++) raw[i] = run.assignment[base.assignment[i]!]!;
  const groupOfPoint = orderGroupsBySize(raw, groupCount);
  const groupOfBase = new Int32Array(base.k);
  for (let i = 0; i < n; i++) groupOfBase[base.assignment[i]!] = groupOfPoint[i]!;
  return { base, groupOfBase, groupOfPoint, groupCount, silhouettes };
}
