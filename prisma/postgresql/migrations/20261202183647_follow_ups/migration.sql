-- CreateTable
CREATE TABLE "FollowUpAction" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastNote" TEXT,
    "doneAt" TIMESTAMP(3),
    "revision" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "FollowUpAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUpUpdate" (
    "id" SERIAL NOT NULL,
    "actionId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT,
    "progress" INTEGER,
    "note" TEXT,

    CONSTRAINT "FollowUpUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Observation" (
    "id" SERIAL NOT NULL,
    "actionId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actor" BIGINT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "Observation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DigestRun" (
    "day" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "recipients" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DigestRun_pkey" PRIMARY KEY ("day")
);

-- CreateIndex
CREATE INDEX "FollowUpAction_consultationId_idx" ON "FollowUpAction"("consultationId");

-- CreateIndex
CREATE INDEX "FollowUpAction_status_due_idx" ON "FollowUpAction"("status", "due");

-- CreateIndex
CREATE INDEX "FollowUpUpdate_actionId_at_idx" ON "FollowUpUpdate"("actionId", "at");

-- CreateIndex
CREATE INDEX "Observation_actionId_at_idx" ON "Observation"("actionId", "at");

-- AddForeignKey
ALTER TABLE "FollowUpUpdate" ADD CONSTRAINT "FollowUpUpdate_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "FollowUpAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "FollowUpAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;
