// One of our consultations in Pol.is's open-data format, so any tool that reads
// Pol.is exports can read it. Nothing in it identifies a resident:
// - participants are renumbered 0, 1, 2, … in the order of their first vote
//   (never a Telegram id; "a<random>" keys of people who used /forget too);
// - statements carry no author (author-id −1): an author's text and their
//   voting record must not be joined into one numbered row;
// - times are cut to the minute;
// - members of opinion groups smaller than 5 get no group-id.
// Only approved statements and the votes on them are exported: pending and
// rejected texts were never published (a rejection may be for personal information).

import { SMALLEST_REPORTED_GROUP } from "../consensus/reportModel.js";
import { buildParticipantsVotes } from "../polis/participantsVotes.js";
import { buildSummary } from "../polis/summary.js";
import type { PolisComment, PolisExport, PolisVote } from "../polis/types.js";
import type { StoredVote } from "./statement.js";

export interface ExportStatement {
  readonly id: number;
  readonly text: string;
  readonly createdAt: Date;
}

export interface ExportVote {
  readonly participant: string;
  readonly statementId: number;
  readonly vote: StoredVote;
  readonly votedAt: Date;
}

export interface ExportInput {
  readonly topic: string;
  readonly description?: string;
  /** Approved statements. */
  readonly statements: readonly ExportStatement[];
  /** Votes on those statements. */
  readonly votes: readonly ExportVote[];
  /** Opinion group of each participant key (absent: not clustered). */
  readonly groupOf?: ReadonlyMap<string, number>;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const two = (n: number) => String(n).padStart(2, "0");

/** Pol.is's datetime column, e.g. "Mon Jul 17 02:17:00 UTC 2017". */
export function polisDatetime(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

const toMinute = (at: Date) => Math.floor(at.getTime() / 60_000) * 60_000;

/** Participant keys → 0, 1, 2, … by first vote (ties by key, so the numbering is stable). */
export function numberParticipants(votes: readonly ExportVote[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const v of votes) {
    const at = v.votedAt.getTime();
    const known = first.get(v.participant);
    if (known === undefined || at < known) first.set(v.participant, at);
  }
  const order = [...first].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Map(order.map(([key], i) => [key, i]));
}

export function buildPolisExport(input: ExportInput): PolisExport {
  const statementIds = new Set(input.statements.map((s) => s.id));
  const kept = input.votes.filter((v) => statementIds.has(v.statementId));
  const numberOf = numberParticipants(kept);

  const sizes = new Map<number, number>();
  for (const [key, g] of input.groupOf ?? []) if (numberOf.has(key)) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  const groupOf = new Map<number, number>();
  for (const [key, g] of input.groupOf ?? []) {
    const n = numberOf.get(key);
    if (n !== undefined && (sizes.get(g) ?? 0) >= SMALLEST_REPORTED_GROUP) groupOf.set(n, g);
  }

  const votes: PolisVote[] = kept
    .map((v) => ({ timestamp: toMinute(v.votedAt), commentId: v.statementId, voterId: numberOf.get(v.participant)!, vote: v.vote }))
    .sort((a, b) => a.timestamp - b.timestamp || a.voterId - b.voterId || a.commentId - b.commentId)
    .map((v) => ({ ...v, datetime: polisDatetime(v.timestamp) }));

  const agrees = new Map<number, number>();
  const disagrees = new Map<number, number>();
  for (const v of votes) {
    if (v.vote === 1) agrees.set(v.commentId, (agrees.get(v.commentId) ?? 0) + 1);
    if (v.vote === -1) disagrees.set(v.commentId, (disagrees.get(v.commentId) ?? 0) + 1);
  }
  const comments: PolisComment[] = [...input.statements]
    .sort((a, b) => a.id - b.id)
    .map((s) => {
      const timestamp = toMinute(s.createdAt);
      return {
        timestamp,
        datetime: polisDatetime(timestamp),
        commentId: s.id,
        authorId: -1,
        agrees: agrees.get(s.id) ?? 0,
        disagrees: disagrees.get(s.id) ?? 0,
        moderated: 1,
        body: s.text,
      };
    });

  const groups = new Set(groupOf.values()).size;
  return {
    votes,
    comments,
    participantsVotes: buildParticipantsVotes(votes, comments, groupOf),
    summary: buildSummary({
      topic: input.topic,
      ...(input.description ? { description: input.description } : {}),
      voters: numberOf.size,
      commenters: 0,
      comments: comments.length,
      groups,
    }),
  };
}
