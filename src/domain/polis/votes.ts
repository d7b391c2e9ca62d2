// votes.csv: timestamp,datetime,comment-id,voter-id,vote. A voter may have voted
// on the same comment more than once; the latest timestamp counts (on equal
// timestamps, the later line).

import { formatCsv } from "./csv.js";
import { field, integerField, numberField, readTable, voteField } from "./table.js";
import type { PolisVote } from "./types.js";

const FILE = "votes.csv";
export const VOTES_HEADER = ["timestamp", "datetime", "comment-id", "voter-id", "vote"] as const;

export interface PolisVoteRecord {
  readonly vote: PolisVote;
  /** Line in the file, for error messages. */
  readonly line: number;
}

/** Every row as written, duplicates included, in file order, with its line. */
export function parseVoteRecords(text: string, file = FILE): PolisVoteRecord[] {
  const table = readTable(file, text, ["timestamp", "comment-id", "voter-id", "vote"]);
  return table.rows.map((row) => ({
    line: row.line,
    vote: {
      timestamp: numberField(table, row, "timestamp"),
      datetime: field(table, row, "datetime"),
      commentId: integerField(table, row, "comment-id"),
      voterId: integerField(table, row, "voter-id"),
      vote: voteField(file, row.line, "vote", field(table, row, "vote")),
    },
  }));
}

/** Every row as written, duplicates included, in file order. */
export function parseVoteRows(text: string, file = FILE): PolisVote[] {
  return parseVoteRecords(text, file).map((r) => r.vote);
}

/** Keeps the latest vote per voter × comment; the survivors stay in file order. */
export function latestVotes(rows: readonly PolisVote[]): PolisVote[] {
  const winner = new Map<string, number>();
  rows.forEach((vote, i) => {
    const key = `${vote.voterId}:${vote.commentId}`;
    const current = winner.get(key);
    if (current === undefined || rows[current]!.timestamp <= vote.timestamp) winner.set(key, i);
  });
  const keep = new Set(winner.values());
  return rows.filter((_, i) => keep.has(i));
}

/** The votes that count: one per voter × comment, the latest. */
export function parseVotesCsv(text: string, file = FILE): PolisVote[] {
  return latestVotes(parseVoteRows(text, file));
}

export function formatVotesCsv(votes: readonly PolisVote[]): string {
  return formatCsv([
    [...VOTES_HEADER],
    ...votes.map((v) => [String(v.timestamp), v.datetime, String(v.commentId), String(v.voterId), String(v.vote)]),
  ]);
}
