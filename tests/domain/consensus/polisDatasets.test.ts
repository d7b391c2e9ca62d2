// The engine against Pol.is's own results on two real conversations
// (tests/fixtures/polis/README.md describes the exports).

import { describe, expect, it } from "vitest";
import { analyzeConversation } from "../../../src/domain/consensus/analyze.js";
import { polisConversationInput } from "../../../src/domain/polis/conversation.js";
import { parsePolisExport } from "../../../src/domain/polis/exportFiles.js";
import type { PolisExport } from "../../../src/domain/polis/types.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeVoteColumns } from "../../../src/domain/consensus/analyze.js";
import { polisVoteColumnsInput } from "../../../src/domain/polis/conversation.js";
import { parsePolisExportData } from "../../../src/domain/polis/exportFiles.js";
import { adjustedRandIndex } from "../../support/ari.js";
import { DATASET_NAMES, datasetFiles, POLIS_DATASETS_DIR, type DatasetName } from "../polis/datasets.js";

// The adjusted Rand index each export reaches: docs/consensus.md ("How close to
// Pol.is") explains where the remaining disagreement lies (boundary participants).
const expected: Record<DatasetName, { byRule: number; assigned: number; ari: number }> = {
  "brexit-consensus": { byRule: 189, assigned: 197, ari: 0.85 },
  "canadian-electoral-reform": { byRule: 281, assigned: 281, ari: 0.89 },
};

/**
 * Clustered by Pol.is's rule, computed straight from the export (not with engine code):
 * at least min(7, statements) votes, counted in the raw vote matrix — moderated-out
 * statements that received votes included, as columns and as votes.
 */
function clusteredByRule(data: PolisExport): Set<number> {
  const active = new Set(data.comments.filter((c) => c.moderated !== -1).map((c) => c.commentId));
  const voted = new Set(data.votes.map((v) => v.commentId));
  const counts = new Map<number, number>();
  for (const v of data.votes) counts.set(v.voterId, (counts.get(v.voterId) ?? 0) + 1);
  const threshold = Math.min(7, active.size + [...voted].filter((c) => !active.has(c)).length);
  return new Set([...counts].filter(([, n]) => n >= threshold).map(([id]) => id));
}

/** Majority consensus by the formula, straight from the votes of the given voters. */
function majorityByFormula(data: PolisExport, voters: Set<number>): { agree: number[]; disagree: number[] } {
  const active = data.comments.filter((c) => c.moderated !== -1).map((c) => c.commentId);
  const tally = new Map(active.map((id) => [id, { a: 0, d: 0, s: 0 }]));
  for (const v of data.votes) {
    const t = tally.get(v.commentId);
    if (t === undefined || !voters.has(v.voterId)) continue;
    t.s++;
    if (v.vote === 1) t.a++;
    if (v.vote === -1) t.d++;
  }
  const pick = (count: (t: { a: number; d: number; s: number }) => number): number[] =>
    active
      .map((id, order) => {
        const t = tally.get(id)!;
        const p = (count(t) + 1) / (t.s + 2);
        const z = 2 * Math.sqrt(t.s + 1) * ((count(t) + 1) / (t.s + 1) - 0.5);
        return { id, order, p, z };
      })
      .filter((c) => c.p > 0.5 && c.z > 1.2816)
      .sort((x, y) => y.p * y.z - x.p * x.z || x.order - y.order)
      .slice(0, 5)
      .map((c) => c.id);
  return { agree: pick((t) => t.a), disagree: pick((t) => t.d) };
}

