import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    setupFiles: ["tests/setup/setup-test-env.ts"],
    // A busy machine (load 10 on two cores) makes everything several times slower; a test that
    // waits for something names it in its own, shorter deadline (until(), startPortal's readiness).
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
