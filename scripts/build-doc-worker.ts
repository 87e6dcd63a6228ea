/**
 * Bundles the document threads' code (app/realtime/doc-writer.worker.ts and
 * the app modules it imports) into one JavaScript file, so that the writer
 * and the deriver start without tsx: on Node 20 each thread that registers
 * tsx gets a loader thread of its own, and the two cost the server about
 * 120 MiB of memory at rest (measured: 486 → 368 MiB RSS after start with the
 * demo data). Packages stay imports from node_modules; only our TypeScript is
 * compiled. Next to the bundle goes the list of its source files, so that the
 * server can tell a bundle older than its sources and use the sources instead
 * (doc-writer-entry.server.ts). Run by `npm run build`.
 */
import { build } from "esbuild";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { DOC_WORKER_BUNDLE, DOC_WORKER_INPUTS } from "../app/realtime/doc-writer-entry.server";

const root = path.resolve(import.meta.dirname, "..");
const result = await build({
  // The metafile names inputs relative to this directory, whatever directory the script runs from.
  absWorkingDir: root,
  entryPoints: [path.join(root, "app/realtime/doc-writer.worker.ts")],
  outfile: DOC_WORKER_BUNDLE,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  metafile: true,
  logLevel: "warning",
});
const inputs = Object.keys(result.metafile.inputs).map((input) => path.resolve(root, input));
writeFileSync(DOC_WORKER_INPUTS, JSON.stringify(inputs, null, 1));
console.log(`document threads bundled: ${path.relative(root, DOC_WORKER_BUNDLE)} (${inputs.length} source files)`);
