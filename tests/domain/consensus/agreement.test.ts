import { describe, expect, it } from "vitest";
import { adjustedRandIndex, ranks, spearman } from "../../../src/domain/consensus/agreement.js";

describe("adjustedRandIndex", () => {
  it("is 1 for the same partition under other names, and a hand-computed value otherwise", () => {
    expect(adjustedRandIndex([0, 0, 1, 1], ["b", "b", "a", "a"])).toBe(1);
    // Contingency [[2,1],[0,2]]: index 1, rows 3+1=4? a = [0,0,0,1,1], b = [0,0,1,1,1]
    // pairs: Σ C(n_ij,2) = C(2,2)+C(1,2)+C(2,2) = 2; rows C(3,2)+C(2,2)=4; cols C(2,2)+C(3,2)=4; total C(5,2)=10
    // expected 4·4/10 = 1.6, max 4 → (2 − 1.6)/(4 − 1.6) = 1/6
    expect(adjustedRandIndex([0, 0, 0, 1, 1], [0, 0, 1, 1, 1])).toBeCloseTo(1 / 6, 12);
  });
});

describe("spearman", () => {
  it("averages tied ranks", () => {
    expect(ranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
  });

  it("is 1 for the same order, −1 for the reverse, Pearson's of the ranks with ties", () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 400])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    // ranks a = [1, 2, 3], b = [1.5, 1.5, 3]: Pearson = 1.5 / sqrt(2 · 1.5) = 0.8660…
    expect(spearman([1, 2, 3], [7, 7, 9])).toBeCloseTo(Math.sqrt(3) / 2, 12);
    expect(spearman([1], [1])).toBeNull();
    expect(spearman([1, 1], [1, 2])).toBeNull();
  });
});
