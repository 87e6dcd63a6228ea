import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * Which file the document threads start from (decision 009):
 * - the bundle from `npm run build` (scripts/build-doc-worker.ts): plain
 *   JavaScript, no TypeScript loader in the thread, about 60 MiB less memory
 *   per thread;
 * - otherwise doc-writer.thread.mjs, which registers tsx and loads the
 *   TypeScript sources, as everything else in the server is loaded.
 * A bundle older than any of its sources (edited since the last build, as
 * under `npm run dev` or a test run without a build) is not used: the thread
 * must run the code that is there, never last build's.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DOC_WORKER_BUNDLE = path.join(root, "build/threads/doc-writer.worker.mjs");
export const DOC_WORKER_INPUTS = path.join(root, "build/threads/doc-writer.worker.inputs.json");
const SOURCES_ENTRY = new URL("./doc-writer.thread.mjs", import.meta.url);

export type WorkerEntry = { url: URL; bundled: boolean; reason?: string };

export function docWorkerEntry(bundle = DOC_WORKER_BUNDLE, inputsFile = DOC_WORKER_INPUTS): WorkerEntry {
  const sources = (reason: string): WorkerEntry => ({ url: SOURCES_ENTRY, bundled: false, reason });
  if (!existsSync(bundle) || !existsSync(inputsFile)) return sources("no bundle (npm run build)");
  let inputs: unknown;
  try {
    inputs = JSON.parse(readFileSync(inputsFile, "utf8"));
  } catch {
    return sources("bundle's list of sources unreadable");
  }
  if (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every((i) => typeof i === "string")) {
    return sources("bundle's list of sources unreadable");
  }
  const builtAt = statSync(bundle).mtimeMs;
  for (const input of inputs as string[]) {
    if (!existsSync(input)) return sources(`source gone since the build: ${path.relative(root, input)}`);
    if (statSync(input).mtimeMs > builtAt) return sources(`source newer than the bundle: ${path.relative(root, input)}`);
  }
  return { url: pathToFileURL(bundle), bundled: true };
}
