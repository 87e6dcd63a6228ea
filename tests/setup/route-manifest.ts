import fs from "node:fs";
import path from "node:path";
import url from "node:url";
import type { ServerBuild } from "@remix-run/node";

/**
 * Remix's own route manifest: the `routes` of the server bundle that
 * `npm run build` writes (build/index.js), each with its id, path, parent
 * and module (loader, action). Tests that must reach every route read it
 * here instead of keeping a list of their own.
 */
export type BuildRoute = ServerBuild["routes"][string];
export type ManifestRoute = BuildRoute & { id: string; urlPattern: string };

const buildPath = path.resolve(import.meta.dirname, "../../build/index.js");

/** The manifest as the build has it: route id → route. */
export async function loadRouteManifest(): Promise<ServerBuild["routes"]> {
  if (!fs.existsSync(buildPath)) throw new Error(`No Remix build at ${buildPath}: run "npm run build" first.`);
  return ((await import(url.pathToFileURL(buildPath).href)) as ServerBuild).routes;
}

/** Every route with its id and URL pattern. */
export async function loadRoutes(): Promise<ManifestRoute[]> {
  const routes = await loadRouteManifest();
  return Object.entries(routes).map(([id, route]) => ({ ...route, id, urlPattern: urlPattern(routes, id) }));
}

/** "/gruppen/:slug/diskussion/:threadId" from a route's own and its parents' paths. */
export function urlPattern(routes: ServerBuild["routes"], id: string): string {
  const parts: string[] = [];
  for (let r: ServerBuild["routes"][string] | undefined = routes[id]; r; r = r.parentId ? routes[r.parentId] : undefined) {
    if (r.path) parts.unshift(r.path);
  }
  return `/${parts.join("/")}`;
}

/** The parameter names of a pattern (":slug" → "slug", "*" stays "*"). */
export function paramNames(pattern: string): string[] {
  return pattern
    .split("/")
    .filter((s) => s.startsWith(":") || s === "*")
    .map((s) => (s === "*" ? "*" : s.slice(1)));
}

/** The pattern with its parameters filled in, each value URL-encoded (routeAddress below takes them as given, for broken encodings). */
export function fillPattern(pattern: string, params: Record<string, string>): string {
  return pattern
    .split("/")
    .map((s) => (s === "*" ? params["*"] : s.startsWith(":") ? encodeURIComponent(params[s.slice(1)]) : s))
    .join("/");
}

/**
 * The address of a route with its parameters filled in. Values are put in
 * as they are given (already encoded), so a test can send broken encodings.
 * Index routes get "?index", or POSTs would reach their parent.
 */
export function routeAddress(route: ManifestRoute, params: Record<string, string>, query = ""): string {
  const filled = route.urlPattern
    .split("/")
    .map((s) => (s === "*" ? params["*"] : s.startsWith(":") ? params[s.slice(1)] : s))
    .join("/");
  const search = [route.index ? "index" : "", query].filter(Boolean).join("&");
  return search ? `${filled}?${search}` : filled;
}

/** The same address as a data request for this route: Remix answers with the loader's or action's data, no page. */
export function dataAddress(route: ManifestRoute, params: Record<string, string>, query = ""): string {
  return routeAddress(route, params, [query, `_data=${encodeURIComponent(route.id)}`].filter(Boolean).join("&"));
}
