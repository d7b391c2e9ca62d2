import { describe, expect, it } from "vitest";
import { analyzeConversation } from "../../../src/domain/consensus/analyze.js";
import { prepareRouting, routingStatements } from "../../../src/domain/consensus/routing.js";
import type { ConversationVote } from "../../../src/domain/consensus/types.js";
import { buildSnapshot, parseSnapshot } from "../../../src/domain/statements/snapshot.js";
import { nearestGroup, projectResident, residentStance } from "../../../src/domain/statements/stance.js";
import type { StoredVote } from "../../../src/domain/statements/statement.js";

/** `big` people agree with 1–4 and disagree with 5–8, `small` the opposite; everyone agrees with 9 and 10. */
function conversation(big: number, small: number) {
  const statements = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, seed: i === 9 }));
  const votes: ConversationVote<string, number>[] = [];
  for (let p = 0; p < big + small; p++) {
    const inBig = p < big;
    for (const s of statements) {
      const vote = s.id >= 9 ? "agree" : (s.id <= 4) === inBig ? "agree" : "disagree";
      votes.push({ participantId: `u${9_000_000 + p}`, statementId: s.id, vote });
    }
  }
  return { statements, votes };
}

const like = (big: boolean): Map<number, StoredVote> =>
  new Map(Array.from({ length: 10 }, (_, i) => [i + 1, (i + 1 >= 9 ? 1 : (i + 1 <= 4) === big ? 1 : -1) as StoredVote]));

describe("the analysis snapshot", () => {
  it("keeps routing priorities, group sizes and summaries, and no participant id at all", () => {
    const analysis = analyzeConversation(conversation(12, 8));
    const snapshot = buildSnapshot(analysis, 200);
    const json = JSON.stringify(snapshot);
    expect(json).not.toMatch(/u9000/);
    expect(snapshot.voteCount).toBe(200);
    expect(snapshot.statementIds).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(snapshot.priorities).toEqual(Array.from(prepareRouting(routingStatements(analysis)).priorities));
    expect(snapshot.groups.map((g) => [g.label, g.size, g.suppressed])).toEqual([["A", 12, false], ["B", 8, false]]);
    for (const r of snapshot.groups[0]!.representative) {
      expect([r.percent, r.othersPercent]).toEqual([100, 0]);
      expect(r.direction).toBe(r.statementId <= 4 ? "agree" : "disagree");
    }
    expect(snapshot.commonGround).toEqual([
      { statementId: 9, lowestGroupPercent: 100 },
      { statementId: 10, lowestGroupPercent: 100 },
    ]);
    expect(parseSnapshot(json)).toEqual(snapshot);
  });

  it("does not describe a group smaller than 5", () => {
    const snapshot = buildSnapshot(analyzeConversation(conversation(20, 4)), 240);
    expect(snapshot.groups.map((g) => [g.size, g.suppressed, g.representative.length])).toEqual([[20, false, 5], [4, true, 0]]);
  });

  it("refuses a damaged or older snapshot", () => {
    expect(parseSnapshot("{")).toBeNull();
    expect(parseSnapshot(JSON.stringify({ version: 0 }))).toBeNull();
    const good = buildSnapshot(analyzeConversation(conversation(6, 6)), 120);
    expect(parseSnapshot(JSON.stringify({ ...good, priorities: [1] }))).toBeNull();
  });
});

describe("where a resident stands", () => {
  const snapshot = buildSnapshot(analyzeConversation(conversation(12, 8)), 200);

  it("projects the resident's own votes and places them in the nearest group", () => {
    expect(nearestGroup(snapshot, projectResident(snapshot, like(true))!)!.label).toBe("A");
    expect(nearestGroup(snapshot, projectResident(snapshot, like(false))!)!.label).toBe("B");
    // Seven votes are enough, from any seven statements.
    const seven = new Map([...like(false)].slice(2, 9));
    expect(residentStance(snapshot, seven, 10)).toMatchObject({ kind: "placed", group: { label: "B", size: 8 }, groupCount: 2, clusteredCount: 20 });
  });

  it("needs min(7, statements) votes, an analysis, and two groups", () => {
    expect(residentStance(snapshot, new Map([...like(true)].slice(0, 6)), 10)).toEqual({ kind: "too-few-votes", votes: 6, needed: 7 });
    expect(residentStance(snapshot, new Map([...like(true)].slice(0, 3)), 3).kind).toBe("placed");
    expect(residentStance(null, like(true), 10)).toEqual({ kind: "no-analysis" });
    expect(residentStance({ ...snapshot, groups: snapshot.groups.slice(0, 1) }, like(true), 10)).toEqual({ kind: "no-groups", clusteredCount: 20 });
    expect(residentStance({ ...snapshot, statementIds: snapshot.statementIds.map((id) => id + 100) }, like(true), 10)).toEqual({ kind: "not-placed" });
  });
});
