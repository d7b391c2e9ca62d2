import { describe, expect, it } from "vitest";
import { powerIterationPca } from "../../../src/domain/consensus/pca.js";
import { createSeededRandom } from "../../../src/domain/consensus/random.js";
import type { CenteredMatrix } from "../../../src/domain/consensus/voteMatrix.js";

/** A CenteredMatrix from dense, already-centred rows (zeros stay implicit). */
function centred(rows: number[][]): CenteredMatrix {
  const columnCount = rows[0]!.length;
  const rowStart = [0];
  const column: number[] = [];
  const x: number[] = [];
  for (const row of rows) {
    row.forEach((v, c) => {
      if (v !== 0) {
        column.push(c);
        x.push(v);
      }
    });
    rowStart.push(column.length);
  }
  return {
    rowCount: rows.length,
    columnCount,
    rowStart: Int32Array.from(rowStart),
    column: Int32Array.from(column),
    value: Float64Array.from(x),
    center: new Float64Array(columnCount),
  };
}

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations: an independent reference. */
function jacobiEigen(a: number[][]): { values: number[]; vectors: number[][] } {
  const n = a.length;
  const m = a.map((r) => [...r]);
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(m[p]![q]!) < 1e-15) continue;
        const theta = (m[q]![q]! - m[p]![p]!) / (2 * m[p]![q]!);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k]![p]!;
          const mkq = m[k]![q]!;
          m[k]![p] = c * mkp - s * mkq;
          m[k]![q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p]![k]!;
          const mqk = m[q]![k]!;
          m[p]![k] = c * mpk - s * mqk;
          m[q]![k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[j]![j]! - m[i]![i]!);
  return { values: order.map((i) => m[i]![i]!), vectors: order.map((i) => v.map((row) => row[i]!)) };
}

function expectSameDirection(actual: Float64Array, expected: number[]): void {
  const dot = expected.reduce((s, e, i) => s + e * actual[i]!, 0);
  expect(Math.abs(dot)).toBeCloseTo(1, 9);
}

/** Both components along the reference's first two eigenvectors, and their variances the eigenvalues over rows − 1. */
function expectReference(pca: ReturnType<typeof powerIterationPca>, reference: { values: number[]; vectors: number[][] }, rowsMinusOne: number): void {
  for (const k of [0, 1] as const) {
    expectSameDirection(pca.components[k], reference.vectors[k]!);
    expect(pca.eigenvalues[k]).toBeCloseTo(reference.values[k]! / rowsMinusOne, 9);
  }
}

