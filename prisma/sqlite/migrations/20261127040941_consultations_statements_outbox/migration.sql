-- CreateTable
CREATE TABLE "Consultation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "titleZh" TEXT,
    "titleEn" TEXT,
    "descriptionZh" TEXT,
    "descriptionEn" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "audienceBuildings" TEXT,
    "opensAt" DATETIME,
    "closesAt" DATETIME NOT NULL,
    "openedAt" DATETIME,
    "closedAt" DATETIME,
    "residentStatements" BOOLEAN NOT NULL DEFAULT false,
    "moderated" BOOLEAN NOT NULL DEFAULT true,
    "remindersQueuedAt" DATETIME,
    "publishedAt" DATETIME,
    "createdBy" BIGINT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Poll" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "consultationId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "result" TEXT,
    CONSTRAINT "Poll_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Ballot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "pollId" INTEGER NOT NULL,
    "voterKey" TEXT NOT NULL,
    "voterId" BIGINT,
    "unitId" INTEGER,
    "choice" TEXT NOT NULL,
    "castAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Ballot_pollId_fkey" FOREIGN KEY ("pollId") REFERENCES "Poll" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Statement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "moderatedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Statement_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StatementVote" (
    "statementId" INTEGER NOT NULL,
    "participant" TEXT NOT NULL,
    "voterId" BIGINT,
    "vote" INTEGER NOT NULL,
    "votedAt" DATETIME NOT NULL,

    PRIMARY KEY ("statementId", "participant"),
    CONSTRAINT "StatementVote_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AnalysisCache" (
    "consultationId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "computedAt" DATETIME NOT NULL,
    "voteCount" INTEGER NOT NULL,
    "data" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ChatState" (
    "userId" BIGINT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "batch" TEXT NOT NULL,
    "chatId" BIGINT NOT NULL,
    "text" TEXT NOT NULL,
    "keyboard" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" DATETIME NOT NULL,
    "sentAt" DATETIME,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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
