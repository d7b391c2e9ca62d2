-- CreateTable
CREATE TABLE "ProcessedUpdate" (
    "updateId" BIGINT NOT NULL PRIMARY KEY,
    "state" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ProcessedUpdate_startedAt_idx" ON "ProcessedUpdate"("startedAt");
