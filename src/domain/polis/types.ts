// The four files of a Pol.is open-data export, as values. Votes use Pol.is's
// export coding: 1 agree, −1 disagree, 0 pass (the math flips agree to −1 inside).

export type PolisVoteValue = -1 | 0 | 1;

/** A row of votes.csv. */
export interface PolisVote {
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
  /** Human-readable time as Pol.is wrote it; kept as text. */
  readonly datetime: string;
  readonly commentId: number;
  readonly voterId: number;
  readonly vote: PolisVoteValue;
}

/** moderated: −1 rejected (out of the analysis), 0 not moderated, 1 accepted. */
export type PolisModeration = -1 | 0 | 1;

/** A row of comments.csv. */
export interface PolisComment {
  readonly timestamp: number;
  readonly datetime: string;
  readonly commentId: number;
  readonly authorId: number;
  readonly agrees: number;
  readonly disagrees: number;
  readonly moderated: PolisModeration;
  readonly body: string;
  /** Current exports (2022 on): a meta statement (about the participant, not an opinion). */
  readonly isMeta?: boolean;
  /** Current exports: a seed statement, written by the moderators. */
  readonly isSeed?: boolean;
  /** Current exports: Pol.is's own group-informed consensus of the statement (absent when the cell is empty). */
  readonly groupInformedConsensus?: number;
}

/** A row of participants-votes.csv. */
export interface PolisParticipantRow extends PolisParticipantInfo {
  /** comment-id → vote, only for the comments the participant voted on. */
  readonly votes: ReadonlyMap<number, PolisVoteValue>;
}

/** A row of participants-votes.csv without its vote cells. */
export interface PolisParticipantInfo {
  readonly participant: number;
  /** Current exports: the participant's external id (kept only when not empty). */
  readonly xid?: string;
  /** The opinion group Pol.is assigned; null when not clustered. */
  readonly groupId: number | null;
  readonly nComments: number;
  readonly nVotes: number;
  readonly nAgree: number;
  readonly nDisagree: number;
}

/** participants-votes.csv: the rows and the comment-id columns in file order. */
export interface PolisParticipantsVotes {
  readonly commentIds: number[];
  readonly rows: PolisParticipantRow[];
}

/** summary.csv: key/value lines in file order (topic, url, views, voters, …, conversation-description). */
export interface PolisSummary {
  readonly entries: [key: string, value: string][];
}

export interface PolisExport {
  readonly votes: PolisVote[];
  readonly comments: PolisComment[];
  readonly participantsVotes: PolisParticipantsVotes;
  readonly summary: PolisSummary;
}

/**
 * The text of the files, by file name. votes.csv may be absent (some published
 * exports ship only the matrix), participants-votes.csv too when votes.csv is there.
 */
export interface PolisExportFiles {
  readonly "votes.csv"?: string;
  readonly "comments.csv": string;
  readonly "participants-votes.csv"?: string;
  readonly "summary.csv": string;
}

/**
 * Votes as columns (one index per vote), so two million of them cost 17 bytes each
 * instead of an object each. Pol.is coding: 1 agree, −1 disagree, 0 pass.
 */
export interface PolisVoteColumns {
  readonly length: number;
  readonly voterId: Int32Array;
  readonly commentId: Int32Array;
  readonly vote: Int8Array;
  /** Milliseconds since the epoch; null when the votes come from participants-votes.csv (no times there). */
  readonly timestamp: Float64Array | null;
  /** votes.csv's datetime text, kept only when asked for (see PolisReadOptions). */
  readonly datetime: string[] | null;
}

/** Something the reader did that the person should know, though nothing is wrong. */
export type PolisNote =
  | { readonly kind: "ignored-columns"; readonly file: PolisFileName; readonly columns: readonly string[] }
  | { readonly kind: "votes-from-matrix"; readonly votes: number };

/** A whole export as read for analysis or import (big exports stay columnar). */
export interface PolisExportData {
  readonly comments: PolisComment[];
  /** The votes that count: the latest per voter × comment, in file order. */
  readonly votes: PolisVoteColumns;
  readonly votesSource: "votes.csv" | "participants-votes.csv";
  /** participants-votes.csv without its cells; null when the file is absent. */
  readonly participants: { readonly commentIds: number[]; readonly rows: PolisParticipantInfo[] } | null;
  /** participants-votes.csv's cells as votes (voter = participant), when kept. */
  readonly matrix: PolisVoteColumns | null;
  readonly summary: PolisSummary;
  readonly notes: PolisNote[];
}

export interface PolisReadOptions {
  /** Keep votes.csv's datetime text (for writing the export back). Default false. */
  readonly keepDatetime?: boolean;
  /** Keep participants-votes.csv's cells even when votes.csv is there. Default false. */
  readonly keepMatrix?: boolean;
}

export const POLIS_FILES = ["votes.csv", "comments.csv", "participants-votes.csv", "summary.csv"] as const;
export type PolisFileName = (typeof POLIS_FILES)[number];
