-- CreateTable
CREATE TABLE "ReportAnswer" (
    "id" SERIAL NOT NULL,
    "consultationId" INTEGER NOT NULL,
    "reportVersion" INTEGER NOT NULL,
    "textZh" TEXT,
    "textEn" TEXT,
    "translated" TEXT,
    "fileId" TEXT,
    "fileKind" TEXT,
    "answeredBy" BIGINT NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'awaiting',
    "returnNote" TEXT,
    "returnedBy" BIGINT,
    "returnedAt" TIMESTAMP(3),
    "relayedBy" BIGINT,
    "relayedAt" TIMESTAMP(3),
    "relayScope" TEXT,
    "relayedTo" INTEGER,

    CONSTRAINT "ReportAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportAnswer_consultationId_reportVersion_idx" ON "ReportAnswer"("consultationId", "reportVersion");

-- CreateIndex
CREATE INDEX "ReportAnswer_status_idx" ON "ReportAnswer"("status");
