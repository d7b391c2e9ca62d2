// participants-votes.csv: participant,group-id,n-comments,n-votes,n-agree,n-disagree,
// then one column per comment-id holding that participant's vote (empty: none).

import { formatCsv } from "./csv.js";
import { PolisFormatError } from "./errors.js";
import { field, integerField, readTable } from "./table.js";
import { voteField } from "./table.js";
import type { PolisComment, PolisParticipantRow, PolisParticipantsVotes, PolisVote, PolisVoteValue } from "./types.js";

const FILE = "participants-votes.csv";
const FIXED = ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"] as const;

export function parseParticipantsVotesCsv(text: string, file = FILE): PolisParticipantsVotes {
  const table = readTable(file, text, FIXED);
  const headerLine = 1;
  const commentColumns: { index: number; commentId: number }[] = [];
  table.header.forEach((name, index) => {
    if ((FIXED as readonly string[]).includes(name)) return;
    if (!/^-?\d+$/.test(name)) throw new PolisFormatError(file, headerLine, `column "${name}" is not a comment-id`);
    commentColumns.push({ index, commentId: Number(name) });
  });
  const rows: PolisParticipantRow[] = table.rows.map((row) => {
    const group = field(table, row, "group-id").trim();
    if (group !== "" && !/^-?\d+$/.test(group)) throw new PolisFormatError(file, row.line, `group-id "${group}" is not an integer`);
    const votes = new Map<number, PolisVoteValue>();
    for (const { index, commentId } of commentColumns) {
      const cell = (row.fields[index] ?? "").trim();
      if (cell !== "") votes.set(commentId, voteField(file, row.line, `vote on comment ${commentId}`, cell));
    }
    return {
      participant: integerField(table, row, "participant"),
      groupId: group === "" ? null : Number(group),
      nComments: integerField(table, row, "n-comments"),
      nVotes: integerField(table, row, "n-votes"),
      nAgree: integerField(table, row, "n-agree"),
      nDisagree: integerField(table, row, "n-disagree"),
      votes,
    };
  });
  return { commentIds: commentColumns.map((c) => c.commentId), rows };
}

export function formatParticipantsVotesCsv(data: PolisParticipantsVotes): string {
  return formatCsv([
    [...FIXED, ...data.commentIds.map(String)],
    ...data.rows.map((r) => [
      String(r.participant),
      r.groupId === null ? "" : String(r.groupId),
      String(r.nComments),
      String(r.nVotes),
      String(r.nAgree),
      String(r.nDisagree),
      ...data.commentIds.map((id) => {
        const v = r.votes.get(id);
        return v === undefined ? "" : String(v);
      }),
    ]),
  ]);
}

/**
 * Builds participants-votes from our data: one row per voter (ascending id),
 * comment columns in ascending comment-id order, counts from the votes that
 * count. `groupOf` gives a voter's opinion group (absent: not clustered).
 */
export function buildParticipantsVotes(
  votes: readonly PolisVote[],
  comments: readonly PolisComment[],
  groupOf: ReadonlyMap<number, number> = new Map(),
): PolisParticipantsVotes {
  const commentIds = [...new Set([...comments.map((c) => c.commentId), ...votes.map((v) => v.commentId)])].sort((a, b) => a - b);
  const authored = new Map<number, number>();
  for (const c of comments) authored.set(c.authorId, (authored.get(c.authorId) ?? 0) + 1);
  const byVoter = new Map<number, Map<number, PolisVoteValue>>();
  for (const v of votes) {
    let row = byVoter.get(v.voterId);
    if (row === undefined) byVoter.set(v.voterId, (row = new Map()));
    row.set(v.commentId, v.vote);
  }
  const rows = [...byVoter.keys()]
    .sort((a, b) => a - b)
    .map((participant): PolisParticipantRow => {
      const cast = byVoter.get(participant)!;
      let nAgree = 0;
      let nDisagree = 0;
      for (const v of cast.values()) {
        if (v === 1) nAgree++;
        else if (v === -1) nDisagree++;
      }
      return {
        participant,
        groupId: groupOf.get(participant) ?? null,
        nComments: authored.get(participant) ?? 0,
        nVotes: cast.size,
        nAgree,
        nDisagree,
        votes: cast,
      };
    });
  return { commentIds, rows };
}
