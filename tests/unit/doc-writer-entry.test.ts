import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { docWorkerEntry } from "~/realtime/doc-writer-entry.server";

// The document threads run the build's bundle only while it is as new as every source it was built from.
describe("docWorkerEntry", () => {
  let dir: string;
  let bundle: string;
  let inputs: string;
  let sources: string[];
  const at = (file: string, seconds: number) => utimesSync(file, seconds, seconds);

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "doc-worker-entry-"));
    bundle = path.join(dir, "doc-writer.worker.mjs");
    inputs = path.join(dir, "doc-writer.worker.inputs.json");
    sources = ["a.ts", "b.ts"].map((name) => path.join(dir, name));
    for (const source of sources) writeFileSync(source, "export {};\n");
    writeFileSync(bundle, "export {};\n");
    writeFileSync(inputs, JSON.stringify(sources));
    for (const source of sources) at(source, 1_000_000);
    at(bundle, 2_000_000);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("takes the bundle when it is newer than all of its sources", () => {
    const entry = docWorkerEntry(bundle, inputs);
    expect(entry.bundled).toBe(true);
    expect(fileURLToPath(entry.url)).toBe(bundle);
  });

  it("takes the sources when one of them changed after the build", () => {
    at(sources[1], 3_000_000);
    const entry = docWorkerEntry(bundle, inputs);
    expect(entry.bundled).toBe(false);
    expect(entry.url.pathname.endsWith("/app/realtime/doc-writer.thread.mjs")).toBe(true);
    expect(entry.reason).toContain("b.ts");
  });

  it("takes the sources when a source is gone, or there is no bundle or list", () => {
    rmSync(sources[0]);
    expect(docWorkerEntry(bundle, inputs).bundled).toBe(false);
    expect(docWorkerEntry(path.join(dir, "missing.mjs"), inputs).bundled).toBe(false);
    expect(docWorkerEntry(bundle, path.join(dir, "missing.json")).bundled).toBe(false);
  });

  it("takes the sources when the list of sources is damaged", () => {
    for (const damaged of ["{", "[]", "{}", "[1, 2]", "null"]) {
      writeFileSync(inputs, damaged);
      at(bundle, 2_000_000);
      expect(docWorkerEntry(bundle, inputs).bundled, damaged).toBe(false);
    }
  });
});
