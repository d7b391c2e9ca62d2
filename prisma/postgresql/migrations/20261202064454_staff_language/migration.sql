-- CreateTable
CREATE TABLE "StaffLanguage" (
    "userId" BIGINT NOT NULL,
    "chosen" TEXT,
    "telegramCode" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffLanguage_pkey" PRIMARY KEY ("userId")
);
