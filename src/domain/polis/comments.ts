// comments.csv: timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body,
// and in current exports (2022 on) is-meta, is-seed and group-informed-consensus.
// Columns are read by name; others are ignored (and reported once as a note).

import { formatCsv } from "../text/csv.js";
import { PolisFormatError } from "./errors.js";
import { readHeader, requireColumns, unknownColumns } from "./fields.js";
import { integerCell, optionalBooleanCell, optionalIntegerCell, optionalNumberCell, parseRecords, cell } from "./records.js";
import type { CsvRecord } from "../text/csv.js";
import type { PolisComment, PolisModeration, PolisNote } from "./types.js";

const FILE = "comments.csv";
export const COMMENTS_HEADER = ["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated", "comment-body"] as const;
const CURRENT_COLUMNS = ["is-meta", "is-seed", "group-informed-consensus"] as const;
const KNOWN: readonly string[] = [...COMMENTS_HEADER, ...CURRENT_COLUMNS];

/** Comments from records (header first); `notes` receives the columns ignored. */
export function commentsFromRecords(records: readonly CsvRecord[], notes: PolisNote[] = []): PolisComment[] {
  const head = records[0];
  if (head === undefined) throw new PolisFormatError(FILE, 1, "the file is empty (no header line)");
  const header = readHeader(head.fields);
  requireColumns(FILE, head.line, header, ["comment-id", "moderated", "comment-body"]);
  const ignored = unknownColumns(header, KNOWN);
  if (ignored.length > 0) notes.push({ kind: "ignored-columns", file: FILE, columns: ignored });
  const seen = new Set<number>();
  return records.slice(1).map((row) => {
    const commentId = integerCell(FILE, header, row, "comment-id");
    if (seen.has(commentId)) throw new PolisFormatError(FILE, row.line, `comment-id ${commentId} appears twice`);
    seen.add(commentId);
    const moderated = integerCell(FILE, header, row, "moderated");
    if (moderated !== -1 && moderated !== 0 && moderated !== 1) {
      throw new PolisFormatError(FILE, row.line, `moderated "${moderated}" is not -1, 0 or 1`);
    }
    const isMeta = optionalBooleanCell(FILE, header, row, "is-meta");
    const isSeed = optionalBooleanCell(FILE, header, row, "is-seed");
    const gic = optionalNumberCell(FILE, header, row, "group-informed-consensus");
    return {
      timestamp: optionalIntegerCell(FILE, header, row, "timestamp", 0),
      datetime: cell(header, row, "datetime"),
      commentId,
      authorId: optionalIntegerCell(FILE, header, row, "author-id", -1),
      agrees: optionalIntegerCell(FILE, header, row, "agrees", 0),
      disagrees: optionalIntegerCell(FILE, header, row, "disagrees", 0),
      moderated: moderated as PolisModeration,
      body: cell(header, row, "comment-body"),
      ...(isMeta === undefined ? {} : { isMeta }),
      ...(isSeed === undefined ? {} : { isSeed }),
      ...(gic === undefined ? {} : { groupInformedConsensus: gic }),
    };
  });
}

export function parseCommentsCsv(text: string | Uint8Array, notes: PolisNote[] = []): PolisComment[] {
  return commentsFromRecords(parseRecords(FILE, text), notes);
}

/** Pol.is's classic columns, plus the current ones when any comment carries them. */
export function formatCommentsCsv(comments: readonly PolisComment[]): string {
  const extra = CURRENT_COLUMNS.filter((name) =>
    comments.some((c) => (name === "is-meta" ? c.isMeta : name === "is-seed" ? c.isSeed : c.groupInformedConsensus) !== undefined),
  );
  const value = (c: PolisComment, name: (typeof CURRENT_COLUMNS)[number]): string => {
    const v = name === "is-meta" ? c.isMeta : name === "is-seed" ? c.isSeed : c.groupInformedConsensus;
    return v === undefined ? "" : typeof v === "boolean" ? (v ? "true" : "false") : String(v);
  };
  return formatCsv(
    [
      [...COMMENTS_HEADER, ...extra],
      ...comments.map((c) => [
        String(c.timestamp),
        c.datetime,
        String(c.commentId),
        String(c.authorId),
        String(c.agrees),
        String(c.disagrees),
        String(c.moderated),
        c.body,
        ...extra.map((name) => value(c, name)),
      ]),
    ],
    "\n",
  );
}
