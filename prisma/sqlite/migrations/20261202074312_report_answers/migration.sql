-- CreateTable
CREATE TABLE "ReportAnswer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "consultationId" INTEGER NOT NULL,
    "reportVersion" INTEGER NOT NULL,
    "textZh" TEXT,
    "textEn" TEXT,
    "translated" TEXT,
    "fileId" TEXT,
    "fileKind" TEXT,
    "answeredBy" BIGINT NOT NULL,
    "answeredAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'awaiting',
    "returnNote" TEXT,
    "returnedBy" BIGINT,
    "returnedAt" DATETIME,
    "relayedBy" BIGINT,
    "relayedAt" DATETIME,
    "relayScope" TEXT,
    "relayedTo" INTEGER
);

-- CreateIndex
CREATE INDEX "ReportAnswer_consultationId_reportVersion_idx" ON "ReportAnswer"("consultationId", "reportVersion");

-- CreateIndex
CREATE INDEX "ReportAnswer_status_idx" ON "ReportAnswer"("status");
