import { describe, expect, it } from "vitest";
import { bestOfKMeans, lloyd, weightedKMeans } from "../../../src/domain/consensus/kmeans.js";
import { createSeededRandom } from "../../../src/domain/consensus/random.js";

const pts = (xy: [number, number][]) => Float64Array.from(xy.flat());

describe("k-means", () => {
  it("Lloyd converges to the two obvious clusters from given centres", () => {
    const points = pts([
      [0, 0],
      [0, 2],
      [10, 0],
      [10, 2],
    ]);
    const r = lloyd(points, Float64Array.from([0, 0, 10, 0]), {});
    expect(r.k).toBe(2);
    expect(Array.from(r.assignment)).toEqual([0, 0, 1, 1]);
    expect(Array.from(r.centers)).toEqual([0, 1, 10, 1]);
    expect(r.inertia).toBe(4);
  });

  it("Lloyd stops in the local optimum its start leads to", () => {
    const points = pts([
      [0, 0],
      [0, 2],
      [10, 0],
      [10, 2],
    ]);
    const r = lloyd(points, Float64Array.from([0, 0, 0, 2]), {});
    expect(Array.from(r.assignment)).toEqual([0, 1, 0, 1]);
    expect(Array.from(r.centers)).toEqual([5, 0, 5, 2]);
  });

  it("weights pull the centre: weighted mean of (0,0)×3 and (4,0)×1 is (1,0)", () => {
    const r = lloyd(
      pts([
        [0, 0],
        [4, 0],
        [100, 0],
      ]),
      Float64Array.from([0, 0, 100, 0]),
      { weights: Float64Array.from([3, 1, 2]) },
    );
    expect(Array.from(r.centers)).toEqual([1, 0, 100, 0]);
    expect(Array.from(r.weights)).toEqual([4, 2]);
    expect(r.inertia).toBe(3 * 1 + 1 * 9);
  });

  it("never makes more clusters than distinct points", () => {
    const r = weightedKMeans(
      pts([
        [1, 1],
        [1, 1],
        [2, 2],
      ]),
      3,
      { random: createSeededRandom(1) },
    );
    expect(r.k).toBe(2);
  });

  it("drops a cluster that empties", () => {
    const r = lloyd(
      pts([
        [0, 0],
        [1, 0],
      ]),
      Float64Array.from([0, 0, 50, 50, 1, 0]),
      {},
    );
    expect(r.k).toBe(2);
    expect(Array.from(r.assignment)).toEqual([0, 1]);
  });

  it("finds three separated blobs with k-means++ seeding, the same way every time", () => {
    const random = createSeededRandom(3);
    const xy: [number, number][] = [];
    for (const [cx, cy] of [
      [0, 0],
      [20, 0],
      [0, 20],
    ] as const) {
      for (let i = 0; i < 30; i++) xy.push([cx + random(), cy + random()]);
    }
    const a = bestOfKMeans(pts(xy), 3, 5, { random: createSeededRandom(9) });
    const b = bestOfKMeans(pts(xy), 3, 5, { random: createSeededRandom(9) });
    expect(Array.from(a.assignment)).toEqual(Array.from(b.assignment));
    const labels = Array.from(a.assignment);
    for (let blob = 0; blob < 3; blob++) expect(new Set(labels.slice(blob * 30, blob * 30 + 30)).size).toBe(1);
    expect(new Set(labels).size).toBe(3);
  });

  it("assigns each point its nearest centre, ties to the lower index, also with many centres", () => {
    // A grid, so many points are equally far from two centres; 40 distinct grid points as centres,
    // so no cluster empties and one iteration's assignment is the first, from these centres.
    const random = createSeededRandom(17);
    const grid: [number, number][] = [];
    for (let i = 0; i < 30; i++) for (let j = 0; j < 30; j++) grid.push([i, j]);
    const chosen = new Set<number>();
    while (chosen.size < 40) chosen.add(Math.floor(random() * grid.length));
    const centers = pts([...chosen].map((i) => grid[i]!));
    const r = lloyd(pts(grid), centers, { maxIterations: 1 });
    expect(r.k).toBe(40);
    const expected = grid.map(([x, y]) => {
      let best = 0;
      for (let c = 1; c < 40; c++) {
        const d = (x - centers[2 * c]!) ** 2 + (y - centers[2 * c + 1]!) ** 2;
        if (d < (x - centers[2 * best]!) ** 2 + (y - centers[2 * best + 1]!) ** 2) best = c;
      }
      return best;
    });
    expect(Array.from(r.assignment)).toEqual(expected);
  });

  it("handles no points", () => {
    expect(weightedKMeans(new Float64Array(0), 3, { random: createSeededRandom(1) }).k).toBe(0);
  });
});