describe.each(DATASET_NAMES)("Pol.is dataset %s", (name) => {
  const data = parsePolisExport(datasetFiles(name));
  const analysis = analyzeConversation(polisConversationInput(data));
  const polisGroup = new Map(data.participantsVotes.rows.filter((r) => r.groupId !== null).map((r) => [r.participant, r.groupId!]));

  it("clusters exactly the participants the rule selects, all of whom Pol.is assigned a group", () => {
    const ours = new Set(analysis.clusteredParticipants);
    expect(ours).toEqual(clusteredByRule(data));
    expect(ours.size).toBe(expected[name].byRule);
    expect(polisGroup.size).toBe(expected[name].assigned);
    for (const id of ours) expect(polisGroup.has(id), `participant ${id} has no Pol.is group`).toBe(true);
  });

  it("finds exactly two opinion groups, as Pol.is did", () => {
    expect(analysis.groups).toHaveLength(2);
    expect(new Set(polisGroup.values()).size).toBe(2);
  });

  it(`agrees with Pol.is's group-id (adjusted Rand index ≥ ${expected[name].ari})`, () => {
    const members = analysis.participants.filter((p) => p.groupId !== null);
    const ari = adjustedRandIndex(
      members.map((p) => p.groupId!),
      members.map((p) => polisGroup.get(p.participantId)!),
    );
    expect(ari).toBeGreaterThanOrEqual(expected[name].ari);
  });

  it("lists the majority-consensus statements the formula gives", () => {
    const byFormula = majorityByFormula(data, clusteredByRule(data));
    expect(analysis.consensus.agree.map((c) => c.statementId)).toEqual(byFormula.agree);
    expect(analysis.consensus.disagree.map((c) => c.statementId)).toEqual(byFormula.disagree);
    expect(byFormula.agree.length).toBeGreaterThan(0);
  });

  it("gives every group representative statements and at most 10 group-informed consensus statements", () => {
    for (const g of analysis.groups) {
      expect(g.representative.length).toBeGreaterThan(0);
      expect(g.representative.length).toBeLessThanOrEqual(5);
    }
    expect(analysis.groupInformedConsensus).toHaveLength(10);
    const values = analysis.groupInformedConsensus.map((g) => g.value);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
  });

  it("is deterministic: the same input twice gives the same output", () => {
    expect(analyzeConversation(polisConversationInput(data))).toEqual(analysis);
  });
});

describe("Pol.is dataset austria-climate-energie (current format, no votes.csv, 524 statements moderated out)", () => {
  const dir = join(POLIS_DATASETS_DIR, "austria-climate-energie");
  const data = parsePolisExportData({
    "comments.csv": readFileSync(join(dir, "comments.csv")),
    "participants-votes.csv": readFileSync(join(dir, "participants-votes.csv")),
    "summary.csv": readFileSync(join(dir, "summary.csv")),
  });
  const analysis = analyzeVoteColumns(polisVoteColumnsInput(data));
  const polisGroup = new Map(data.participants!.rows.filter((r) => r.groupId !== null).map((r) => [r.participant, r.groupId!]));

  it("clusters exactly the 1,439 participants Pol.is assigned a group: votes on moderated-out statements count, as in Pol.is", () => {
    const assigned = new Set(polisGroup.keys());
    expect(new Set(analysis.clusteredParticipants)).toEqual(assigned);
    expect(assigned.size).toBe(1439);
    // Counting only the votes on statements not moderated out would leave 17 of them out.
    const active = new Set(data.comments.filter((c) => c.moderated !== -1).map((c) => c.commentId));
    const activeVotes = new Map<number, number>();
    for (let i = 0; i < data.votes.length; i++) {
      if (active.has(data.votes.commentId[i]!)) activeVotes.set(data.votes.voterId[i]!, (activeVotes.get(data.votes.voterId[i]!) ?? 0) + 1);
    }
    expect([...assigned].filter((id) => (activeVotes.get(id) ?? 0) < 7)).toHaveLength(17);
  });

  it("finds two opinion groups that agree with Pol.is's (adjusted Rand index ≥ 0.96)", () => {
    expect(analysis.groups).toHaveLength(2);
    const both = analysis.participants.filter((p) => p.groupId !== null && polisGroup.has(p.participantId));
    expect(both.length).toBe(1439);
    const ari = adjustedRandIndex(
      both.map((p) => p.groupId!),
      both.map((p) => polisGroup.get(p.participantId)!),
    );
    expect(ari).toBeGreaterThanOrEqual(0.96);
  });

  it("would not without Pol.is's zeroed columns for moderated-out statements (the reason for them)", () => {
    // The same votes with the moderated-out statements' votes removed: no zeroed columns.
    const active = new Set(data.comments.filter((c) => c.moderated !== -1).map((c) => c.commentId));
    const keep: number[] = [];
    for (let i = 0; i < data.votes.length; i++) if (active.has(data.votes.commentId[i]!)) keep.push(i);
    const input = polisVoteColumnsInput(data);
    const without = analyzeVoteColumns({
      statements: input.statements,
      votes: {
        length: keep.length,
        participantId: Int32Array.from(keep, (i) => data.votes.voterId[i]!),
        statementId: Int32Array.from(keep, (i) => data.votes.commentId[i]!),
        vote: Int8Array.from(keep, (i) => data.votes.vote[i]!),
      },
    });
    const both = without.participants.filter((p) => p.groupId !== null && polisGroup.has(p.participantId));
    const ari = adjustedRandIndex(
      both.map((p) => p.groupId!),
      both.map((p) => polisGroup.get(p.participantId)!),
    );
    expect(ari).toBeLessThan(0.8);
  });
});
