import { describe, expect, it } from "vitest";
import { majorityConsensus } from "../../../src/domain/consensus/majorityConsensus.js";

describe("majority consensus", () => {
  // [na, nd, ns] over all clustered voters
  const rows = [
    [9, 1, 10], // s0: pa 10/12, pat 2.7136 → agree, pa·pat 2.2613
    [6, 2, 10], // s1: pa 7/12 but pat 0.9045 → no
    [20, 2, 25], // s2: pa 21/27, pat 3.1379 → agree, pa·pat 2.4406 (first)
    [1, 8, 10], // s3: pd 9/12, pdt 2.1106 → disagree
    [0, 0, 0], // s4: pa exactly 0.5 → no
  ];
  const agree = rows.map((r) => r[0]!);
  const disagree = rows.map((r) => r[1]!);
  const seen = rows.map((r) => r[2]!);

  it("keeps pa > 0.5 and pat > 1.2816, ranked by pa·pat", () => {
    const c = majorityConsensus(agree, disagree, seen);
    expect(c.agree.map((e) => e.statement)).toEqual([2, 0]);
    expect(c.agree[0]!.probability).toBeCloseTo(21 / 27, 12);
    expect(c.agree[0]!.zScore).toBeCloseTo(3.137858, 5);
    expect(c.disagree.map((e) => e.statement)).toEqual([3]);
    expect(c.disagree[0]!.probability).toBe(0.75);
  });

  it("keeps at most 5 each way", () => {
    const many = Array.from({ length: 8 }, (_, i) => 20 + i);
    const c = majorityConsensus(many, new Array(8).fill(0), many);
    expect(c.agree.map((e) => e.statement)).toEqual([7, 6, 5, 4, 3]);
    expect(c.disagree).toEqual([]);
  });
});
