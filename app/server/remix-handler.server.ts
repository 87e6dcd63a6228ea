import fs from "node:fs";
import path from "node:path";
import url from "node:url";
import { createRequestHandler, type GetLoadContextFunction } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import type { RequestHandler } from "express";

const buildPath = path.resolve("build/index.js");

// The assets version of the build being served: part of the page cache key, so
// a page rendered by an older build (dev rebuild) is never served again.
let servedBuildVersion = "";

/** The version (assets manifest hash) of the Remix build currently answering requests. */
export function currentBuildVersion(): string {
  return servedBuildVersion;
}

async function importBuild(): Promise<ServerBuild> {
  if (!fs.existsSync(buildPath)) {
    throw new Error(`Kein Remix-Build unter ${buildPath}: bitte zuerst "npm run build" ausführen.`);
  }
  const stamp = fs.statSync(buildPath).mtimeMs;
  const build = (await import(`${url.pathToFileURL(buildPath).href}?t=${stamp}`)) as ServerBuild;
  servedBuildVersion = `${build.assets.version}:${stamp}`;
  return build;
}

const getLoadContext: GetLoadContextFunction = (req, res) => ({
  auth: res.locals.auth ?? null,
  cspNonce: res.locals.cspNonce,
  requestId: String(req.id ?? ""),
  clientIp: req.ip ?? "",
});

/**
 * The Remix request handler. In development (`remix dev --manual`) it
 * re-imports the build whenever the compiler writes a new one and tells the
 * dev server, so route changes need no restart.
 */
export async function remixHandler(): Promise<RequestHandler> {
  let build = await importBuild();
  // `remix dev` sets REMIX_DEV_ORIGIN for the app server it starts.
  if (!process.env.REMIX_DEV_ORIGIN) return createRequestHandler({ build, mode: build.mode, getLoadContext });
  const mode = "development";

  broadcastDevReady(build);
  let timer: NodeJS.Timeout | undefined;
  fs.watch(path.dirname(buildPath), () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      build = await importBuild();
      broadcastDevReady(build);
    }, 100);
  });
  return (req, res, next) => createRequestHandler({ build, mode, getLoadContext })(req, res, next);
}
