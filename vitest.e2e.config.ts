import path from "node:path";
import { defineConfig } from "vitest/config";

/** Browser tests: one portal server for the run (tests/e2e/global-setup.ts), Chromium via playwright-core. */
export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["tests/e2e/**/*.e2e.test.ts"],
    environment: "node",
    pool: "forks",
    globalSetup: ["tests/e2e/global-setup.ts"],
    // Two browsers at a time is what two cores carry without flaky timings.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
