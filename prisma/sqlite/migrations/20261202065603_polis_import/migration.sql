-- CreateTable
CREATE TABLE "PolisImport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "exportSha256" TEXT NOT NULL,
    "consultationId" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "statements" INTEGER NOT NULL,
    "participants" INTEGER NOT NULL,
    "votes" INTEGER NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "PolisImport_exportSha256_key" ON "PolisImport"("exportSha256");

-- CreateIndex
CREATE UNIQUE INDEX "PolisImport_consultationId_key" ON "PolisImport"("consultationId");
