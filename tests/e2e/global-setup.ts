import fs from "node:fs";
import type { TestProject } from "vitest/node";
import { startPortal } from "../setup/portal-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
    dbPath: string;
  }
}

/** One portal (fresh database, demo data) for the whole browser run. */
export default async function setup(project: TestProject) {
  const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `Chromium wurde unter ${chromiumPath} nicht gefunden. Die Browser-Tests brauchen Debians Chromium: ` +
        `"apt-get install chromium" (als root) ausführen oder CHROMIUM_PATH auf eine Chromium-Datei setzen.`,
    );
  }
  const server = await startPortal();
  project.provide("baseUrl", server.origin);
  project.provide("chromiumPath", chromiumPath);
  project.provide("dbPath", server.dbPath);
  return async () => {
    await server.stop();
  };
}
