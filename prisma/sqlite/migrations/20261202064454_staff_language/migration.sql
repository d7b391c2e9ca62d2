-- CreateTable
CREATE TABLE "StaffLanguage" (
    "userId" BIGINT NOT NULL PRIMARY KEY,
    "chosen" TEXT,
    "telegramCode" TEXT,
    "updatedAt" DATETIME NOT NULL
);