describe("power-iteration PCA", () => {
  it("finds the axes of a hand-made cross: XᵀX = diag(8, 2)", () => {
    const m = centred([
      [2, 0],
      [-2, 0],
      [0, 1],
      [0, -1],
    ]);
    const pca = powerIterationPca(m, { random: createSeededRandom(1) });
    expect(Array.from(pca.components[0]).map((v) => Number(v.toFixed(9)) + 0)).toEqual([1, 0]);
    expect(Array.from(pca.components[1]).map((v) => Number(v.toFixed(9)) + 0)).toEqual([0, 1]);
    // variance along each: 8/3 and 2/3 (rows − 1 = 3)
    expect(pca.eigenvalues[0]).toBeCloseTo(8 / 3, 9);
    expect(pca.eigenvalues[1]).toBeCloseTo(2 / 3, 9);
  });

  it("matches an independent eigen-decomposition of XᵀX", () => {
    const rows = [
      [1, -0.5, 0, 0.25],
      [-1, 0.5, 0.5, 0],
      [0.5, 0, -1, 1],
      [0, 1, 0.5, -1],
      [-0.5, -1, 0, -0.25],
    ];
    const gram = [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => rows.reduce((s, r) => s + r[i]! * r[j]!, 0)));
    const reference = jacobiEigen(gram);
    const pca = powerIterationPca(centred(rows), { random: createSeededRandom(3) });
    expectReference(pca, reference, 4);
  });

  it("stops early once converged, and never runs more than the cap", () => {
    const m = centred([
      [2, 0],
      [-2, 0],
      [0, 1],
      [0, -1],
    ]);
    const pca = powerIterationPca(m, { random: createSeededRandom(1) });
    expect(pca.iterations[0]).toBeLessThan(100);
    const capped = powerIterationPca(m, { random: createSeededRandom(1), maxIterations: 3 });
    expect(capped.iterations[0]).toBeLessThanOrEqual(3);
  });

  it("gives unit, orthogonal components with the largest entry positive", () => {
    const pca = powerIterationPca(
      centred([
        [-1, -1, 0.5],
        [1, 1, -0.5],
        [0.5, -0.5, 1],
        [-0.5, 0.5, -1],
      ]),
      { random: createSeededRandom(9) },
    );
    const [c1, c2] = pca.components;
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);
    expect(dot(c1, c1)).toBeCloseTo(1, 12);
    expect(dot(c2, c2)).toBeCloseTo(1, 12);
    expect(dot(c1, c2)).toBeCloseTo(0, 9);
    for (const c of [c1, c2]) {
      const largest = Array.from(c).reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0);
      expect(largest).toBeGreaterThan(0);
    }
  });

  it("returns a zero second component for rank-one data", () => {
    const pca = powerIterationPca(
      centred([
        [1, 2],
        [-1, -2],
        [2, 4],
        [-2, -4],
      ]),
      { random: createSeededRandom(5) },
    );
    expectSameDirection(pca.components[0], [1 / Math.sqrt(5), 2 / Math.sqrt(5)]);
    expect(Array.from(pca.components[1])).toEqual([0, 0]);
  });

  it("is deterministic for a seed", () => {
    const m = centred([
      [1, -0.5, 0],
      [-1, 0.5, 0.5],
      [0.5, 0, -1],
    ]);
    const a = powerIterationPca(m, { random: createSeededRandom(4) });
    const b = powerIterationPca(m, { random: createSeededRandom(4) });
    expect(Array.from(a.components[0])).toEqual(Array.from(b.components[0]));
    expect(Array.from(a.components[1])).toEqual(Array.from(b.components[1]));
  });

  /**
   * Rows ±scale·eᵢ, turned by a Householder reflection H (so nothing lines up with an axis):
   * XᵀX = H · diag(2·scale²) · H exactly, its eigenvectors the columns of H.
   */
  function reflectedRows(scales: number[]): number[][] {
    const u = scales.map((_, i) => i + 1);
    const uu = u.reduce((s, v) => s + v * v, 0);
    const reflect = (row: number[]) => {
      const d = row.reduce((s, v, i) => s + v * u[i]!, 0);
      return row.map((v, i) => v - (2 * d * u[i]!) / uu);
    };
    return scales.flatMap((s, i) => [1, -1].map((sign) => reflect(scales.map((_, j) => (i === j ? sign * s : 0)))));
  }

  it("settles two nearly equal components quickly: the plane converges at λ3/λ2, not λ2/λ1", () => {
    // Two strong directions of about the same weight (as three opinion groups of similar size make), a weak rest.
    const rows = reflectedRows([3, 2.99, 1, 0.8, 0.5, 0.3]);
    const gram = rows[0]!.map((_, i) => rows[0]!.map((_, j) => rows.reduce((s, r) => s + r[i]! * r[j]!, 0)));
    const reference = jacobiEigen(gram);
    expect(reference.values[1]! / reference.values[0]!).toBeGreaterThan(0.99);
    const pca = powerIterationPca(centred(rows), { random: createSeededRandom(2) });
    // Power iteration on one vector would need log(1e-12) / log(λ2/λ1) ≈ 4,000 passes here; the plane
    // needs about log(1e-12) / log(λ3/λ2) ≈ 13.
    expect(pca.iterations[0]).toBeLessThan(25);
    expectReference(pca, reference, 11);
  });

  it("with two exactly equal components, returns an orthonormal pair spanning their plane", () => {
    // XᵀX = diag(8, 8, 2): any rotation inside the first plane is an answer.
    const m = centred([
      [2, 0, 0],
      [-2, 0, 0],
      [0, 2, 0],
      [0, -2, 0],
      [0, 0, 1],
      [0, 0, -1],
    ]);
    const pca = powerIterationPca(m, { random: createSeededRandom(8) });
    const [c1, c2] = pca.components;
    const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);
    expect(dot(c1, c1)).toBeCloseTo(1, 12);
    expect(dot(c2, c2)).toBeCloseTo(1, 12);
    expect(dot(c1, c2)).toBeCloseTo(0, 12);
    expect(c1[2]).toBeCloseTo(0, 9);
    expect(c2[2]).toBeCloseTo(0, 9);
    expect(pca.eigenvalues[0]).toBeCloseTo(8 / 5, 9);
    expect(pca.eigenvalues[1]).toBeCloseTo(8 / 5, 9);
    // The plane settles at the rate λ3/λ2 = 1/4: about 20 passes to 1e-12.
    expect(pca.iterations[0]).toBeLessThan(30);
  });
});
