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

export function plantedConversation(options: PlantedOptions): PlantedConversation {
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
  const votes: ConversationVote<number, number>[] = [];
  for (let p = 0; p < options.participants; p++) {
    let target = random() * totalShare;
    let g = 0;
    while (g < G - 1 && target >= options.groupShares[g]!) target -= options.groupShares[g++]!;
    plantedGroup[p] = g;
    for (let s = 0; s < S; s++) {
      if (random() >= options.density) continue;
      const r = random();
      const agreeLean = lean[g * S + s] === 1;
      const vote: VoteValue = r < loyalty ? (agreeLean ? "agree" : "disagree") : r < loyalty + (1 - loyalty) / 2 ? (agreeLean ? "disagree" : "agree") : "pass";
      votes.push({ participantId: p, statementId: s, vote });
    }
  }
  return {
    input: { statements: Array.from({ length: S }, (_, id) => ({ id })), votes },
    plantedGroup,
  };
}
