import { describe, expect, it } from "vitest";
import { analyzeConversation, ConsensusInputError } from "../../../src/domain/consensus/analyze.js";
import type { ConversationInput, ConversationVote, VoteValue } from "../../../src/domain/consensus/types.js";

// Two camps of five. Camp X (1–5) agrees with "a" and disagrees with "b"; camp Y
// (6–10) the reverse. Everyone agrees with "c". "d" is mostly passed on. "m" was
// rejected by a moderator. Participant 11 voted twice only: not clustered.
function conversation(): ConversationInput<number, string> {
  const votes: ConversationVote<number, string>[] = [];
  const vote = (participantId: number, statementId: string, v: VoteValue) => votes.push({ participantId, statementId, vote: v });
  for (let p = 1; p <= 10; p++) {
    const x = p <= 5;
    vote(p, "a", x ? "agree" : "disagree");
    vote(p, "b", x ? "disagree" : "agree");
    vote(p, "c", "agree");
    vote(p, "d", x || p >= 9 ? "pass" : "agree");
    vote(p, "m", x ? "agree" : "disagree");
  }
  vote(11, "a", "agree");
  vote(11, "c", "disagree");
  return {
    statements: [{ id: "a" }, { id: "b" }, { id: "c", seed: true }, { id: "d" }, { id: "m", moderatedOut: true }],
    votes,
  };
}

describe("analyzeConversation", () => {
  const analysis = analyzeConversation(conversation());

  it("counts participants and statements not moderated out", () => {
    expect(analysis.participantCount).toBe(11);
    expect(analysis.statementCount).toBe(4);
    expect(analysis.statements.map((s) => s.statementId)).toEqual(["a", "b", "c", "d"]);
  });

  it("clusters those with at least min(7, 4 + 1) = 5 votes, the moderated-out statement's counted as Pol.is counts them", () => {
    expect(analysis.clusteredParticipants).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const p11 = analysis.participants.find((p) => p.participantId === 11)!;
    expect(p11.groupId).toBeNull();
    expect(p11.voteCount).toBe(2);
  });

  it("counts votes on moderated-out statements towards the threshold, as Pol.is does (its raw vote matrix)", () => {
    // 8 statements in the analysis and 2 moderated out: the threshold is min(7, 10) = 7.
    const statements = [...Array.from({ length: 8 }, (_, i) => ({ id: `s${i}` })), { id: "m1", moderatedOut: true }, { id: "m2", moderatedOut: true }];
    const votes: ConversationVote<number, string>[] = [];
    for (let p = 1; p <= 10; p++) {
      for (let i = 0; i < 8; i++) votes.push({ participantId: p, statementId: `s${i}`, vote: (i % 2 === 0) === p <= 5 ? "agree" : "disagree" });
      votes.push({ participantId: p, statementId: "m1", vote: "pass" });
    }
    // 98: 5 votes in the analysis + m1 twice = 6 votes as Pol.is counts them; 99: 5 + m1 + m2 = 7.
    for (const p of [98, 99]) for (let i = 0; i < 5; i++) votes.push({ participantId: p, statementId: `s${i}`, vote: "agree" });
    votes.push({ participantId: 98, statementId: "m1", vote: "agree" }, { participantId: 98, statementId: "m1", vote: "disagree" });
    votes.push({ participantId: 99, statementId: "m1", vote: "agree" }, { participantId: 99, statementId: "m2", vote: "agree" });
    const result = analyzeConversation({ statements, votes });
    expect(result.clusteredParticipants).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 99]);
    expect(result.participants.find((p) => p.participantId === 99)!.voteCount).toBe(5);
    expect(result.participants.find((p) => p.participantId === 99)!.groupId).not.toBeNull();
    expect(result.participants.find((p) => p.participantId === 98)!.groupId).toBeNull();
  });

  it("finds the two camps; the tie in size goes to the group of the first participant", () => {
    expect(analysis.groups.map((g) => g.members)).toEqual([
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
    ]);
    expect(analysis.participants.find((p) => p.participantId === 7)!.groupId).toBe(1);
  });

  it("gives each camp its representative statements", () => {
    const [x, y] = analysis.groups;
    expect(x!.representative.map((r) => [r.statementId, r.direction])).toEqual([
      ["a", "agree"],
      ["b", "disagree"],
    ]);
    expect(y!.representative.map((r) => [r.statementId, r.direction])).toEqual([
      ["b", "agree"],
      ["a", "disagree"],
    ]);
    // pa = 6/7, pat = 2·sqrt(6)·(6/6 − 0.5)
    expect(x!.representative[0]!.probability).toBeCloseTo(6 / 7, 12);
    expect(x!.representative[0]!.zScore).toBeCloseTo(Math.sqrt(6), 12);
  });

  it("finds the consensus everyone shares", () => {
    expect(analysis.consensus.agree.map((c) => c.statementId)).toEqual(["c"]);
    expect(analysis.consensus.agree[0]!.probability).toBeCloseTo(11 / 12, 12);
    expect(analysis.consensus.disagree).toEqual([]);
    expect(analysis.groupInformedConsensus[0]!.statementId).toBe("c");
    expect(analysis.groupInformedConsensus[0]!.value).toBeCloseTo((6 / 7) * (6 / 7), 12);
  });

  it("reports the mostly-passed statement as uncertain", () => {
    // d: 7 passes of 10
    expect(analysis.uncertainty).toEqual([{ statementId: "d", passRate: 0.7, seen: 10 }]);
  });

  it("keeps per-statement counts over everyone, extremity and seeds for routing", () => {
    const c = analysis.statements.find((s) => s.statementId === "c")!;
    expect([c.agree, c.disagree, c.pass, c.seen, c.seed]).toEqual([10, 1, 0, 11, true]);
    const a = analysis.statements.find((s) => s.statementId === "a")!;
    expect(a.extremity).toBeCloseTo(Math.hypot(...a.loadings), 12);
  });

  it("is plain data (survives JSON) and deterministic", () => {
    expect(JSON.parse(JSON.stringify(analysis))).toEqual(analysis);
    expect(analyzeConversation(conversation())).toEqual(analysis);
  });

  it("does not depend on the order of the votes", () => {
    const input = conversation();
    const shuffled = { ...input, votes: [...input.votes].reverse() };
    expect(analyzeConversation(shuffled)).toEqual(analysis);
  });

  it("counts the later of two votes by the same participant on the same statement", () => {
    const input = conversation();
    const changed = analyzeConversation({ ...input, votes: [...input.votes, { participantId: 1, statementId: "c", vote: "disagree" }] });
    const c = changed.statements.find((s) => s.statementId === "c")!;
    expect([c.agree, c.disagree, c.seen]).toEqual([9, 2, 11]);
  });

  it("rejects votes on unknown statements and statements listed twice", () => {
    const input = conversation();
    expect(() => analyzeConversation({ ...input, votes: [{ participantId: 1, statementId: "zzz", vote: "agree" }] })).toThrow(ConsensusInputError);
    expect(() => analyzeConversation({ ...input, statements: [...input.statements, { id: "a" }] })).toThrow(/listed twice/);
  });

  it("handles a conversation without votes", () => {
    const empty = analyzeConversation({ statements: [{ id: 1 }], votes: [] });
    expect(empty.participantCount).toBe(0);
    expect(empty.groups).toEqual([]);
    expect(empty.consensus).toEqual({ agree: [], disagree: [] });
  });
});
