-- CreateTable
CREATE TABLE "PolisImport" (
    "id" SERIAL NOT NULL,
    "exportSha256" TEXT NOT NULL,
    "consultationId" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "statements" INTEGER NOT NULL,
    "participants" INTEGER NOT NULL,
    "votes" INTEGER NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PolisImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PolisImport_exportSha256_key" ON "PolisImport"("exportSha256");

-- CreateIndex
CREATE UNIQUE INDEX "PolisImport_consultationId_key" ON "PolisImport"("consultationId");
