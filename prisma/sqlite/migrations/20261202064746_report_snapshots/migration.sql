-- CreateTable
CREATE TABLE "ReportSnapshot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "consultationId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "submittedBy" BIGINT NOT NULL,
    "engineVersion" TEXT NOT NULL,
    "parameters" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "titleZh" TEXT,
    "titleEn" TEXT,
    "eligible" INTEGER,
    "tookPart" INTEGER,
    CONSTRAINT "ReportSnapshot_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportRead" (
    "snapshotId" INTEGER NOT NULL,
    "userId" BIGINT NOT NULL,
    "readAt" DATETIME NOT NULL,

    PRIMARY KEY ("snapshotId", "userId"),
    CONSTRAINT "ReportRead_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "ReportSnapshot" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReportSnapshot_createdAt_idx" ON "ReportSnapshot"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReportSnapshot_consultationId_version_key" ON "ReportSnapshot"("consultationId", "version");
