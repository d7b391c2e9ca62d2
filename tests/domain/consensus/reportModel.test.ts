import { describe, expect, it } from "vitest";
import { analyzeConversation } from "../../../src/domain/consensus/analyze.js";
import { representativeShares } from "../../../src/domain/consensus/reportModel.js";
import type { ConversationVote, VoteValue } from "../../../src/domain/consensus/types.js";

// Two camps of five on "a" and "b"; one member of the second camp (10) passes on "a"
// instead of disagreeing, and 11 votes twice only (not clustered, so counted nowhere).
function conversation() {
  const votes: ConversationVote<number, string>[] = [];
  const vote = (participantId: number, statementId: string, v: VoteValue) => votes.push({ participantId, statementId, vote: v });
  for (let p = 1; p <= 10; p++) {
    const x = p <= 5;
    vote(p, "a", x ? "agree" : p === 10 ? "pass" : "disagree");
    vote(p, "b", x ? "disagree" : "agree");
    vote(p, "c", "agree");
    vote(p, "d", p % 2 === 0 ? "agree" : "disagree");
  }
  vote(11, "a", "agree");
  vote(11, "b", "agree");
  return { statements: [{ id: "a" }, { id: "b" }, { id: "c" }, { id: "d" }], votes };
}

describe("representativeShares", () => {
  const input = conversation();
  const analysis = analyzeConversation(input);
  const shares = representativeShares(analysis);

  /** The % of `members` who saw `statement` and voted `direction`, counted from the raw votes. */
  function recount(members: readonly number[], statement: string, direction: VoteValue): number {
    const mine = input.votes.filter((v) => members.includes(v.participantId) && v.statementId === statement);
    return mine.length === 0 ? 0 : Math.round((100 * mine.filter((v) => v.vote === direction).length) / mine.length);
  }

  it("gives each representative statement the group's share and everyone else's, from the clustered votes", () => {
    expect(analysis.groups).toHaveLength(2);
    const clustered = analysis.groups.flatMap((g) => g.members);
    expect(clustered).not.toContain(11);
    for (const g of analysis.groups) {
      const others = clustered.filter((p) => !g.members.includes(p));
      const got = shares(g);
      expect(got.map((s) => [s.statementId, s.direction])).toEqual(g.representative.map((r) => [r.statementId, r.direction]));
      for (const s of got) {
        expect(s.percent).toBe(recount(g.members, s.statementId, s.direction));
        expect(s.othersPercent).toBe(recount(others, s.statementId, s.direction));
      }
    }
  });

  it("counts a pass as seen: the camp that passed once agrees 80 % with its side of 'a'", () => {
    const second = analysis.groups.find((g) => g.members.includes(10))!;
    const a = shares(second).find((s) => s.statementId === "a");
    expect(a).toEqual({ statementId: "a", direction: "disagree", percent: 80, othersPercent: 0 });
  });
});
