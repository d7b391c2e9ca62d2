import { describe, expect, it } from "vitest";
import { proportionZ, smoothedProportion, statementGroupStats, twoProportionZ, Z_90 } from "../../../src/domain/consensus/stats.js";

describe("statistics", () => {
  it("smooths shares with +1/+2", () => {
    expect(smoothedProportion(8, 10)).toBe(9 / 12);
    expect(smoothedProportion(0, 0)).toBe(0.5);
  });

  it("pat = 2·sqrt(ns+1)·((na+1)/(ns+1) − 0.5)", () => {
    // na 8, ns 10: 2·sqrt(11)·(9/11 − 0.5) = 2·3.31662·0.31818 = 2.11058
    expect(proportionZ(8, 10)).toBeCloseTo(2.110579, 5);
    expect(proportionZ(0, 0)).toBe(1); // 2·1·(1 − 0.5)
  });

  it("two-proportion z-test with +1 on all four counts", () => {
    // in: 8 of 10 → 9/11; out: 2 of 10 → 3/11; pooled 12/22
    const pooled = 12 / 22;
    const expected = (9 / 11 - 3 / 11) / Math.sqrt(pooled * (1 - pooled) * (2 / 11));
    expect(twoProportionZ(8, 10, 2, 10)).toBeCloseTo(expected, 12);
    expect(twoProportionZ(8, 10, 2, 10)).toBeCloseTo(2.569, 3);
    expect(twoProportionZ(2, 10, 8, 10)).toBeCloseTo(-2.569, 3);
  });

  it("two-proportion z-test is 0 when everyone succeeded", () => {
    // +1 on all counts keeps the pooled share below 1 for any real counts; force it
    expect(twoProportionZ(-1, -1, 5, 5)).toBe(0);
  });

  it("bundles na, nd, ns, pa, pd, pat, pdt (passes count in ns)", () => {
    const s = statementGroupStats(5, 2, 10);
    expect(s).toEqual({ na: 5, nd: 2, ns: 10, pa: 6 / 12, pd: 3 / 12, pat: proportionZ(5, 10), pdt: proportionZ(2, 10) });
    expect(Z_90).toBe(1.2816);
  });
});
