// From a Pol.is export to the consensus engine's input: comments are statements
// (moderated −1 left out), voter-id and comment-id stay the ids.

import type { ConversationInput, ConversationVote, VoteValue } from "../consensus/types.js";
import type { PolisComment, PolisVote, PolisVoteValue } from "./types.js";

const VOTE: Record<PolisVoteValue, VoteValue> = { 1: "agree", [-1]: "disagree", 0: "pass" };

export function polisVoteValue(vote: PolisVoteValue): VoteValue {
  return VOTE[vote];
}

export function toPolisVoteValue(vote: VoteValue): PolisVoteValue {
  return vote === "agree" ? 1 : vote === "disagree" ? -1 : 0;
}

/** `votes` should already be one per voter × comment (as parsePolisExport returns them). */
export function polisConversationInput(data: {
  readonly votes: readonly PolisVote[];
  readonly comments: readonly PolisComment[];
}): ConversationInput<number, number> {
  return {
    statements: data.comments.map((c) => ({ id: c.commentId, moderatedOut: c.moderated === -1 })),
    votes: data.votes.map((v): ConversationVote<number, number> => ({ participantId: v.voterId, statementId: v.commentId, vote: VOTE[v.vote] })),
  };
}
