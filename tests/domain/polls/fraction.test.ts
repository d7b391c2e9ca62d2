import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ONE_HALF, THREE_QUARTERS, TWO_THIRDS, exactSum, fraction, meets, percent } from "../../../src/domain/polls/index.js";

describe("meets", () => {
  it("compares exactly at the thresholds", () => {
    expect(meets(fraction(2, 3), ">=", TWO_THIRDS)).toBe(true);
    expect(meets(fraction(8, 12), ">=", TWO_THIRDS)).toBe(true);
    expect(meets(fraction(7, 11), ">=", TWO_THIRDS)).toBe(false);
    expect(meets(fraction(1, 2), ">", ONE_HALF)).toBe(false);
    expect(meets(fraction(1, 2), ">=", ONE_HALF)).toBe(true);
    expect(meets(fraction(3, 4), ">=", THREE_QUARTERS)).toBe(true);
    expect(meets(fraction(74, 100), ">=", THREE_QUARTERS)).toBe(false);
    expect(meets(fraction(30, 100), ">=", percent(30))).toBe(true);
  });

  it("does not round where floating point would", () => {
    // 6004799503160660 / 9007199254740991 is just below 2/3, but as doubles both are 0.6666666666666666.
    const justBelow = fraction(6004799503160660, 9007199254740991);
    expect(justBelow.numerator / justBelow.denominator >= 2 / 3).toBe(true);
    expect(meets(justBelow, ">=", TWO_THIRDS)).toBe(false);
    expect(meets(fraction(6004799503160661, 9007199254740991), ">=", TWO_THIRDS)).toBe(true);
  });

  it("meets nothing with a zero denominator", () => {
    expect(meets(fraction(0, 0), ">=", fraction(0, 1))).toBe(false);
    expect(meets(fraction(0, 0), ">=", percent(1))).toBe(false);
  });

  it("agrees with rational comparison on small numbers", () => {
    fc.assert(
      fc.property(fc.nat(50), fc.integer({ min: 1, max: 50 }), fc.nat(10), fc.integer({ min: 1, max: 10 }), (n, d, tn, td) => {
        // n/d >= tn/td  ⇔  n·td >= tn·d for positive denominators.
        expect(meets(fraction(n, d), ">=", fraction(tn, td))).toBe(n * td >= tn * d);
        expect(meets(fraction(n, d), ">", fraction(tn, td))).toBe(n * td > tn * d);
      }),
    );
  });
});

describe("fraction and exactSum", () => {
  it("refuse negative, fractional and unsafe numbers", () => {
    expect(() => fraction(-1, 2)).toThrow(RangeError);
    expect(() => fraction(1.5, 2)).toThrow(RangeError);
    expect(() => fraction(1, Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
    expect(() => exactSum([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
    expect(exactSum([1, 2, 3])).toBe(6);
  });
});
