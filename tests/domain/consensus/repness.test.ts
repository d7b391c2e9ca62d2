import { describe, expect, it } from "vitest";
import { representativeStatements, statementRepness } from "../../../src/domain/consensus/repness.js";
import { groupCounts } from "./support.js";

// Two groups, two statements, [na, nd, ns]:
//            s0          s1
//   group 0  [8, 1, 10]  [2, 7, 10]
//   group 1  [1, 8, 10]  [6, 2, 10]
const counts = groupCounts([
  [
    [8, 1, 10],
    [2, 7, 10],
  ],
  [
    [1, 8, 10],
    [6, 2, 10],
  ],
]);

describe("representative statements", () => {
  it("computes ra, rat, pa, pat for a group against the rest (hand-computed)", () => {
    const r = statementRepness(counts, 0, 0);
    expect(r.pa).toBe(9 / 12);
    // out: 1 agree of 10 → (1+1)/(10+2) = 1/6; ra = 0.75 / (1/6) = 4.5
    expect(r.ra).toBeCloseTo(4.5, 12);
    // rat: (9/11 − 2/11) / sqrt(0.5·0.5·(2/11)) = 0.636364 / 0.213201
    expect(r.rat).toBeCloseTo(2.98481, 4);
    expect(r.pat).toBeCloseTo(2.110579, 5);
  });

  it("keeps qualifying statements, agrees before disagrees", () => {
    const reps = representativeStatements(counts, 0);
    expect(reps.map((r) => [r.statement, r.direction, r.significant])).toEqual([
      [0, "agree", true],
      [1, "disagree", true],
    ]);
    const s1 = reps[1]!;
    // pd = 8/12, rd = (8/12)/(3/12), rdt = (8/11 − 3/11)/0.213201, pdt = 2·sqrt(11)·(8/11 − 0.5)
    expect(s1.probability).toBeCloseTo(8 / 12, 12);
    expect(s1.repness).toBeCloseTo(8 / 3, 12);
    expect(s1.repnessZScore).toBeCloseTo(2.13201, 4);
    expect(s1.zScore).toBeCloseTo(1.507557, 5);
    expect(s1.metric).toBeCloseTo(s1.repness * s1.repnessZScore * s1.probability * s1.zScore, 12);
  });

  it("needs both rat and pat above 1.2816: group 1's 6-of-10 agreement on s1 has pat 0.90", () => {
    const reps = representativeStatements(counts, 1);
    expect(reps.map((r) => [r.statement, r.direction])).toEqual([[0, "disagree"]]);
  });

  it("keeps the top 5 by ra·rat·pa·pat and lists agrees before disagrees", () => {
    // group 0 strongly disagrees with s0–s2 (high metric) and agrees with s3–s6 (lower metric, rising)
    const g0: [number, number, number][] = [
      [0, 30, 30],
      [0, 29, 30],
      [0, 28, 30],
      [14, 0, 20],
      [15, 0, 20],
      [16, 0, 20],
      [17, 0, 20],
    ];
    const g1: [number, number, number][] = [
      [30, 0, 30],
      [30, 0, 30],
      [30, 0, 30],
      [2, 10, 20],
      [2, 10, 20],
      [2, 10, 20],
      [2, 10, 20],
    ];
    const c = groupCounts([g0, g1]);
    const reps = representativeStatements(c, 0);
    expect(reps).toHaveLength(5);
    // top 5 by metric: the three disagrees, then the two strongest agrees (s6, s5); agrees listed first
    expect(reps.map((r) => [r.statement, r.direction])).toEqual([
      [6, "agree"],
      [5, "agree"],
      [0, "disagree"],
      [1, "disagree"],
      [2, "disagree"],
    ]);
  });

  it("falls back to the best statement by z-score when none qualifies", () => {
    const c = groupCounts([
      [
        [3, 2, 6],
        [2, 2, 5],
        [0, 0, 0],
      ],
      [
        [2, 3, 6],
        [2, 2, 5],
        [0, 0, 0],
      ],
    ]);
    const reps = representativeStatements(c, 0);
    expect(reps).toHaveLength(1);
    expect(reps[0]!.statement).toBe(0);
    expect(reps[0]!.direction).toBe("agree");
    expect(reps[0]!.significant).toBe(false);
  });
});
