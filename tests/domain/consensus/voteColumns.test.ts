import { describe, expect, it } from "vitest";
import { analyzeConversation, analyzeVoteColumns } from "../../../src/domain/consensus/analyze.js";
import type { ConversationVote, VoteValue } from "../../../src/domain/consensus/types.js";
import { canonicalRanks, voteColumnsOf, VoteColumnsBuilder } from "../../../src/domain/consensus/voteColumns.js";
import { createSeededRandom } from "../../../src/domain/consensus/random.js";

// Participant keys as the database stores them: their string order is not their numbers' order.
function votes(): ConversationVote<string, number>[] {
  const random = createSeededRandom(7);
  const values: VoteValue[] = ["agree", "disagree", "pass"];
  const out: ConversationVote<string, number>[] = [];
  for (let p = 0; p < 60; p++) {
    const key = p % 9 === 0 ? `a${p}x` : `u${[9, 10, 100, 11, 2][p % 5]! * 1000 + p}`;
    for (let s = 1; s <= 12; s++) if (random() < 0.8) out.push({ participantId: key, statementId: s, vote: values[(p % 3 === 0 ? s : s + p) % 3]! });
  }
  return out;
}

describe("vote columns", () => {
  it("number participants in their ids' canonical order", () => {
    expect([...canonicalRanks(["u9", "u10", "a1", "u9"])]).toEqual([["a1", 0], ["u10", 1], ["u9", 2]]);
  });

  it("give the engine the same analysis as the vote objects, to the bit, but for the ids", () => {
    const objects = votes();
    const statements = [...Array.from({ length: 11 }, (_, i) => ({ id: i + 1 })), { id: 12, moderatedOut: true }];
    const a = analyzeConversation({ statements, votes: objects });
    const b = analyzeVoteColumns({ statements, votes: voteColumnsOf(objects) });
    const rank = canonicalRanks(objects.map((v) => v.participantId));
    const renamed = {
      ...a,
      clusteredParticipants: a.clusteredParticipants.map((p) => rank.get(p)),
      groups: a.groups.map((g) => ({ ...g, members: g.members.map((p) => rank.get(p)) })),
      participants: a.participants.map((p) => ({ ...p, participantId: rank.get(p.participantId) })),
    };
    expect(b).toEqual(renamed);
    expect(b.groups.length).toBeGreaterThan(0);
  });

  it("grow as votes are appended and keep their order", () => {
    const builder = new VoteColumnsBuilder();
    for (let i = 0; i < 3000; i++) builder.push(i % 7, i, ([1, -1, 0] as const)[i % 3]!);
    const c = builder.build();
    expect(c.length).toBe(3000);
    expect(c.participantId.length).toBe(3000);
    expect([c.participantId[2999], c.statementId[2999], c.vote[2999], c.vote[1]]).toEqual([2999 % 7, 2999, 0, -1]);
  });
});
