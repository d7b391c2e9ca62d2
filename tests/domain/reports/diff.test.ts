import { describe, expect, it } from "vitest";
import { diffReports, hasChanges, type ReportContent } from "../../../src/domain/reports/index.js";

/** The smallest content the diff reads. */
function content(o: { eligible: number; tookPart: number; ballots: number; outcome: string; winners: number[]; groups: number[]; top: string[] }): ReportContent {
  return {
    participation: { eligible: o.eligible, tookPart: o.tookPart },
    polls: [{ number: 1, result: { ballots: o.ballots, outcome: o.outcome, winners: o.winners } }],
    opinions: { groups: o.groups.map((size, i) => ({ label: String.fromCharCode(65 + i), size })), consensus: { agree: o.top.map((zh, i) => ({ number: i + 1, text: { zh }, percent: 80, seen: 10 })) } },
  } as unknown as ReportContent;
}

describe("what changed between two versions", () => {
  const v1 = content({ eligible: 30, tookPart: 20, ballots: 17, outcome: "participation-not-met", winners: [], groups: [12, 8], top: ["夜间噪音", "充电桩"] });

  it("names participation, each poll's ballots and decision, group sizes and the consensus that entered or left", () => {
    const v2 = content({ eligible: 30, tookPart: 26, ballots: 26, outcome: "passed", winners: [0], groups: [15, 11], top: ["夜间噪音", "垃圾分类"] });
    const d = diffReports(v1, v2, 1);
    expect(d).toEqual({
      since: 1,
      participation: { eligible: [30, 30], tookPart: [20, 26] },
      polls: [{ number: 1, ballots: [17, 26], outcome: ["participation-not-met", "passed"], winners: [[], [0]] }],
      groups: { before: [12, 8], after: [15, 11] },
      consensus: { entered: [{ zh: "垃圾分类" }], left: [{ zh: "充电桩" }] },
    });
    expect(hasChanges(d)).toBe(true);
  });

  it("says nothing changed when the figures are the same", () => {
    expect(hasChanges(diffReports(v1, v1, 1))).toBe(false);
  });
});
