// comments.csv: timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body.

import { formatCsv } from "./csv.js";
import { PolisFormatError } from "./errors.js";
import { field, integerField, optionalIntegerField, readTable } from "./table.js";
import type { PolisComment, PolisModeration } from "./types.js";

const FILE = "comments.csv";
export const COMMENTS_HEADER = ["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated", "comment-body"] as const;

export function parseCommentsCsv(text: string, file = FILE): PolisComment[] {
  const table = readTable(file, text, ["comment-id", "moderated", "comment-body"]);
  const seen = new Set<number>();
  return table.rows.map((row) => {
    const commentId = integerField(table, row, "comment-id");
    if (seen.has(commentId)) throw new PolisFormatError(file, row.line, `comment-id ${commentId} appears twice`);
    seen.add(commentId);
    const moderated = integerField(table, row, "moderated");
    if (moderated !== -1 && moderated !== 0 && moderated !== 1) {
      throw new PolisFormatError(file, row.line, `moderated "${moderated}" is not -1, 0 or 1`);
    }
    return {
      timestamp: optionalIntegerField(table, row, "timestamp", 0),
      datetime: field(table, row, "datetime"),
      commentId,
      authorId: optionalIntegerField(table, row, "author-id", -1),
      agrees: optionalIntegerField(table, row, "agrees", 0),
      disagrees: optionalIntegerField(table, row, "disagrees", 0),
      moderated: moderated as PolisModeration,
      body: field(table, row, "comment-body"),
    };
  });
}

export function formatCommentsCsv(comments: readonly PolisComment[]): string {
  return formatCsv([
    [...COMMENTS_HEADER],
    ...comments.map((c) => [
      String(c.timestamp),
      c.datetime,
      String(c.commentId),
      String(c.authorId),
      String(c.agrees),
      String(c.disagrees),
      String(c.moderated),
      c.body,
    ]),
  ]);
}
