// participants-votes.csv: participant, (current exports: xid,) group-id, n-comments,
// n-votes, n-agree, n-disagree, then one column per comment-id holding that
// participant's vote (empty: none). Known columns are read by name, columns named
// by a number are votes, any other column is ignored (and reported once as a note).
// Read as a stream of bytes: the cells go straight into columns.

import { fieldText, formatCsv, type CsvSink } from "../text/csv.js";
import { PolisFormatError } from "./errors.js";
import { cellText, integerProblem, isBlank, isIntegerName, parseIntegerBytes, parseVoteBytes, PolisCsvInput, readHeader, requireColumns, unknownColumns } from "./fields.js";
import type { PolisComment, PolisNote, PolisParticipantInfo, PolisParticipantRow, PolisParticipantsVotes, PolisVote, PolisVoteColumns, PolisVoteValue } from "./types.js";
import { VoteColumnsBuilder } from "./voteColumns.js";

const FILE = "participants-votes.csv";
const FIXED = ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"] as const;
const KNOWN: readonly string[] = [...FIXED, "xid"];

/** What a column holds. */
const enum Kind {
  Ignored = 0,
  Participant = 1,
  Xid = 2,
  Group = 3,
  NComments = 4,
  NVotes = 5,
  NAgree = 6,
  NDisagree = 7,
  Vote = 8,
}

export interface ParticipantsVotesReadOptions {
  /** Comment ids of comments.csv: a vote column naming another id is refused. */
  readonly knownComments?: ReadonlySet<number>;
  /** Keep the vote cells (as votes, voter = participant); otherwise they are only checked. */
  readonly keepVotes?: boolean;
  readonly notes?: PolisNote[];
}

export interface ParticipantsVotesTable {
  readonly commentIds: number[];
  readonly rows: PolisParticipantInfo[];
  /** The cells as votes, row by row, in column order; null unless kept. */
  readonly votes: PolisVoteColumns | null;
}

class ParticipantsSink implements CsvSink {
  private headerNames: string[] | null = [];
  private kinds: Uint8Array = new Uint8Array(0);
  /** Comment id of each vote column (−1 elsewhere). */
  private commentOf: Int32Array = new Int32Array(0);
  private commentIds: number[] = [];
  private col = 0;
  private readonly rows: PolisParticipantInfo[] = [];
  private readonly builder: VoteColumnsBuilder | null;
  private readonly seen = new Set<number>();
  // The row being read.
  private values = new Float64Array(8);
  private xid = "";
  private problem: string | null = null;
  private rowStart = 0;
  private required = 0;

  constructor(private readonly options: ParticipantsVotesReadOptions) {
    this.builder = options.keepVotes === true ? new VoteColumnsBuilder({ timestamps: false, datetimes: false }) : null;
  }

  field(bytes: Uint8Array, start: number, end: number, escaped: boolean): void {
    const c = this.col++;
    if (this.headerNames !== null) {
      this.headerNames.push(fieldText(bytes, start, end, escaped));
      return;
    }
    if (this.problem !== null || c >= this.kinds.length) return;
    const kind = this.kinds[c]!;
    if (kind === Kind.Vote) {
      if (start === end || isBlank(bytes, start, end)) return;
      const v = parseVoteBytes(bytes, start, end);
      if (Number.isNaN(v)) {
        this.problem = `vote on comment ${this.commentOf[c]} "${cellText(bytes, start, end, escaped)}" is not a vote (-1, 0 or 1)`;
        return;
      }
      // The participant id is not known yet when it comes later: patch at the end of the row.
      this.builder?.add(0, this.commentOf[c]!, v);
    } else if (kind === Kind.Xid) {
      this.xid = fieldText(bytes, start, end, escaped).trim();
    } else if (kind === Kind.Group) {
      if (isBlank(bytes, start, end)) this.values[Kind.Group] = NaN;
      else {
        const g = parseIntegerBytes(bytes, start, end);
        if (Number.isNaN(g)) this.problem = `group-id "${cellText(bytes, start, end, escaped)}" is not an integer`;
        this.values[Kind.Group] = g;
      }
    } else if (kind !== Kind.Ignored) {
      const v = parseIntegerBytes(bytes, start, end);
      if (Number.isNaN(v)) this.problem = integerProblem(FIXED[kind === Kind.Participant ? 0 : kind - 2]!, cellText(bytes, start, end, escaped));
      this.values[kind] = v;
    }
  }

  endRecord(line: number): void {
    const columns = this.col;
    this.col = 0;
    if (this.headerNames !== null) return this.readHeader(line);
    if (this.problem === null && columns < this.required) {
      const name = FIXED.find((n) => n !== "group-id" && this.kinds.indexOf(kindOf(n)) >= columns) ?? "participant";
      this.problem = `${name} "" is not an integer`;
    }
    if (this.problem !== null) {
      const problem = this.problem;
      this.problem = null;
      throw new PolisFormatError(FILE, line, problem);
    }
    const participant = this.values[Kind.Participant]!;
    if (this.seen.has(participant)) throw new PolisFormatError(FILE, line, `participant ${participant} appears twice`);
    this.seen.add(participant);
    const group = this.values[Kind.Group]!;
    this.rows.push({
      participant,
      ...(this.xid === "" ? {} : { xid: this.xid }),
      groupId: Number.isNaN(group) ? null : group,
      nComments: this.values[Kind.NComments]!,
      nVotes: this.values[Kind.NVotes]!,
      nAgree: this.values[Kind.NAgree]!,
      nDisagree: this.values[Kind.NDisagree]!,
    });
    if (this.builder !== null) {
      this.builder.setVoterFrom(this.rowStart, participant);
      this.rowStart = this.builder.length;
    }
    this.xid = "";
    this.values[Kind.Group] = NaN;
  }

