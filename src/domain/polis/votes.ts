// votes.csv: timestamp,datetime,comment-id,voter-id,vote. A voter may have voted
// on the same comment more than once; the latest timestamp counts (on equal
// timestamps, the later line). Read as a stream of bytes straight into columns:
// no string and no object per row.

import { formatCsv, type CsvSink } from "../text/csv.js";
import { PolisFormatError } from "./errors.js";
import {
  cellText,
  integerProblem,
  numberText,
  parseIntegerBytes,
  parseTimestampBytes,
  parseVoteBytes,
  PolisCsvInput,
  readHeader,
  requireColumns,
  unknownColumns,
} from "./fields.js";
import type { PolisNote, PolisVote, PolisVoteColumns } from "./types.js";
import { latestVoteColumns, VoteColumnsBuilder, voteColumns, voteObjects } from "./voteColumns.js";
import { fieldText } from "../text/csv.js";

const FILE = "votes.csv";
export const VOTES_HEADER = ["timestamp", "datetime", "comment-id", "voter-id", "vote"] as const;
const NONE = -1;

export interface VotesReadOptions {
  /** Comment ids of comments.csv: a vote on another id is refused with its line. */
  readonly knownComments?: ReadonlySet<number>;
  readonly keepDatetime?: boolean;
  readonly notes?: PolisNote[];
}

/** The sink: header by name, then every row into columns. */
class VotesSink implements CsvSink {
  private headerNames: string[] | null = [];
  private col = 0;
  private tsCol = NONE;
  private dtCol = NONE;
  private commentCol = NONE;
  private voterCol = NONE;
  private voteCol = NONE;
  private width = 0;
  // The row being read.
  private ts = NaN;
  private dt = "";
  private comment = NaN;
  private voter = NaN;
  private vote = NaN;
  private problem: string | null = null;
  private builder: VoteColumnsBuilder;
  private readonly known: ReadonlySet<number> | undefined;
  private lastComment = NaN;
  private headerDone = false;

  constructor(private readonly options: VotesReadOptions) {
    this.builder = new VoteColumnsBuilder({ timestamps: true, datetimes: options.keepDatetime === true });
    this.known = options.knownComments;
  }

  field(bytes: Uint8Array, start: number, end: number, escaped: boolean): void {
    const c = this.col++;
    if (!this.headerDone) {
      this.headerNames!.push(fieldText(bytes, start, end, escaped));
      return;
    }
    if (this.problem !== null) return;
    if (c === this.commentCol) {
      this.comment = parseIntegerBytes(bytes, start, end);
      if (Number.isNaN(this.comment)) this.problem = integerProblem("comment-id", cellText(bytes, start, end, escaped));
    } else if (c === this.voterCol) {
      this.voter = parseIntegerBytes(bytes, start, end);
      if (Number.isNaN(this.voter)) this.problem = integerProblem("voter-id", cellText(bytes, start, end, escaped));
    } else if (c === this.voteCol) {
      this.vote = parseVoteBytes(bytes, start, end);
      if (Number.isNaN(this.vote)) this.problem = `vote "${cellText(bytes, start, end, escaped)}" is not a vote (-1, 0 or 1)`;
    } else if (c === this.tsCol) {
      this.ts = parseTimestampBytes(bytes, start, end);
      if (Number.isNaN(this.ts)) {
        const raw = cellText(bytes, start, end, escaped);
        this.ts = numberText(raw);
        if (!Number.isFinite(this.ts)) this.problem = `timestamp "${raw}" is not a number`;
      }
    } else if (c === this.dtCol && this.options.keepDatetime === true) {
      this.dt = fieldText(bytes, start, end, escaped);
    }
  }

  endRecord(line: number): void {
    const columns = this.col;
    this.col = 0;
    if (!this.headerDone) {
      const header = readHeader(this.headerNames!);
      this.headerNames = null;
      requireColumns(FILE, line, header, ["timestamp", "comment-id", "voter-id", "vote"]);
      const ignored = unknownColumns(header, VOTES_HEADER);
      if (ignored.length > 0) this.options.notes?.push({ kind: "ignored-columns", file: FILE, columns: ignored });
      this.tsCol = header.index.get("timestamp")!;
      this.dtCol = header.index.get("datetime") ?? NONE;
      this.commentCol = header.index.get("comment-id")!;
      this.voterCol = header.index.get("voter-id")!;
      this.voteCol = header.index.get("vote")!;
      this.width = Math.max(this.tsCol, this.commentCol, this.voterCol, this.voteCol) + 1;
      this.headerDone = true;
      return;
    }
    if (this.problem !== null) throw new PolisFormatError(FILE, line, this.problem);
    if (columns < this.width) {
      // A short row: the first required cell it lacks is empty.
      const missing = [
        ["timestamp", this.tsCol],
        ["comment-id", this.commentCol],
        ["voter-id", this.voterCol],
        ["vote", this.voteCol],
      ].find(([, at]) => (at as number) >= columns)!;
      const name = missing[0] as string;
      throw new PolisFormatError(FILE, line, name === "vote" ? `vote "" is not a vote (-1, 0 or 1)` : name === "timestamp" ? `timestamp "" is not a number` : `${name} "" is not an integer`);
    }
    if (this.known !== undefined && this.comment !== this.lastComment) {
      if (!this.known.has(this.comment)) throw new PolisFormatError(FILE, line, `comment-id ${this.comment} is not in comments.csv`);
      this.lastComment = this.comment;
    }
    this.builder.add(this.voter, this.comment, this.vote, this.ts, this.dt);
  }

  columns(): PolisVoteColumns {
    if (!this.headerDone) throw new PolisFormatError(FILE, 1, "the file is empty (no header line)");
    return this.builder.build();
  }
}

/** votes.csv fed in chunks; `end()` gives every row as written, duplicates included, in file order. */
export class VotesCsvReader {
  private readonly sink: VotesSink;
  private readonly input: PolisCsvInput;
  constructor(options: VotesReadOptions = {}) {
    this.sink = new VotesSink(options);
    this.input = new PolisCsvInput(FILE, this.sink);
  }
  push(chunk: Uint8Array): void {
    this.input.push(chunk);
  }
  end(): PolisVoteColumns {
    this.input.end();
    return this.sink.columns();
  }
}

const encoder = new TextEncoder();

export function parseVoteColumns(text: string | Uint8Array, options: VotesReadOptions = {}): PolisVoteColumns {
  const reader = new VotesCsvReader(options);
  reader.push(typeof text === "string" ? encoder.encode(text) : text);
  return reader.end();
}

/** Every row as written, duplicates included, in file order. */
export function parseVoteRows(text: string | Uint8Array): PolisVote[] {
  return voteObjects(parseVoteColumns(text, { keepDatetime: true }));
}

/** Keeps the latest vote per voter × comment; the survivors stay in file order. */
export function latestVotes(rows: readonly PolisVote[]): PolisVote[] {
  const columns = voteColumns(rows);
  const latest = latestVoteColumns(columns);
  return latest === columns ? [...rows] : voteObjects(latest);
}

/** The votes that count: one per voter × comment, the latest. */
export function parseVotesCsv(text: string | Uint8Array): PolisVote[] {
  return voteObjects(latestVoteColumns(parseVoteColumns(text, { keepDatetime: true })));
}

export function formatVotesCsv(votes: readonly PolisVote[]): string {
  return formatCsv(
    [[...VOTES_HEADER], ...votes.map((v) => [String(v.timestamp), v.datetime, String(v.commentId), String(v.voterId), String(v.vote)])],
    "\n",
  );
}
