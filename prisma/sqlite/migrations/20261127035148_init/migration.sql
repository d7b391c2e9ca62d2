-- CreateTable
CREATE TABLE "User" (
    "id" BIGINT NOT NULL PRIMARY KEY,
    "language" TEXT NOT NULL,
    "consentAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'registering',
    "step" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "draftBuilding" TEXT,
    "draftCode" TEXT,
    "unitId" INTEGER,
    "relation" TEXT,
    "areaCenti" INTEGER,
    "verifiedAt" DATETIME,
    "verifiedBy" BIGINT,
    "remindersMuted" BOOLEAN NOT NULL DEFAULT false,
    "unreachableAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "building" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "areaCenti" INTEGER,
    "inviteCode" TEXT NOT NULL,
    "codeClaimedById" BIGINT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Unit_codeClaimedById_fkey" FOREIGN KEY ("codeClaimedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoleGrant" (
    "userId" BIGINT NOT NULL,
    "role" TEXT NOT NULL,
    "grantedBy" BIGINT,
    "grantedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("userId", "role")
);

-- CreateIndex
CREATE INDEX "User_status_idx" ON "User"("status");

-- CreateIndex
CREATE INDEX "User_unitId_idx" ON "User"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_inviteCode_key" ON "Unit"("inviteCode");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_codeClaimedById_key" ON "Unit"("codeClaimedById");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_building_number_key" ON "Unit"("building", "number");
