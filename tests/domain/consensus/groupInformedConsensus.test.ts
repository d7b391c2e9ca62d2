import { describe, expect, it } from "vitest";
import { groupInformedConsensus, topGroupInformed } from "../../../src/domain/consensus/groupInformedConsensus.js";
import { groupCounts } from "./support.js";

describe("group-informed consensus", () => {
  const counts = groupCounts([
    [
      [4, 0, 4],
      [4, 0, 4],
      [0, 0, 0],
    ],
    [
      [0, 2, 2],
      [3, 0, 4],
      [0, 0, 0],
    ],
  ]);

  it("is the product over groups of (na+1)/(ns+2)", () => {
    const v = groupInformedConsensus(counts);
    expect(v[0]).toBeCloseTo((5 / 6) * (1 / 4), 12);
    expect(v[1]).toBeCloseTo((5 / 6) * (4 / 6), 12);
    expect(v[2]).toBeCloseTo(0.25, 12);
  });

  it("ranks best first and leaves out statements no one voted on", () => {
    const v = groupInformedConsensus(counts);
    expect(topGroupInformed(v, [6, 8, 0])).toEqual([1, 0]);
    expect(topGroupInformed(v, [6, 8, 0], 1)).toEqual([1]);
  });
});
