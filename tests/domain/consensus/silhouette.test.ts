import { describe, expect, it } from "vitest";
import { silhouette } from "../../../src/domain/consensus/silhouette.js";

describe("silhouette", () => {
  // On a line: A = {0, 1}, B = {4, 5}.
  // x=0: a 1, b (4+5)/2 = 4.5 → 3.5/4.5;  x=1: a 1, b 3.5 → 2.5/3.5; symmetric for B.
  const points = Float64Array.from([0, 0, 1, 0, 4, 0, 5, 0]);
  const assignment = Int32Array.from([0, 0, 1, 1]);

  it("matches the hand computation", () => {
    const expected = (3.5 / 4.5 + 2.5 / 3.5) / 2;
    expect(silhouette(points, assignment, 2)).toBeCloseTo(expected, 12);
  });

  it("scores a singleton 0", () => {
    // x=0 alone: s 0; x=4 in {4,5}: a 1, b 4 → 0.75; x=5: a 1, b 5 → 0.8
    const s = silhouette(Float64Array.from([0, 0, 4, 0, 5, 0]), Int32Array.from([0, 1, 1]), 2);
    expect(s).toBeCloseTo((0 + 0.75 + 0.8) / 3, 12);
  });

  it("with weights equals the silhouette of the points repeated", () => {
    const weighted = silhouette(points, assignment, 2, Float64Array.from([2, 1, 1, 3]));
    const expanded = silhouette(
      Float64Array.from([0, 0, 0, 0, 1, 0, 4, 0, 5, 0, 5, 0, 5, 0]),
      Int32Array.from([0, 0, 0, 1, 1, 1, 1]),
      2,
    );
    expect(weighted).toBeCloseTo(expanded, 12);
  });

  it("is 0 for a single cluster", () => {
    expect(silhouette(points, new Int32Array(4), 1)).toBe(0);
  });
});
