-- CreateTable
CREATE TABLE "User" (
    "id" BIGINT NOT NULL,
    "language" TEXT NOT NULL,
    "consentAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'registering',
    "step" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "draftBuilding" TEXT,
    "draftCode" TEXT,
    "unitId" INTEGER,
    "relation" TEXT,
    "areaCenti" INTEGER,
    "verifiedAt" TIMESTAMP(3),
    "verifiedBy" BIGINT,
    "remindersMuted" BOOLEAN NOT NULL DEFAULT false,
    "unreachableAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "building" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "areaCenti" INTEGER,
    "inviteCode" TEXT NOT NULL,
    "codeClaimedById" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleGrant" (
    "userId" BIGINT NOT NULL,
    "role" TEXT NOT NULL,
    "grantedBy" BIGINT,
    "grantedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoleGrant_pkey" PRIMARY KEY ("userId","role")
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

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_codeClaimedById_fkey" FOREIGN KEY ("codeClaimedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
