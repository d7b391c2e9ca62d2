import { defineConfig } from "vitest/config";

// Domain tests are pure and run once; everything that touches storage runs
// twice, once per database provider, so both stay first-class.
const storage = ["tests/db/**/*.test.ts", "tests/app/**/*.test.ts", "tests/bot/**/*.test.ts", "tests/cli/**/*.test.ts"];

export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["tests/domain/**/*.test.ts", "tests/unit/**/*.test.ts", "tests/render/**/*.test.ts"] } },
      { test: { name: "sqlite", include: storage, env: { TEST_DB: "sqlite" }, testTimeout: 30_000, hookTimeout: 60_000 } },
      { test: { name: "postgres", include: storage, env: { TEST_DB: "postgres" }, testTimeout: 30_000, hookTimeout: 60_000 } },
    ],
  },
});