  private readHeader(line: number): void {
    const header = readHeader(this.headerNames!);
    this.headerNames = null;
    requireColumns(FILE, line, header, FIXED);
    const known = this.options.knownComments;
    this.kinds = new Uint8Array(header.names.length);
    this.commentOf = new Int32Array(header.names.length).fill(-1);
    header.names.forEach((name, i) => {
      if (header.index.get(name) !== i) return; // a repeated name: the first one counts
      if (isIntegerName(name) && !KNOWN.includes(name)) {
        const id = Number(name);
        if (!Number.isSafeInteger(id) || Math.abs(id) > 2147483647) throw new PolisFormatError(FILE, line, `column "${name}" is not a comment-id`);
        if (known !== undefined && !known.has(id)) throw new PolisFormatError(FILE, line, `column "${name}" names comment ${id}, which is not in comments.csv`);
        this.kinds[i] = Kind.Vote;
        this.commentOf[i] = id;
        this.commentIds.push(id);
      } else this.kinds[i] = kindOf(name);
    });
    this.required = Math.max(...FIXED.filter((n) => n !== "group-id").map((n) => header.index.get(n)!)) + 1;
    const ignored = unknownColumns(header, KNOWN, true);
    if (ignored.length > 0) this.options.notes?.push({ kind: "ignored-columns", file: FILE, columns: ignored });
  }

  table(): ParticipantsVotesTable {
    if (this.headerNames !== null) throw new PolisFormatError(FILE, 1, "the file is empty (no header line)");
    return { commentIds: this.commentIds, rows: this.rows, votes: this.builder?.build() ?? null };
  }
}

function kindOf(name: string): Kind {
  switch (name) {
    case "participant":
      return Kind.Participant;
    case "xid":
      return Kind.Xid;
    case "group-id":
      return Kind.Group;
    case "n-comments":
      return Kind.NComments;
    case "n-votes":
      return Kind.NVotes;
    case "n-agree":
      return Kind.NAgree;
    case "n-disagree":
      return Kind.NDisagree;
    default:
      return Kind.Ignored;
  }
}

/** participants-votes.csv fed in chunks. */
export class ParticipantsVotesCsvReader {
  private readonly sink: ParticipantsSink;
  private readonly input: PolisCsvInput;
  constructor(options: ParticipantsVotesReadOptions = {}) {
    this.sink = new ParticipantsSink(options);
    this.input = new PolisCsvInput(FILE, this.sink);
  }
  push(chunk: Uint8Array): void {
    this.input.push(chunk);
  }
  end(): ParticipantsVotesTable {
    this.input.end();
    return this.sink.table();
  }
}

const encoder = new TextEncoder();

export function parseParticipantsVotesTable(text: string | Uint8Array, options: ParticipantsVotesReadOptions = {}): ParticipantsVotesTable {
  const reader = new ParticipantsVotesCsvReader(options);
  reader.push(typeof text === "string" ? encoder.encode(text) : text);
  return reader.end();
}

/** Rows with their votes as maps (for small exports and tests). */
export function participantsVotesObjects(table: ParticipantsVotesTable): PolisParticipantsVotes {
  const byParticipant = new Map<number, Map<number, PolisVoteValue>>();
  const v = table.votes;
  if (v !== null) {
    for (let i = 0; i < v.length; i++) {
      let m = byParticipant.get(v.voterId[i]!);
      if (m === undefined) byParticipant.set(v.voterId[i]!, (m = new Map()));
      m.set(v.commentId[i]!, v.vote[i]! as PolisVoteValue);
    }
  }
  return {
    commentIds: table.commentIds,
    rows: table.rows.map((r): PolisParticipantRow => ({ ...r, votes: byParticipant.get(r.participant) ?? new Map() })),
  };
}

export function parseParticipantsVotesCsv(text: string | Uint8Array, notes?: PolisNote[]): PolisParticipantsVotes {
  return participantsVotesObjects(parseParticipantsVotesTable(text, { keepVotes: true, ...(notes === undefined ? {} : { notes }) }));
}

export function formatParticipantsVotesCsv(data: PolisParticipantsVotes): string {
  const withXid = data.rows.some((r) => r.xid !== undefined);
  const fixed = withXid ? ["participant", "xid", ...FIXED.slice(1)] : [...FIXED];
  return formatCsv(
    [
      [...fixed, ...data.commentIds.map(String)],
      ...data.rows.map((r) => [
        String(r.participant),
        ...(withXid ? [r.xid ?? ""] : []),
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
    ],
    "\n",
  );
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
