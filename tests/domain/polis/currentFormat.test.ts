// Current Pol.is exports (2022 on) and exports without votes.csv, and every kind of
// bad input the reader must refuse with the file and the line.

import { describe, expect, it } from "vitest";
import { analyzeVoteColumns } from "../../../src/domain/consensus/analyze.js";
import { polisVoteColumnsInput } from "../../../src/domain/polis/conversation.js";
import { PolisFormatError } from "../../../src/domain/polis/errors.js";
import { parsePolisExportData, PolisNoVotesError } from "../../../src/domain/polis/exportFiles.js";
import type { PolisExportFiles } from "../../../src/domain/polis/types.js";
import { voteObjects } from "../../../src/domain/polis/voteColumns.js";

const COMMENTS = `timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body,is-meta,is-seed,group-informed-consensus
1,Mon,0,5,3,1,1,"First, with a comma",false,true,0.61
2,Mon,1,5,0,0,-1,Moderated out,false,false,
3,Mon,2,6,1,1,0,Third,true,false,0.2
`;
// xid after participant, as current exports write it; a column nobody knows at the end.
const PARTICIPANTS = `participant,xid,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2,colour
7,abc-7,0,2,3,1,1,1,-1,0,blue
9,,,0,1,0,1,,-1,,red
`;
const VOTES = `timestamp,datetime,comment-id,voter-id,vote
100,Mon Jul 17 02:17:32 WIB 2017,0,7,1
200,Mon Jul 17 02:17:33 WIB 2017,1,7,-1
300,Mon Jul 17 02:17:34 WIB 2017,2,7,0
300,Mon Jul 17 02:17:34 WIB 2017,1,9,-1
`;
const SUMMARY = "topic,Test\nvoters,2\n";

function files(over: Partial<Record<keyof PolisExportFiles, string | Uint8Array | undefined>> = {}) {
  return { "comments.csv": COMMENTS, "participants-votes.csv": PARTICIPANTS, "votes.csv": VOTES, "summary.csv": SUMMARY, ...over } as {
    [F in keyof PolisExportFiles]: string | Uint8Array;
  };
}

function errorOf(f: () => unknown): PolisFormatError {
  try {
    f();
  } catch (error) {
    if (error instanceof PolisFormatError) return error;
    throw error;
  }
  throw new Error("expected a PolisFormatError");
}

describe("a current-format export", () => {
  it("reads known columns by name, keeps Pol.is's own group-informed consensus, ignores unknown columns with one note", () => {
    const data = parsePolisExportData(files());
    expect(data.comments.map((c) => [c.commentId, c.isMeta, c.isSeed, c.groupInformedConsensus])).toEqual([
      [0, false, true, 0.61],
      [1, false, false, undefined],
      [2, true, false, 0.2],
    ]);
    expect(data.participants!.commentIds).toEqual([0, 1, 2]);
    expect(data.participants!.rows).toEqual([
      { participant: 7, xid: "abc-7", groupId: 0, nComments: 2, nVotes: 3, nAgree: 1, nDisagree: 1 },
      { participant: 9, groupId: null, nComments: 0, nVotes: 1, nAgree: 0, nDisagree: 1 },
    ]);
    expect(data.votesSource).toBe("votes.csv");
    expect(data.notes).toEqual([{ kind: "ignored-columns", file: "participants-votes.csv", columns: ["colour"] }]);
    expect(voteObjects(data.votes).map((v) => [v.voterId, v.commentId, v.vote])).toEqual([
      [7, 0, 1],
      [7, 1, -1],
      [7, 2, 0],
      [9, 1, -1],
    ]);
  });

  it("reads columns in any order", () => {
    const data = parsePolisExportData(
      files({
        "votes.csv": "vote,voter-id,comment-id,timestamp\n1,7,0,5\n-1,9,2,6\n",
        "comments.csv": "comment-body,moderated,comment-id\nA,1,0\nB,1,1\nC,1,2\n",
      }),
    );
    expect(voteObjects(data.votes).map((v) => [v.voterId, v.commentId, v.vote, v.timestamp])).toEqual([
      [7, 0, 1, 5],
      [9, 2, -1, 6],
    ]);
    expect(data.comments.map((c) => c.body)).toEqual(["A", "B", "C"]);
  });

  it("notes unknown columns of comments.csv and votes.csv once each", () => {
    const data = parsePolisExportData(
      files({ "comments.csv": COMMENTS.replace("group-informed-consensus\n", "group-informed-consensus,lang\n"), "votes.csv": VOTES.replace("vote\n", "vote,source\n") }),
    );
    expect(data.notes).toEqual([
      { kind: "ignored-columns", file: "comments.csv", columns: ["lang"] },
      { kind: "ignored-columns", file: "votes.csv", columns: ["source"] },
      { kind: "ignored-columns", file: "participants-votes.csv", columns: ["colour"] },
    ]);
  });

  it("without votes.csv, reads the votes from participants-votes.csv and says so", () => {
    const data = parsePolisExportData(files({ "votes.csv": undefined }));
    expect(data.votesSource).toBe("participants-votes.csv");
    expect(data.votes.timestamp).toBeNull();
    expect(voteObjects(data.votes).map((v) => [v.voterId, v.commentId, v.vote])).toEqual([
      [7, 0, 1],
      [7, 1, -1],
      [7, 2, 0],
      [9, 1, -1],
    ]);
    expect(data.notes).toContainEqual({ kind: "votes-from-matrix", votes: 4 });
    // Same votes, same analysis as with votes.csv.
    const a = analyzeVoteColumns(polisVoteColumnsInput(data));
    const b = analyzeVoteColumns(polisVoteColumnsInput(parsePolisExportData(files())));
    expect(a).toEqual(b);
    expect(a.statementCount).toBe(2);
  });
});

