import fs from "node:fs";
import path from "node:path";
import url from "node:url";
import type { ServerBuild } from "@remix-run/node";

export type ManifestRoute = ServerBuild["routes"][string];

const buildPath = path.resolve(import.meta.dirname, "../../../build/index.js");

/**
 * Remix's own route manifest: the `routes` of the server bundle that
 * `npm run build` writes, each with id, path, parentId and its module's
 * loader and action. The matrix enumerates routes from here, never from a
 * list of its own.
 */
export async function loadRouteManifest(): Promise<ServerBuild["routes"]> {
  if (!fs.existsSync(buildPath)) throw new Error(`No Remix build at ${buildPath}: run "npm run build" first.`);
  const build = (await import(url.pathToFileURL(buildPath).href)) as ServerBuild;
  return build.routes;
}

/** The URL pattern of a route, e.g. "/gruppen/:slug/diskussion/:threadId", from its own and its parents' paths. */
export function urlPattern(routes: ServerBuild["routes"], id: string): string {
  const parts: string[] = [];
  for (let route: ManifestRoute | undefined = routes[id]; route; route = route.parentId ? routes[route.parentId] : undefined) {
    if (route.path) parts.unshift(route.path);
  }
  return `/${parts.join("/")}`;
}

/** The parameter names of a URL pattern (":slug" → "slug", "*" → "*"). */
export function paramNames(pattern: string): string[] {
  return pattern
    .split("/")
    .filter((s) => s.startsWith(":") || s === "*")
    .map((s) => (s === "*" ? "*" : s.slice(1)));
}

/** The pattern with its parameters filled in (each value URL-encoded). */
export function fillPattern(pattern: string, params: Record<string, string>): string {
  return pattern
    .split("/")
    .map((s) => (s === "*" ? params["*"] : s.startsWith(":") ? encodeURIComponent(params[s.slice(1)]) : s))
    .join("/");
}
