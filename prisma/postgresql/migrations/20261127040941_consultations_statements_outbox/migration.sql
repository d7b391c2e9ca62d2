-- CreateTable
CREATE TABLE "Consultation" (
    "id" SERIAL NOT NULL,
    "titleZh" TEXT,
    "titleEn" TEXT,
    "descriptionZh" TEXT,
    "descriptionEn" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "audienceBuildings" TEXT,
    "opensAt" TIMESTAMP(3),
    "closesAt" TIMESTAMP(3) NOT NULL,
    "openedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "residentStatements" BOOLEAN NOT NULL DEFAULT false,
    "moderated" BOOLEAN NOT NULL DEFAULT true,
    "remindersQueuedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "createdBy" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Consultation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Poll" (
    "id" SERIAL NOT NULL,
    "consultationId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "result" TEXT,

    CONSTRAINT "Poll_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ballot" (
    "id" SERIAL NOT NULL,
    "pollId" INTEGER NOT NULL,
    "voterKey" TEXT NOT NULL,
    "voterId" BIGINT,
    "unitId" INTEGER,
    "choice" TEXT NOT NULL,
    "castAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Ballot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Statement" (
    "id" SERIAL NOT NULL,
    "consultationId" INTEGER NOT NULL,
    "authorId" BIGINT,
    "seed" BOOLEAN NOT NULL DEFAULT false,
    "textZh" TEXT,
    "textEn" TEXT,
    "originalLanguage" TEXT NOT NULL,
    "normalized" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "rejectReason" TEXT,
    "moderatedBy" BIGINT,
    "moderatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Statement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatementVote" (
    "statementId" INTEGER NOT NULL,
    "participant" TEXT NOT NULL,
    "voterId" BIGINT,
    "vote" INTEGER NOT NULL,
    "votedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatementVote_pkey" PRIMARY KEY ("statementId","participant")
);

-- CreateTable
CREATE TABLE "AnalysisCache" (
    "consultationId" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "voteCount" INTEGER NOT NULL,
    "data" TEXT NOT NULL,

    CONSTRAINT "AnalysisCache_pkey" PRIMARY KEY ("consultationId")
);

-- CreateTable
CREATE TABLE "ChatState" (
    "userId" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatState_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "batch" TEXT NOT NULL,
    "chatId" BIGINT NOT NULL,
    "text" TEXT NOT NULL,
    "keyboard" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Consultation_status_closesAt_idx" ON "Consultation"("status", "closesAt");

-- CreateIndex
CREATE UNIQUE INDEX "Poll_consultationId_position_key" ON "Poll"("consultationId", "position");

-- CreateIndex
CREATE INDEX "Ballot_voterId_idx" ON "Ballot"("voterId");

-- CreateIndex
CREATE UNIQUE INDEX "Ballot_pollId_voterKey_key" ON "Ballot"("pollId", "voterKey");

-- CreateIndex
CREATE INDEX "Statement_consultationId_status_idx" ON "Statement"("consultationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Statement_consultationId_normalized_key" ON "Statement"("consultationId", "normalized");

-- CreateIndex
CREATE INDEX "StatementVote_voterId_idx" ON "StatementVote"("voterId");

-- CreateIndex
CREATE INDEX "StatementVote_participant_idx" ON "StatementVote"("participant");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_notBefore_idx" ON "OutboxMessage"("status", "notBefore");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_batch_chatId_key" ON "OutboxMessage"("batch", "chatId");

-- AddForeignKey
ALTER TABLE "Poll" ADD CONSTRAINT "Poll_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ballot" ADD CONSTRAINT "Ballot_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementVote" ADD CONSTRAINT "StatementVote_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;
