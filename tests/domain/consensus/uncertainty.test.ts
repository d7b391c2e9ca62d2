import { describe, expect, it } from "vitest";
import { areasOfUncertainty } from "../../../src/domain/consensus/uncertainty.js";

describe("areas of uncertainty", () => {
  it("keeps statements more than 30% of voters passed on, highest share first", () => {
    const pass = [3, 4, 5, 1, 0, 6, 2, 7];
    const seen = [10, 10, 10, 10, 0, 10, 4, 10];
    // shares: 0.3 (not more than), 0.4, 0.5, 0.1, —, 0.6, 0.5 (4 votes), 0.7
    const out = areasOfUncertainty(pass, seen);
    expect(out.map((e) => e.statement)).toEqual([7, 5, 2, 6, 1]);
    expect(out[0]).toEqual({ statement: 7, passRate: 0.7, seen: 10 });
  });

  it("keeps the top 5", () => {
    expect(areasOfUncertainty([9, 9, 9, 9, 9, 9], [10, 10, 10, 10, 10, 10])).toHaveLength(5);
  });
});
