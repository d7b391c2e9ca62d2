import { describe, expect, it } from "vitest";
import { chooseGroupCount, clusterIntoGroups, maxGroupCount, orderGroupsBySize } from "../../../src/domain/consensus/clustering.js";
import { createSeededRandom } from "../../../src/domain/consensus/random.js";

function blobs(centres: [number, number][], perBlob: number[], seed = 1): Float64Array {
  const random = createSeededRandom(seed);
  const out: number[] = [];
  centres.forEach(([cx, cy], b) => {
    for (let i = 0; i < perBlob[b]!; i++) out.push(cx + random() - 0.5, cy + random() - 0.5);
  });
  return Float64Array.from(out);
}

describe("group clustering", () => {
  it("tries k up to min(5, 2 + floor(n_base / 12))", () => {
    expect(maxGroupCount(100)).toBe(5);
    expect(maxGroupCount(24)).toBe(4);
    expect(maxGroupCount(23)).toBe(3);
    expect(maxGroupCount(11)).toBe(2);
  });

  it("chooses the best silhouette, a larger k only when it wins by more than the margin", () => {
    expect(chooseGroupCount([{ k: 2, score: 0.4 }, { k: 3, score: 0.6 }, { k: 4, score: 0.5 }])).toBe(3);
    expect(chooseGroupCount([{ k: 2, score: 0.41 }, { k: 3, score: 0.42 }])).toBe(2);
    expect(chooseGroupCount([{ k: 2, score: 0.41 }, { k: 3, score: 0.42 }], 0)).toBe(3);
    expect(chooseGroupCount([])).toBeNull();
  });

  it("numbers groups by size, largest first", () => {
    expect(Array.from(orderGroupsBySize(Int32Array.from([1, 0, 1, 2, 1, 0]), 3))).toEqual([0, 1, 0, 2, 0, 1]);
    // a tie goes to the group whose first member comes first
    expect(Array.from(orderGroupsBySize(Int32Array.from([1, 0, 0, 1]), 2))).toEqual([0, 1, 1, 0]);
  });

  it("recovers three separated opinion blobs through base clusters", () => {
    const points = blobs(
      [
        [0, 0],
        [10, 0],
        [5, 9],
      ],
      [80, 60, 40],
    );
    const r = clusterIntoGroups(points, { random: createSeededRandom(2) });
    expect(r.base.k).toBe(100);
    expect(r.groupCount).toBe(3);
    const labels = Array.from(r.groupOfPoint);
    expect(new Set(labels.slice(0, 80))).toEqual(new Set([0]));
    expect(new Set(labels.slice(80, 140))).toEqual(new Set([1]));
    expect(new Set(labels.slice(140))).toEqual(new Set([2]));
    expect(r.silhouettes.map((s) => s.k)).toEqual([2, 3, 4, 5]);
  });

  it("uses fewer base clusters than points only when asked, and is deterministic", () => {
    const points = blobs(
      [
        [0, 0],
        [10, 0],
      ],
      [20, 20],
    );
    const a = clusterIntoGroups(points, { random: createSeededRandom(5), maxBaseClusters: 10 });
    const b = clusterIntoGroups(points, { random: createSeededRandom(5), maxBaseClusters: 10 });
    expect(a.base.k).toBe(10);
    expect(a.groupCount).toBe(2);
    expect(Array.from(a.groupOfPoint)).toEqual(Array.from(b.groupOfPoint));
  });

  it("puts everyone in one group when there are too few points to compare k", () => {
    const r = clusterIntoGroups(Float64Array.from([0, 0, 1, 1]), { random: createSeededRandom(1) });
    // two base clusters: max k = 2, one 2-clustering of two points
    expect(r.groupCount).toBe(2);
    const single = clusterIntoGroups(Float64Array.from([3, 3]), { random: createSeededRandom(1) });
    expect(single.groupCount).toBe(1);
    expect(Array.from(single.groupOfPoint)).toEqual([0]);
  });
});
