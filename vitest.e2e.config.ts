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
    testTimeout: 90_000,
    // A page that loads a little slower (a busy CI machine) is not a failure; a missing result still is.
    expect: { poll: { timeout: 8_000, interval: 100 } },
    hookTimeout: 90_000,
  },
});
