// A whole Pol.is export: the four files together, checked against each other.

import { formatCommentsCsv, parseCommentsCsv } from "./comments.js";
import { PolisFormatError } from "./errors.js";
import { formatParticipantsVotesCsv, parseParticipantsVotesCsv } from "./participantsVotes.js";
import { formatSummaryCsv, parseSummaryCsv } from "./summary.js";
import type { PolisExport, PolisExportFiles } from "./types.js";
import { latestVotes, parseVoteRecords, formatVotesCsv } from "./votes.js";

/** Parses the four files. Throws PolisFormatError naming the file and line of the first problem. */
export function parsePolisExport(files: PolisExportFiles): PolisExport {
  const comments = parseCommentsCsv(files["comments.csv"]);
  const known = new Set(comments.map((c) => c.commentId));
  const records = parseVoteRecords(files["votes.csv"]);
  for (const { vote, line } of records) {
    if (!known.has(vote.commentId)) throw new PolisFormatError("votes.csv", line, `comment-id ${vote.commentId} is not in comments.csv`);
  }
  return {
    votes: latestVotes(records.map((r) => r.vote)),
    comments,
    participantsVotes: parseParticipantsVotesCsv(files["participants-votes.csv"]),
    summary: parseSummaryCsv(files["summary.csv"]),
  };
}

export function formatPolisExport(data: PolisExport): PolisExportFiles {
  return {
    "votes.csv": formatVotesCsv(data.votes),
    "comments.csv": formatCommentsCsv(data.comments),
    "participants-votes.csv": formatParticipantsVotesCsv(data.participantsVotes),
    "summary.csv": formatSummaryCsv(data.summary),
  };
}
