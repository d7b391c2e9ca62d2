// Votes as typed-array columns (no object per vote): what the report builder
// hands the engine for two million statement votes. The participants are
// numbered by the canonical order of their ids (compareIds), so analysing the
// columns is the same computation, to the bit, as analysing the vote objects:
// the engine orders participants by id, and the numbers keep that order.

import { compareIds } from "./ids.js";
import type { ConversationVote, ParticipantId, VoteValue } from "./types.js";

export interface VoteColumns {
  readonly length: number;
  /** The participant's rank among all participants' ids in canonical order (0, 1, …). */
  readonly participantId: Int32Array;
  readonly statementId: Int32Array;
  /** Pol.is's export coding: 1 agree, −1 disagree, 0 pass. */
  readonly vote: Int8Array;
}

export const VOTE_CODE: Readonly<Record<VoteValue, 1 | -1 | 0>> = { agree: 1, disagree: -1, pass: 0 };

/** Each distinct id's rank in canonical order. */
export function canonicalRanks<P extends ParticipantId>(ids: Iterable<P>): Map<P, number> {
  const sorted = [...new Set(ids)].sort(compareIds);
  return new Map(sorted.map((id, rank) => [id, rank] as const));
}

/** The columns of vote objects, in the same order (small inputs and tests; the database builds them directly). */
export function voteColumnsOf<P extends ParticipantId>(votes: readonly ConversationVote<P, number>[]): VoteColumns {
  const rank = canonicalRanks(votes.map((v) => v.participantId));
  const participantId = new Int32Array(votes.length);
  const statementId = new Int32Array(votes.length);
  const vote = new Int8Array(votes.length);
  votes.forEach((v, i) => {
    participantId[i] = rank.get(v.participantId)!;
    statementId[i] = v.statementId;
    vote[i] = VOTE_CODE[v.vote];
  });
  return { length: votes.length, participantId, statementId, vote };
}

/** Columns that grow as votes are appended (the reader does not know the count beforehand). */
export class VoteColumnsBuilder {
  private participants = new Int32Array(1024);
  private statements = new Int32Array(1024);
  private votes = new Int8Array(1024);
  private size = 0;

  push(participant: number, statement: number, vote: 1 | -1 | 0): void {
    if (this.size === this.votes.length) {
      const grow = <T extends Int32Array | Int8Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.participants = grow(this.participants, (n) => new Int32Array(n));
      this.statements = grow(this.statements, (n) => new Int32Array(n));
      this.votes = grow(this.votes, (n) => new Int8Array(n));
    }
    this.participants[this.size] = participant;
    this.statements[this.size] = statement;
    this.votes[this.size] = vote;
    this.size++;
  }

  /** The columns, trimmed to their length (copied once, so the slack is freed). */
  build(): VoteColumns {
    const n = this.size;
    return { length: n, participantId: this.participants.slice(0, n), statementId: this.statements.slice(0, n), vote: this.votes.slice(0, n) };
  }
}
