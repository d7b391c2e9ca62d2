// A synthetic conversation with planted opinion groups, seeded so every run is
// the same: each group leans agree or disagree on each statement, and each
// participant votes on a random share of the statements.

import { createSeededRandom } from "../../src/domain/consensus/random.js";
import type { ConversationInput, ConversationVote, VoteValue } from "../../src/domain/consensus/types.js";

export interface PlantedConversation {
  readonly input: ConversationInput<number, number>;
  /** Planted group of each participant id (ids are 0 … participants − 1). */
  readonly plantedGroup: Int32Array;
}

export interface PlantedOptions {
  readonly participants: number;
  readonly statements: number;
  /** Share of statements each participant votes on. */
  readonly density: number;
  /** Relative sizes of the planted groups. */
  readonly groupShares: readonly number[];
  /** Probability of voting with the group's lean (else against it or pass). */
  readonly loyalty?: number;
  /** Share of statements on which the groups' leans are drawn separately (default 0.3). */
  readonly divisive?: number;
  readonly seed?: number;
}

/**
 * The votes one by one, participant after participant, each one's statements in
 * increasing order, as `emit(participant, statement, vote)`; returns the planted groups.
 */
function plantVotes(options: PlantedOptions, emit: (participant: number, statement: number, vote: VoteValue) => void): Int32Array {
  const random = createSeededRandom(options.seed ?? 7);
  const G = options.groupShares.length;
  const S = options.statements;
  const loyalty = options.loyalty ?? 0.75;
  // lean[g·S + s]: true = the group tends to agree.
  // Most statements are shared ground (every group leans the same way); only a
  // `divisive` share splits the groups, as in real conversations.
  const lean = new Uint8Array(G * S);
  const divisive = options.divisive ?? 0.3;
  for (let s = 0; s < S; s++) {
    const shared = random() < 0.5 ? 1 : 0;
    const split = random() < divisive;
    for (let g = 0; g < G; g++) lean[g * S + s] = split ? (random() < 0.5 ? 1 : 0) : shared;
  }
  const totalShare = options.groupShares.reduce((a, b) => a + b, 0);
  const plantedGroup = new Int32Array(options.participants);
  for (let p = 0; p < options.participants; p++) {
    let target = random() * totalShare;
    let g = 0;
    while (g < G - 1 && target >= options.groupShares[g]!) target -= options.groupShares[g++]!;
    plantedGroup[p] = g;
    for (let s = 0; s < S; s++) {
      if (random() >= options.density) continue;
      const r = random();
      const agreeLean = lean[g * S + s] === 1;
      emit(p, s, r < loyalty ? (agreeLean ? "agree" : "disagree") : r < loyalty + (1 - loyalty) / 2 ? (agreeLean ? "disagree" : "agree") : "pass");
    }
  }
  return plantedGroup;
}

export function plantedConversation(options: PlantedOptions): PlantedConversation {
  const votes: ConversationVote<number, number>[] = [];
  const plantedGroup = plantVotes(options, (participantId, statementId, vote) => votes.push({ participantId, statementId, vote }));
  return {
    input: { statements: Array.from({ length: options.statements }, (_, id) => ({ id })), votes },
    plantedGroup,
  };
}

/** The same conversation's votes (same seed, same order) as bare columns — participant, statement (ids from 0), Pol.is code 1/−1/0 — with no object per vote. */
export function plantedVoteColumns(options: PlantedOptions): { readonly participant: Int32Array; readonly statement: Int32Array; readonly vote: Int8Array } {
  let participant = new Int32Array(1 << 16);
  let statement = new Int32Array(1 << 16);
  let vote = new Int8Array(1 << 16);
  let n = 0;
  plantVotes(options, (p, s, v) => {
    if (n === vote.length) {
      const grow = <T extends Int32Array | Int8Array>(a: T, b: T): T => (b.set(a), b);
      participant = grow(participant, new Int32Array(2 * n));
      statement = grow(statement, new Int32Array(2 * n));
      vote = grow(vote, new Int8Array(2 * n));
    }
    participant[n] = p;
    statement[n] = s;
    vote[n++] = v === "agree" ? 1 : v === "disagree" ? -1 : 0;
  });
  return { participant: participant.slice(0, n), statement: statement.slice(0, n), vote: vote.slice(0, n) };
}
