-- CreateTable
CREATE TABLE "FollowUpAction" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "consultationId" INTEGER NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "whatZh" TEXT,
    "whatEn" TEXT,
    "due" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "dropReason" TEXT,
    "pollIds" TEXT NOT NULL,
    "statementIds" TEXT NOT NULL,
    "createdBy" BIGINT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "lastNote" TEXT,
    "doneAt" DATETIME,
    "revision" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "FollowUpUpdate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "actionId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "actor" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT,
    "progress" INTEGER,
    "note" TEXT,
    CONSTRAINT "FollowUpUpdate_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "FollowUpAction" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Observation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "actionId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "actor" BIGINT NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "Observation_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "FollowUpAction" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DigestRun" (
    "day" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL,
    "recipients" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "FollowUpAction_consultationId_idx" ON "FollowUpAction"("consultationId");

-- CreateIndex
CREATE INDEX "FollowUpAction_status_due_idx" ON "FollowUpAction"("status", "due");

-- CreateIndex
CREATE INDEX "FollowUpUpdate_actionId_at_idx" ON "FollowUpUpdate"("actionId", "at");

-- CreateIndex
CREATE INDEX "Observation_actionId_at_idx" ON "Observation"("actionId", "at");
