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

  it("handles no points", () => {
    expect(weightedKMeans(new Float64Array(0), 3, { random: createSeededRandom(1) }).k).toBe(0);
  });
});
