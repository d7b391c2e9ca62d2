import { describe, expect, it } from "vitest";
import { formatPolisExport, parsePolisExport } from "../../../src/domain/polis/exportFiles.js";
import { buildPolisExport, numberParticipants, polisDatetime, type ExportVote } from "../../../src/domain/statements/polisExport.js";

const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 10, 27, 2, minute, second, 250));

describe("our consultation as a Pol.is export", () => {
  const votes: ExportVote[] = [
    { participant: "u777000111", statementId: 5, vote: 1, votedAt: at(3) },
    { participant: "a9f0", statementId: 5, vote: -1, votedAt: at(1) },
    { participant: "u777000222", statementId: 7, vote: 0, votedAt: at(2, 30) },
    { participant: "u777000111", statementId: 7, vote: -1, votedAt: at(4) },
    { participant: "u777000333", statementId: 99, vote: 1, votedAt: at(0) }, // not an exported statement
  ];

  it("numbers participants 0, 1, … by first vote, never by id", () => {
    expect([...numberParticipants(votes.slice(0, 4))]).toEqual([["a9f0", 0], ["u777000222", 1], ["u777000111", 2]]);
  });

  it("writes approved statements without authors, votes cut to the minute, and counts", () => {
    const data = buildPolisExport({
      topic: "Parking",
      statements: [
        { id: 7, text: "No horns", createdAt: at(0, 10) },
        { id: 5, text: "More chargers", createdAt: at(0, 5) },
      ],
      votes,
    });
    expect(data.comments.map((c) => [c.commentId, c.authorId, c.agrees, c.disagrees, c.moderated, c.body])).toEqual([
      [5, -1, 1, 1, 1, "More chargers"],
      [7, -1, 0, 1, 1, "No horns"],
    ]);
    expect(data.votes.map((v) => [v.timestamp, v.datetime, v.commentId, v.voterId, v.vote])).toEqual([
      [at(1, 0).getTime() - 250, "Fri Nov 27 02:01:00 UTC 2026", 5, 0, -1],
      [at(2, 0).getTime() - 250, "Fri Nov 27 02:02:00 UTC 2026", 7, 1, 0],
      [at(3, 0).getTime() - 250, "Fri Nov 27 02:03:00 UTC 2026", 5, 2, 1],
      [at(4, 0).getTime() - 250, "Fri Nov 27 02:04:00 UTC 2026", 7, 2, -1],
    ]);
    const text = Object.values(formatPolisExport(data)).join("\n");
    expect(text).not.toMatch(/777000|a9f0/);
    expect(data.summary.entries).toContainEqual(["voters", "3"]);
    // It reads back as the same votes.
    expect(parsePolisExport(formatPolisExport(data)).votes).toEqual(data.votes);
  });

  it("names opinion groups only when they have at least 5 members", () => {
    const many: ExportVote[] = Array.from({ length: 8 }, (_, i) => ({ participant: `u${i}`, statementId: 1, vote: 1, votedAt: at(i) }));
    const groupOf = new Map(many.map((v, i) => [v.participant, i < 5 ? 0 : 1]));
    const data = buildPolisExport({ topic: "T", statements: [{ id: 1, text: "S", createdAt: at(0) }], votes: many, groupOf });
    expect(data.participantsVotes.rows.map((r) => r.groupId)).toEqual([0, 0, 0, 0, 0, null, null, null]);
    expect(data.summary.entries).toContainEqual(["groups", "1"]);
  });

  it("formats Pol.is's datetime", () => {
    expect(polisDatetime(Date.UTC(2017, 6, 17, 2, 17, 32))).toBe("Mon Jul 17 02:17:32 UTC 2017");
  });
});
