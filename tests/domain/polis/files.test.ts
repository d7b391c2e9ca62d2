import { describe, expect, it } from "vitest";
import { formatCommentsCsv, parseCommentsCsv } from "../../../src/domain/polis/comments.js";
import { PolisFormatError } from "../../../src/domain/polis/errors.js";
import { parsePolisExport } from "../../../src/domain/polis/exportFiles.js";
import { buildParticipantsVotes, formatParticipantsVotesCsv, parseParticipantsVotesCsv } from "../../../src/domain/polis/participantsVotes.js";
import { buildSummary, formatSummaryCsv, parseSummaryCsv, summaryValue } from "../../../src/domain/polis/summary.js";
import type { PolisNote } from "../../../src/domain/polis/types.js";
import { formatVotesCsv, parseVoteRows, parseVotesCsv } from "../../../src/domain/polis/votes.js";

function errorOf(f: () => unknown): PolisFormatError {
  try {
    f();
  } catch (error) {
    if (error instanceof PolisFormatError) return error;
    throw error;
  }
  throw new Error("expected a PolisFormatError");
}

const VOTES = `timestamp,datetime,comment-id,voter-id,vote
100,Mon,0,1,1
200,Mon,0,2,-1
300,Mon,0,1,-1
150,Mon,1,1,0
120,Mon,1,1,1
`;

describe("votes.csv", () => {
  it("keeps the latest vote per voter × comment", () => {
    expect(parseVoteRows(VOTES)).toHaveLength(5);
    expect(parseVotesCsv(VOTES).map((v) => [v.voterId, v.commentId, v.vote, v.timestamp])).toEqual([
      [2, 0, -1, 200],
      [1, 0, -1, 300],
      [1, 1, 0, 150],
    ]);
  });

  it("formats what it parses", () => {
    const votes = parseVotesCsv(VOTES);
    expect(parseVotesCsv(formatVotesCsv(votes))).toEqual(votes);
  });

  it("names the file and line of a missing column", () => {
    const e = errorOf(() => parseVotesCsv("timestamp,datetime,comment-id,vote\n1,x,0,1\n"));
    expect([e.file, e.line]).toEqual(["votes.csv", 1]);
    expect(e.message).toBe("votes.csv, line 1: missing column voter-id");
  });

  it("names the file and line of a non-numeric id", () => {
    const e = errorOf(() => parseVotesCsv("timestamp,datetime,comment-id,voter-id,vote\n1,x,0,1,1\n2,x,zero,1,1\n"));
    expect([e.file, e.line]).toEqual(["votes.csv", 3]);
    expect(e.message).toMatch(/comment-id "zero" is not an integer/);
  });

  it("names the file and line of a vote outside −1/0/1", () => {
    const e = errorOf(() => parseVotesCsv("timestamp,datetime,comment-id,voter-id,vote\n1,x,0,1,1\n2,x,0,2,1\n3,x,0,3,2\n"));
    expect([e.file, e.line]).toEqual(["votes.csv", 4]);
    expect(e.message).toMatch(/vote "2" is not a vote/);
  });

  it("reports an empty file: 0 bytes, or only blank lines", () => {
    expect(errorOf(() => parseVotesCsv("")).message).toBe("votes.csv, line 1: the file is empty (0 bytes)");
    expect(errorOf(() => parseVotesCsv("\n\n")).message).toBe("votes.csv, line 1: the file is empty (no header line)");
  });
});

const COMMENTS = `timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body
1,Mon,0,5,3,1,1,"A body, with a comma"
2,Mon,1,5,0,0,-1,"Two
lines"
3,Mon,2,6,1,1,0,Plain
`;

describe("comments.csv", () => {
  it("parses quoted bodies and moderation", () => {
    const comments = parseCommentsCsv(COMMENTS);
    expect(comments.map((c) => [c.commentId, c.moderated, c.body])).toEqual([
      [0, 1, "A body, with a comma"],
      [1, -1, "Two\nlines"],
      [2, 0, "Plain"],
    ]);
    expect(parseCommentsCsv(formatCommentsCsv(comments))).toEqual(comments);
  });

  it("counts lines across a quoted line break in errors", () => {
    const bad = COMMENTS + "4,Mon,x3,6,0,0,1,Bad id\n";
    const e = errorOf(() => parseCommentsCsv(bad));
    expect([e.file, e.line]).toEqual(["comments.csv", 6]);
  });

  it("rejects a moderation value outside −1/0/1 and a repeated comment-id", () => {
    expect(errorOf(() => parseCommentsCsv(COMMENTS.replace("0,Plain", "5,Plain"))).message).toMatch(/comments.csv, line 5: moderated "5"/);
    expect(errorOf(() => parseCommentsCsv(COMMENTS.replace("3,Mon,2,", "3,Mon,0,"))).message).toMatch(/line 5: comment-id 0 appears twice/);
  });

  it("names a missing column", () => {
    expect(errorOf(() => parseCommentsCsv("comment-id,moderated\n0,1\n")).message).toBe("comments.csv, line 1: missing column comment-body");
  });
});

