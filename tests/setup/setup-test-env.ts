import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { stopAllPortals } from "./portal-server";

/** A console.error during a test fails it (epic-stack's setup-test-env): errors must not pass silently. */
let errorSpy: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  errorSpy = vi.spyOn(console, "error");
});
afterEach(() => {
  const calls = errorSpy.mock.calls;
  errorSpy.mockRestore();
  if (calls.length > 0) throw new Error(`console.error was called: ${calls.map((c: unknown[]) => c.join(" ")).join("\n")}`);
});

/** Servers a failed or timed-out test did not stop are stopped with its file (tests/setup/portal-server.ts). */
afterAll(() => stopAllPortals());
