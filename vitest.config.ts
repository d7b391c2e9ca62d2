import { defineConfig } from "vitest/config";

// Domain tests are pure and run once; everything that touches storage runs
// twice, once per database provider, so both stay first-class.
const storage = ["tests/db/**/*.test.ts", "tests/app/**/*.test.ts", "tests/bot/**/*.test.ts", "tests/cli/**/*.test.ts"];
// A test fails if the fake Telegram refused anything the bot sent (tests/support/strictTelegram.ts).
const setupFiles = ["tests/support/strictTelegram.ts"];

export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["tests/domain/**/*.test.ts", "tests/unit/**/*.test.ts", "tests/emulator/**/*.test.ts", "tests/render/**/*.test.ts"] } },
      { test: { name: "sqlite", include: storage, setupFiles, env: { TEST_DB: "sqlite" }, testTimeout: 30_000, hookTimeout: 60_000 } },
      { test: { name: "postgres", include: storage, setupFiles, env: { TEST_DB: "postgres" }, testTimeout: 30_000, hookTimeout: 60_000 } },
      // npm run demo in Chromium (Debian's, through playwright-core); .ci/run installs it when missing.
      { test: { name: "browser", include: ["tests/browser/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 120_000 } },
    ],
  },
});