const PARTICIPANTS = `participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2
1,0,2,3,1,1,1,-1,0
2,,0,1,0,1,,-1,
`;

describe("participants-votes.csv", () => {
  it("parses group ids (empty: not clustered) and per-comment votes", () => {
    const p = parseParticipantsVotesCsv(PARTICIPANTS);
    expect(p.commentIds).toEqual([0, 1, 2]);
    expect(p.rows.map((r) => [r.participant, r.groupId, r.nVotes, [...r.votes]])).toEqual([
      [1, 0, 3, [[0, 1], [1, -1], [2, 0]]],
      [2, null, 1, [[1, -1]]],
    ]);
    expect(parseParticipantsVotesCsv(formatParticipantsVotesCsv(p))).toEqual(p);
  });

  it("names the file and line of a bad vote cell", () => {
    const e = errorOf(() => parseParticipantsVotesCsv(PARTICIPANTS.replace(",-1,\n", ",7,\n")));
    expect([e.file, e.line]).toEqual(["participants-votes.csv", 3]);
  });

  it("ignores a column that is neither known nor a comment-id, and notes it once", () => {
    const notes: PolisNote[] = [];
    const p = parseParticipantsVotesCsv(PARTICIPANTS.replace(",2\n", ",two\n"), notes);
    expect(p.commentIds).toEqual([0, 1]);
    expect(p.rows.map((r) => [...r.votes])).toEqual([[[0, 1], [1, -1]], [[1, -1]]]);
    expect(notes).toEqual([{ kind: "ignored-columns", file: "participants-votes.csv", columns: ["two"] }]);
  });

  it("builds rows from votes, comments and groups", () => {
    const votes = parseVotesCsv(VOTES);
    const comments = parseCommentsCsv(COMMENTS);
    const built = buildParticipantsVotes(votes, comments, new Map([[1, 0]]));
    expect(built.commentIds).toEqual([0, 1, 2]);
    expect(built.rows.map((r) => [r.participant, r.groupId, r.nComments, r.nVotes, r.nAgree, r.nDisagree])).toEqual([
      [1, 0, 0, 2, 0, 1],
      [2, null, 0, 1, 0, 1],
    ]);
  });
});

describe("summary.csv", () => {
  const SUMMARY = 'topic,Parking\nurl,https://pol.is/x\nvoters,12\ncomments,4\nconversation-description,"Where do we park, and when?"\n';

  it("parses key/value lines in order", () => {
    const s = parseSummaryCsv(SUMMARY);
    expect(summaryValue(s, "voters")).toBe("12");
    expect(summaryValue(s, "conversation-description")).toBe("Where do we park, and when?");
    expect(parseSummaryCsv(formatSummaryCsv(s))).toEqual(s);
  });

  it("names the line of a count that is not a number", () => {
    expect(errorOf(() => parseSummaryCsv(SUMMARY.replace("voters,12", "voters,twelve"))).message).toBe(
      'summary.csv, line 3: voters "twelve" is not a whole number',
    );
  });

  it("builds a summary in Pol.is's key order", () => {
    const s = buildSummary({ topic: "T", voters: 3, commenters: 1, comments: 2, groups: 2 });
    expect(s.entries.map(([k]) => k)).toEqual(["topic", "views", "voters", "voters-in-conv", "commenters", "comments", "groups", "conversation-description"]);
  });
});

describe("a whole export", () => {
  it("rejects a vote on a comment that comments.csv lacks, naming votes.csv and the line", () => {
    const e = errorOf(() =>
      parsePolisExport({
        "votes.csv": VOTES + "400,Mon,9,3,1\n",
        "comments.csv": COMMENTS,
        "participants-votes.csv": PARTICIPANTS,
        "summary.csv": "topic,x\n",
      }),
    );
    expect(e.message).toBe("votes.csv, line 7: comment-id 9 is not in comments.csv");
  });
});
