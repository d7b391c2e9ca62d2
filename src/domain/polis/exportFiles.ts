// A whole Pol.is export, checked file against file: comments.csv first (so a vote
// naming an unknown comment is refused at its line), then votes.csv, then
// participants-votes.csv, then summary.csv. Files are fed in chunks (the app
// streams them from disk); nothing here does I/O.
//
// Exports without votes.csv (some published ones ship only the matrix) take their
// votes from participants-votes.csv: the latest vote per cell, with no times.

import { commentsFromRecords, formatCommentsCsv } from "./comments.js";
import { PolisFormatError } from "./errors.js";
import { formatParticipantsVotesCsv, participantsVotesObjects, ParticipantsVotesCsvReader, type ParticipantsVotesTable } from "./participantsVotes.js";
import { PolisRecordInput } from "./records.js";
import { formatSummaryCsv, summaryFromRecords } from "./summary.js";
import type { PolisComment, PolisExport, PolisExportData, PolisExportFiles, PolisFileName, PolisNote, PolisReadOptions, PolisSummary, PolisVoteColumns } from "./types.js";
import { latestVoteColumns, voteObjects } from "./voteColumns.js";
import { formatVotesCsv, VotesCsvReader } from "./votes.js";

/** Neither votes.csv nor participants-votes.csv: there are no votes to read. */
export class PolisNoVotesError extends Error {
  override readonly name = "PolisNoVotesError";
  constructor() {
    super("neither votes.csv nor participants-votes.csv is there");
  }
}

/** The order the files are read in; the files present, in that order. */
export const READ_ORDER = ["comments.csv", "votes.csv", "participants-votes.csv", "summary.csv"] as const satisfies readonly PolisFileName[];

interface FileInput {
  push(chunk: Uint8Array): void;
  finish(): void;
}

/** Reads the files one after the other (in READ_ORDER) and assembles the export. */
export class PolisExportAssembly {
  readonly notes: PolisNote[] = [];
  private comments: PolisComment[] | null = null;
  private known: Set<number> | null = null;
  private votes: PolisVoteColumns | null = null;
  private table: ParticipantsVotesTable | null = null;
  private summary: PolisSummary | null = null;

  constructor(
    /** Which of the optional files are there. */
    private readonly present: { readonly votes: boolean; readonly participantsVotes: boolean },
    private readonly options: PolisReadOptions = {},
  ) {
    if (!present.votes && !present.participantsVotes) throw new PolisNoVotesError();
  }

  /** The files to read, in order. */
  files(): PolisFileName[] {
    return READ_ORDER.filter((f) => (f === "votes.csv" ? this.present.votes : f === "participants-votes.csv" ? this.present.participantsVotes : true));
  }

  input(file: PolisFileName): FileInput {
    switch (file) {
      case "comments.csv": {
        const records = new PolisRecordInput(file);
        return {
          push: (c) => records.push(c),
          finish: () => {
            this.comments = commentsFromRecords(records.records(), this.notes);
            this.known = new Set(this.comments.map((c) => c.commentId));
          },
        };
      }
      case "votes.csv": {
        const reader = new VotesCsvReader({ knownComments: this.knownComments(file), keepDatetime: this.options.keepDatetime === true, notes: this.notes });
        return { push: (c) => reader.push(c), finish: () => void (this.votes = latestVoteColumns(reader.end())) };
      }
      case "participants-votes.csv": {
        const reader = new ParticipantsVotesCsvReader({
          knownComments: this.knownComments(file),
          keepVotes: !this.present.votes || this.options.keepMatrix === true,
          notes: this.notes,
        });
        return { push: (c) => reader.push(c), finish: () => void (this.table = reader.end()) };
      }
      case "summary.csv": {
        const records = new PolisRecordInput(file);
        return { push: (c) => records.push(c), finish: () => void (this.summary = summaryFromRecords(records.records())) };
      }
    }
  }

  private knownComments(file: PolisFileName): Set<number> {
    if (this.known === null) throw new Error(`${file} read before comments.csv`);
    return this.known;
  }

  result(): PolisExportData {
    if (this.comments === null || this.summary === null) throw new Error("PolisExportAssembly: files missing");
    let votes = this.votes;
    const fromMatrix = votes === null;
    if (votes === null) {
      votes = this.table!.votes!;
      this.notes.push({ kind: "votes-from-matrix", votes: votes.length });
    }
    return {
      comments: this.comments,
      votes,
      votesSource: fromMatrix ? "participants-votes.csv" : "votes.csv",
      participants: this.table === null ? null : { commentIds: this.table.commentIds, rows: this.table.rows },
      matrix: this.table?.votes ?? null,
      summary: this.summary,
      notes: this.notes,
    };
  }
}

const encoder = new TextEncoder();

/** Parses the files given as text (or bytes). Throws PolisFormatError naming the file and line of the first problem. */
export function parsePolisExportData(
  files: { readonly [F in keyof PolisExportFiles]: PolisExportFiles[F] | Uint8Array },
  options: PolisReadOptions = {},
): PolisExportData {
  const assembly = new PolisExportAssembly({ votes: files["votes.csv"] !== undefined, participantsVotes: files["participants-votes.csv"] !== undefined }, options);
  for (const file of assembly.files()) {
    const input = assembly.input(file);
    const content = files[file]!;
    input.push(typeof content === "string" ? encoder.encode(content) : content);
    input.finish();
  }
  return assembly.result();
}

/** The export as plain objects (small exports, tests, writing back). */
export function polisExportObjects(data: PolisExportData): PolisExport {
  return {
    votes: voteObjects(data.votes),
    comments: data.comments,
    participantsVotes:
      data.participants === null
        ? { commentIds: [], rows: [] }
        : participantsVotesObjects({ commentIds: data.participants.commentIds, rows: data.participants.rows, votes: data.matrix }),
    summary: data.summary,
  };
}

/** Parses the files into objects. Throws PolisFormatError naming the file and line of the first problem. */
export function parsePolisExport(files: PolisExportFiles): PolisExport {
  return polisExportObjects(parsePolisExportData(files, { keepDatetime: true, keepMatrix: true }));
}

export function formatPolisExport(data: PolisExport): Required<PolisExportFiles> {
  return {
    "votes.csv": formatVotesCsv(data.votes),
    "comments.csv": formatCommentsCsv(data.comments),
    "participants-votes.csv": formatParticipantsVotesCsv(data.participantsVotes),
    "summary.csv": formatSummaryCsv(data.summary),
  };
}

export { PolisFormatError };
