// From a Pol.is export to the consensus engine's input: comments are statements
// (moderated −1 left out; is-seed marks seeds), voter-id and comment-id stay the ids.

import type { VoteColumnsInput } from "../consensus/analyze.js";
import type { ConversationInput, ConversationStatement, ConversationVote, VoteValue } from "../consensus/types.js";
import type { PolisComment, PolisExportData, PolisVote, PolisVoteValue } from "./types.js";

const VOTE: Record<PolisVoteValue, VoteValue> = { 1: "agree", [-1]: "disagree", 0: "pass" };

export function polisVoteValue(vote: PolisVoteValue): VoteValue {
  return VOTE[vote];
}

export function toPolisVoteValue(vote: VoteValue): PolisVoteValue {
  return vote === "agree" ? 1 : vote === "disagree" ? -1 : 0;
}

function statementsOf(comments: readonly PolisComment[]): ConversationStatement<number>[] {
  return comments.map((c) => ({ id: c.commentId, moderatedOut: c.moderated === -1, ...(c.isSeed === true ? { seed: true } : {}) }));
}

/** `votes` should already be one per voter × comment (as parsePolisExport returns them). */
export function polisConversationInput(data: {
  readonly votes: readonly PolisVote[];
  readonly comments: readonly PolisComment[];
}): ConversationInput<number, number> {
  return {
    statements: statementsOf(data.comments),
    votes: data.votes.map((v): ConversationVote<number, number> => ({ participantId: v.voterId, statementId: v.commentId, vote: VOTE[v.vote] })),
  };
}

/** The columnar input for analyzeVoteColumns: no object per vote. */
export function polisVoteColumnsInput(data: PolisExportData): VoteColumnsInput {
  return {
    statements: statementsOf(data.comments),
    votes: { length: data.votes.length, participantId: data.votes.voterId, statementId: data.votes.commentId, vote: data.votes.vote },
  };
}
