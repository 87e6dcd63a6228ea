import type { AppLoadContext } from "@remix-run/node";
import { getEnv } from "~/server/env.server";
import { fillPattern, paramNames, type BuildRoute as ManifestRoute } from "../../setup/route-manifest";
import type { Case, RouteEntry } from "./table";
import type { Fixtures } from "./world";

export type Method = "loader" | "action";
/** The status class, a line about the answer, and what it shows (body, and where a redirect leads). */
export type CallOutcome = { outcome: string; detail: string; shown: string };

/** Parameters every group route takes, from the group under test; a case or entry names the rest. */
function defaultParams(fx: Fixtures): Record<string, string> {
  const g = fx.group;
  return { slug: g.slug, docId: String(g.docId), threadId: String(g.threadId), materialId: String(g.materialId) };
}

function routeParams(pattern: string, entry: RouteEntry, c: Case, fx: Fixtures): Record<string, string> {
  const given = { ...defaultParams(fx), ...entry.params?.(fx), ...c.params?.(fx) };
  const params: Record<string, string> = {};
  for (const name of paramNames(pattern)) {
    if (given[name] === undefined) throw new Error(`${pattern} takes ":${name}": give it in the table entry's params`);
    params[name] = given[name];
  }
  return params;
}

function searchParams(values: Record<string, string | string[]>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) for (const v of [value].flat()) out.append(key, v);
  return out;
}

/** The request a browser would send: the portal's origin, a form POST for actions (index routes with ?index). */
function buildRequest(route: ManifestRoute, pattern: string, params: Record<string, string>, method: Method, c: Case, fx: Fixtures): Request {
  const origin = getEnv().PUBLIC_ORIGIN;
  const query = searchParams(c.query?.(fx) ?? {});
  if (route.index) query.append("index", "");
  const url = `${origin}${fillPattern(pattern, params)}${query.size ? `?${query}` : ""}`;
  if (method === "loader") return new Request(url, { headers: { "User-Agent": "authz-matrix" } });
  const body = c.multipart ? c.multipart(fx) : searchParams(c.form?.(fx) ?? {});
  return new Request(url, { method: "POST", body, headers: { Origin: origin, "User-Agent": "authz-matrix" } });
}

function isResponse(value: unknown): value is Response {
  return typeof value === "object" && value !== null && "status" in value && "headers" in value && typeof (value as Response).status === "number";
}

/** The status class of what a loader or action returned or threw (Remix treats both alike). */
async function classify(value: unknown): Promise<CallOutcome> {
  if (!isResponse(value)) {
    if (value instanceof Error) return { outcome: "500", detail: `threw ${value.name}: ${value.message}`, shown: "" };
    return { outcome: "2xx", detail: "returned data", shown: JSON.stringify(value) ?? "" };
  }
  const status = value.status;
  // Read to the end: a download's file stream must be finished, not left open behind the test.
  const body = await value.text();
  const text = body.replace(/\s+/g, " ").slice(0, 160);
  if (status >= 300 && status < 400) {
    const location = value.headers.get("Location") ?? "";
    const target = new URL(location, getEnv().PUBLIC_ORIGIN);
    const toLogin = target.pathname === "/anmelden" && target.searchParams.has("redirectTo");
    // The login redirect only echoes the requested path back.
    return { outcome: toLogin ? "login" : "redir", detail: `${status} → ${location}`, shown: toLogin ? body : `${location} ${body}` };
  }
  if (status >= 200 && status < 300) return { outcome: "2xx", detail: String(status), shown: body };
  return { outcome: String(status), detail: text, shown: body };
}

/**
 * Calls one route module's loader or action directly, as Remix would, with
 * a load context shaped like server.ts's (the actor's real session in
 * `auth`). The probe, read before and after, marks a changed target with "*".
 */
export async function callRoute(route: ManifestRoute, pattern: string, method: Method, entry: RouteEntry, c: Case, fx: Fixtures): Promise<CallOutcome> {
  const handler = route.module[method];
  if (!handler) throw new Error(`${route.id} has no ${method}`);
  const params = routeParams(pattern, entry, c, fx);
  c.setup?.(fx);
  const before = JSON.stringify(c.probe?.(fx));
  const context: AppLoadContext = { auth: fx.actor.auth, cspNonce: "authz-matrix", requestId: "authz-matrix", clientIp: "127.0.0.1" };
  let result: CallOutcome;
  try {
    result = await classify(await handler({ request: buildRequest(route, pattern, params, method, c, fx), params, context }));
  } catch (thrown) {
    result = await classify(thrown);
  }
  if (c.probe && JSON.stringify(c.probe(fx)) !== before) result.outcome += "*";
  return result;
}
