import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../app/server/env.server";
import { bodyLimitFor } from "../../app/server/http/request-guards.server";
import { closeDb } from "../../db/client.server";
import { describeChange, forbiddenChanges, settledSnapshot, takeSnapshot } from "../setup/db-changes";
import { startPortalWithModels } from "../setup/fixture-server";
import { asUrlencoded, inPool, IN_FLIGHT, postBody, postOverLimit, type Outcome } from "../setup/hostile-requests";
import type { PortalServer } from "../setup/portal-server";
import { dataAddress, loadRoutes, routeAddress, type ManifestRoute } from "../setup/route-manifest";
import { healthProblems } from "../setup/server-health";
import { fieldsOf, type FormCase } from "./hostile-input/form-cases";
import { permittedRequests, refusalText, refusedRequests, type HostileRequest } from "./hostile-input/form-requests";
import { groupForms, groupRouteIntents } from "./hostile-input/group-forms";
import { portalForms, portalRouteIntents } from "./hostile-input/portal-forms";
import { buildWorld, removeWorld } from "./hostile-input/world";

/*
 * The hostile input corpus (tests/fixtures/hostile-input.ts) against every
 * form action of Remix's route manifest (issue 18, standing suite): each
 * entry in each field of each form, posted by a user who may use the form
 * and, at once in all fields, by one who may not. Each batch runs in a
 * world of its own (hostile-input/world.ts). Never a 5xx; no row changed
 * outside the batch's world or in a table the form does not write (none at
 * all for the refused user, tests/setup/db-changes.ts); the server answers
 * /healthz and logs no error.
 */
let server: PortalServer;
let db: Database.Database;
let routes: ManifestRoute[];
const env = parseEnv({});
const forms: FormCase[] = [...groupForms, ...portalForms];
const routeIntents: Record<string, string[]> = { ...groupRouteIntents, ...portalRouteIntents };

beforeAll(async () => {
  server = await startPortalWithModels({ env: { LOG_LEVEL: "warn" } });
  db = new Database(server.dbPath, { readonly: true });
  routes = await loadRoutes();
});

afterAll(async () => {
  db?.close();
  closeDb();
  await server?.stop();
});

it("knows every route with an action in Remix's manifest, and a form for every intent its schemas accept", () => {
  const withAction = routes.filter((r) => r.module.action).map((r) => r.id);
  expect(Object.keys(routeIntents).sort()).toEqual(withAction.sort());
  for (const [route, intents] of Object.entries(routeIntents)) {
    expect(forms.filter((f) => f.route === route).map((f) => f.intent).sort(), route).toEqual([...intents].sort());
  }
});

/** The first form of a route also gets the corpus in its intent field, and the bodies its action reads alike for all its forms. */
const firstOfRoute = new Set(forms.filter((f, i) => forms.findIndex((g) => g.route === f.route) === i));

async function runBatch(form: FormCase, who: "permitted" | "refused"): Promise<string[]> {
  const world = await buildWorld(path.join(server.dir, "uploads"));
  const base = form.base(world);
  const missing = fieldsOf(form).filter((f) => !(f in base));
  if (missing.length) return [`the case has no valid value for ${missing.join(", ")}`];
  const actor = who === "permitted" ? form.actor : form.refused!;
  const headers: Record<string, string> = actor === "anonymous" ? {} : { cookie: world.users[actor].cookie };
  const route = routes.find((r) => r.id === form.route)!;
  const params = form.params(world);
  const limit = bodyLimitFor(new URL(routeAddress(route, params), server.origin).pathname, env);
  const first = firstOfRoute.has(form);
  const requests = who === "permitted" ? permittedRequests(form, world, limit, first) : refusedRequests(form, world, limit, first);

  const logFrom = server.output().length;
  const before = takeSnapshot(db);
  const outcomes = await inPool(requests, IN_FLIGHT, (r) => {
    const address = r.document ? routeAddress(route, params) : dataAddress(route, params);
    if (!r.overLimitBy) return postBody(server.origin, address, r.body, headers);
    return postOverLimit(server.origin, address, r.body.type ?? "application/x-www-form-urlencoded", limit + r.overLimitBy, headers);
  });
  const after = await settledSnapshot(db);
  const problems = [
    ...requests.flatMap((r, i) => (wrong(r, outcomes[i]) ? [`${r.label} → ${outcomes[i].status} ${outcomes[i].text.slice(0, 80)}`] : [])),
    ...forbiddenChanges(db, before, after, world.seeds, who === "permitted" ? form.writes : null).map(describeChange),
    ...(await healthProblems(server, logFrom)),
  ];
  removeWorld(world);
  return problems;
}

/** Refused as a whole: not an answer made from the fields (a success, a conflict, or a 400 without the German refusal). */
const answeredByField = (o: Outcome) => (o.status >= 200 && o.status < 300) || o.status === 409 || (o.status === 400 && !o.text.includes(refusalText));
const wrong = (r: HostileRequest, o: Outcome) =>
  o.status === 0 || o.status >= 500 || (r.expect !== undefined && o.status !== r.expect) || (r.refusedWhole === true && answeredByField(o));

const BATCH_TIMEOUT_MS = 300_000;

describe.each(forms.map((form) => [`${form.route} ${form.intent}`.trim(), form] as const))("%s", (_name, form) => {
  it(
    `as ${form.actor}, who may use it: the corpus in every field, never a 5xx, nothing changed outside what the form writes`,
    async () => {
      expect(await runBatch(form, "permitted")).toEqual([]);
    },
    BATCH_TIMEOUT_MS,
  );
  it.skipIf(form.refused === null)(
    `as ${form.refused}, who may not: never a 5xx, nothing changed`,
    async () => {
      expect(await runBatch(form, "refused")).toEqual([]);
    },
    BATCH_TIMEOUT_MS,
  );
});

it("a POST with Origin: null and the portal's own Referer, to every action as a permitted user: never a 5xx", async () => {
  const world = await buildWorld(path.join(server.dir, "uploads"));
  const from = server.output().length;
  const problems: string[] = [];
  for (const form of firstOfRoute) {
    const route = routes.find((r) => r.id === form.route)!;
    const address = routeAddress(route, form.params(world));
    const body = asUrlencoded(Object.entries(form.base(world)).map(([n, v]): [string, string] => [n, typeof v === "string" ? v : "datei"]));
    const cookie: Record<string, string> = form.actor === "anonymous" ? {} : { cookie: world.users[form.actor].cookie };
    // A sandboxed frame or a privacy setting sends "null"; the guard then reads the Referer.
    const outcome = await postBody(server.origin, address, body, { ...cookie, origin: "null", referer: `${server.origin}${address}` });
    if (outcome.status === 0 || outcome.status >= 500) problems.push(`${form.route} → ${outcome.status}`);
  }
  problems.push(...(await healthProblems(server, from)));
  removeWorld(world);
  expect(problems).toEqual([]);
}, BATCH_TIMEOUT_MS);

it("after all of it: the portal's pages still render for a new session, and the server is well", async () => {
  const world = await buildWorld(path.join(server.dir, "uploads"));
  const from = server.output().length;
  for (const page of ["/", "/gruppen", `/gruppen/${world.slug}`, "/themen", "/fortschritt", "/konto/sitzungen"]) {
    const res = await fetch(`${server.origin}${page}`, { headers: { cookie: world.users.admin.cookie }, redirect: "manual" });
    expect(res.status, page).toBe(200);
    expect(await res.text(), page).toContain('<main id="inhalt"');
  }
  expect(await healthProblems(server, from)).toEqual([]);
  removeWorld(world);
});
