-- CreateTable
CREATE TABLE "ReportSnapshot" (
    "id" SERIAL NOT NULL,
    "consultationId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "submittedBy" BIGINT NOT NULL,
    "engineVersion" TEXT NOT NULL,
    "parameters" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "titleZh" TEXT,
    "titleEn" TEXT,
    "eligible" INTEGER,
    "tookPart" INTEGER,

    CONSTRAINT "ReportSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportRead" (
    "snapshotId" INTEGER NOT NULL,
    "userId" BIGINT NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportRead_pkey" PRIMARY KEY ("snapshotId","userId")
);

-- CreateIndex
CREATE INDEX "ReportSnapshot_createdAt_idx" ON "ReportSnapshot"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReportSnapshot_consultationId_version_key" ON "ReportSnapshot"("consultationId", "version");

-- AddForeignKey
ALTER TABLE "ReportSnapshot" ADD CONSTRAINT "ReportSnapshot_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportRead" ADD CONSTRAINT "ReportRead_snapshotId_fkey" FOREIGN KEY ("snapshotId") REFERENCES "ReportSnapshot"("id") ON DELETE CASCADE ON UPDATE CASCADE;
