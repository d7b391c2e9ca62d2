-- DropIndex
DROP INDEX "StatementVote_participant_idx";

-- CreateIndex
CREATE INDEX "StatementVote_participant_statementId_vote_idx" ON "StatementVote"("participant", "statementId", "vote");
