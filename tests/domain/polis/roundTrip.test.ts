import { describe, expect, it } from "vitest";
import { formatPolisExport, parsePolisExport } from "../../../src/domain/polis/exportFiles.js";
import { DATASET_NAMES, datasetFiles } from "./datasets.js";

describe.each(DATASET_NAMES)("Pol.is export %s", (name) => {
  const files = datasetFiles(name);
  const data = parsePolisExport(files);

  it("reads every file", () => {
    expect(data.votes.length).toBeGreaterThan(5000);
    expect(data.comments.length).toBe(name === "brexit-consensus" ? 50 : 174);
    expect(data.participantsVotes.rows.length).toBe(name === "brexit-consensus" ? 204 : 448);
    expect(data.summary.entries[0]![0]).toBe("topic");
  });

  it("keeps one vote per voter × comment", () => {
    const keys = new Set(data.votes.map((v) => `${v.voterId}:${v.commentId}`));
    expect(keys.size).toBe(data.votes.length);
  });

  it("import → export → import gives the same votes (and everything else)", () => {
    const again = parsePolisExport(formatPolisExport(data));
    expect(again.votes).toEqual(data.votes);
    expect(again).toEqual(data);
  });

  it("agrees with participants-votes.csv on every participant's latest votes", () => {
    const byVoter = new Map<number, Map<number, number>>();
    for (const v of data.votes) {
      if (!byVoter.has(v.voterId)) byVoter.set(v.voterId, new Map());
      byVoter.get(v.voterId)!.set(v.commentId, v.vote);
    }
    let mismatches = 0;
    for (const row of data.participantsVotes.rows) {
      const ours = byVoter.get(row.participant) ?? new Map();
      for (const [commentId, vote] of row.votes) if (ours.get(commentId) !== vote) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});