describe("bad input: refused with the file and the line", () => {
  const cases: [string, Partial<Record<keyof PolisExportFiles, string | Uint8Array>>, string][] = [
    ["a vote cell that is not −1/0/1/empty", { "participants-votes.csv": PARTICIPANTS.replace(",,-1,,red", ",,x,,red") }, 'participants-votes.csv, line 3: vote on comment 1 "x" is not a vote (-1, 0 or 1)'],
    ["a vote cell of 2", { "participants-votes.csv": PARTICIPANTS.replace("1,-1,0,blue", "1,2,0,blue") }, 'participants-votes.csv, line 2: vote on comment 1 "2" is not a vote (-1, 0 or 1)'],
    ["comments.csv without comment-id", { "comments.csv": "timestamp,moderated,comment-body\n1,1,A\n" }, "comments.csv, line 1: missing column comment-id"],
    ["a duplicate comment id", { "comments.csv": COMMENTS.replace("3,Mon,2,", "3,Mon,0,") }, "comments.csv, line 4: comment-id 0 appears twice"],
    ["a duplicate participant", { "participants-votes.csv": PARTICIPANTS.replace("9,,,0", "7,,,0") }, "participants-votes.csv, line 3: participant 7 appears twice"],
    ["a vote naming a comment that does not exist", { "votes.csv": VOTES + "400,Mon,12,9,1\n" }, "votes.csv, line 6: comment-id 12 is not in comments.csv"],
    ["a vote column naming a comment that does not exist", { "participants-votes.csv": PARTICIPANTS.replace(",2,colour", ",12,colour") }, 'participants-votes.csv, line 1: column "12" names comment 12, which is not in comments.csv'],
    ["a 0-byte file", { "summary.csv": "" }, "summary.csv, line 1: the file is empty (0 bytes)"],
    ["a 0-byte votes.csv", { "votes.csv": "" }, "votes.csv, line 1: the file is empty (0 bytes)"],
    ["a file in UTF-16", { "comments.csv": utf16(COMMENTS) }, "comments.csv, line 1: the file is in UTF-16, not UTF-8 (save it as CSV UTF-8)"],
    ["a file in GBK", { "comments.csv": gbkComments() }, "comments.csv, line 3: the text is not UTF-8 (GBK or another legacy encoding? save it as UTF-8)"],
  ];
  it.each(cases)("%s", (_name, over, message) => {
    expect(errorOf(() => parsePolisExportData(files(over))).message).toBe(message);
  });

  it("refuses an export with neither votes.csv nor participants-votes.csv", () => {
    expect(() => parsePolisExportData(files({ "votes.csv": undefined, "participants-votes.csv": undefined }))).toThrow(PolisNoVotesError);
  });
});

function utf16(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    out[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return out;
}

/** comments.csv with a GBK-encoded "你好" (C4 E3 BA C3) as the body on line 3. */
function gbkComments(): Uint8Array {
  const head = new TextEncoder().encode("comment-id,moderated,comment-body\n0,1,A\n1,1,");
  const tail = new TextEncoder().encode("\n");
  const out = new Uint8Array(head.length + 4 + tail.length);
  out.set(head);
  out.set([0xc4, 0xe3, 0xba, 0xc3], head.length);
  out.set(tail, head.length + 4);
  return out;
}
