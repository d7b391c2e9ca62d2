// Silhouette of a clustering of points in the plane.
//
// Unweighted, it is the textbook silhouette: for point i in cluster A,
//   a = mean distance to the other points of A,
//   b = min over other clusters B of the mean distance to the points of B,
//   s = (b − a) / max(a, b), and s = 0 when i is alone in A;
// the score is the mean of s. Pol.is scores its group clusterings this way over
// the base-cluster centres, one vote per base cluster.
//
// Weighted, it is the silhouette of the point set in which point i is repeated
// weight[i] times (own copies at distance 0, denominator W_A − 1).

export function silhouette(points: Float64Array, assignment: Int32Array, k: number, weights?: Float64Array): number {
  const n = assignment.length;
  if (k < 2 || n === 0) return 0;
  const w = (i: number): number => (weights === undefined ? 1 : weights[i]!);
  const clusterWeight = new Float64Array(k);
  for (let i = 0; i < n; i++) clusterWeight[assignment[i]!]! += w(i);
  const sumTo = new Float64Array(k);
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    sumTo.fill(0);
    const xi = points[2 * i]!;
    const yi = points[2 * i + 1]!;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      sumTo[assignment[j]!]! += w(j) * Math.hypot(xi - points[2 * j]!, yi - points[2 * j + 1]!);
    }
    const own = assignment[i]!;
    total += w(i);
    if (clusterWeight[own]! <= 1) continue;
    const a = sumTo[own]! / (clusterWeight[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === own || clusterWeight[c]! <= 0) continue;
      b = Math.min(b, sumTo[c]! / clusterWeight[c]!);
    }
    if (b === Infinity) continue;
    const m = Math.max(a, b);
    if (m > 0) weighted += (w(i) * (b - a)) / m;
  }
  return total > 0 ? weighted / total : 0;
}
