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
}

/** A row of participants-votes.csv. */
export interface PolisParticipantRow {
  readonly participant: number;
  /** The opinion group Pol.is assigned; null when not clustered. */
  readonly groupId: number | null;
  readonly nComments: number;
  readonly nVotes: number;
  readonly nAgree: number;
  readonly nDisagree: number;
  /** comment-id → vote, only for the comments the participant voted on. */
  readonly votes: ReadonlyMap<number, PolisVoteValue>;
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

/** The text of the four files, by file name. */
export interface PolisExportFiles {
  readonly "votes.csv": string;
  readonly "comments.csv": string;
  readonly "participants-votes.csv": string;
  readonly "summary.csv": string;
}

export const POLIS_FILES = ["votes.csv", "comments.csv", "participants-votes.csv", "summary.csv"] as const;
export type PolisFileName = (typeof POLIS_FILES)[number];
