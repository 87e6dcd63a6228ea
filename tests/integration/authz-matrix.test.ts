import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { forgetSingleton } from "../../app/server/singleton.server";
import { useTempDatabase } from "../setup/test-db";
import { callRoute, type Method } from "./authz/call";
import { expected } from "./authz/expected";
import { schemaIntents } from "./authz/intents";
import { loadRouteManifest, urlPattern } from "../setup/route-manifest";
import { snapshotDatabase } from "./authz/snapshot";
import { CONFIDENTIAL_NAME } from "./authz/group-world";
import { ROLES, gridsOf, parseGrid, type Case, type Role } from "./authz/table";
import { buildWorld, fixturesFor, type World } from "./authz/world";

/**
 * Issue 18's authorization matrix: every loader and action of Remix's route
 * manifest, called as each role against an intern, a vertraulich and an
 * archived group, compared with the table in tests/integration/authz/expected/.
 * Calls go straight to the route modules of the built server bundle (no
 * HTTP server); every call that may change state runs on a fresh copy of
 * the fixture database, so no outcome depends on the calls before it.
 */
const METHODS: Method[] = ["loader", "action"];
/** Who may not read the vertraulich group (read:group): whatever they are answered must not show its content. */
const CANNOT_READ_CONFIDENTIAL: Role[] = ["anon", "obs", "other", "pmod"];
const TABLE_DIR = "tests/integration/authz/expected/";

let routes: ServerBuild["routes"];
let world: World;
let database: { restore: () => void };
let cleanup = () => {};
/** Set after a call that may have changed state: the next call starts from the snapshot again. */
let dirty = false;

beforeAll(async () => {
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), "ag-portal-authz-uploads-"));
  process.env.UPLOAD_DIR = uploads;
  forgetSingleton("env");
  const temp = useTempDatabase();
  cleanup = () => {
    temp.cleanup();
    fs.rmSync(uploads, { recursive: true, force: true });
  };
  world = await buildWorld();
  database = snapshotDatabase(temp.dbPath);
  routes = await loadRouteManifest();
}, 120_000);

afterAll(() => cleanup());

function changesState(method: Method, c: Case): boolean {
  return method === "action" || Boolean(c.setup || c.probe);
}

/**
 * Runs one case for every role (and group kind) and returns a line for
 * every cell that differs from the table, and for every answer that shows
 * the vertraulich group's content to someone who may not read it.
 */
async function mismatchesOf(routeId: string, method: Method, c: Case): Promise<string[]> {
  const route = routes[routeId];
  const pattern = urlPattern(routes, routeId);
  const lines: string[] = [];
  for (const [kind, grid] of gridsOf(c)) {
    const label = ("all" in c ? "all" : kind).padEnd(12);
    const want = parseGrid(grid);
    const got: string[] = [];
    const wrong: string[] = [];
    for (const role of ROLES) {
      if (dirty || changesState(method, c)) database.restore();
      dirty = changesState(method, c);
      const result = await callRoute(route, pattern, method, expected[routeId], c, fixturesFor(world, role, kind));
      got.push(result.outcome);
      if (result.outcome !== want[role]) wrong.push(`  ${label} ${role.padEnd(7)} expected ${want[role].padEnd(6)} got ${result.outcome.padEnd(6)} ${result.detail}`);
      const leaked = !c.toldOfGroup && CANNOT_READ_CONFIDENTIAL.includes(role) && result.shown.toLowerCase().includes(CONFIDENTIAL_NAME.toLowerCase());
      if (leaked) lines.push(`  ${label} ${role.padEnd(7)} LEAK: the answer (${result.outcome}) shows the vertraulich group's "${CONFIDENTIAL_NAME}" content`);
    }
    if (wrong.length) lines.push(...wrong, `  ${label} actual row: ${got.join(" ")}`);
  }
  return lines;
}

describe("authorization matrix: every route of the manifest × role × group kind (issue 18)", () => {
  it("the table has an entry for every loader and action in Remix's route manifest, and no other", () => {
    const problems: string[] = [];
    for (const [id, route] of Object.entries(routes)) {
      for (const method of METHODS) {
        const has = Boolean(route.module[method]);
        const cases = Object.keys(expected[id]?.[method] ?? {});
        if (has && cases.length === 0) {
          problems.push(
            `${id} (${urlPattern(routes, id)}) has a ${method} but no entry in ${TABLE_DIR}: add "${id}": { ${method}: { <case>: { intern, vertraulich, archiviert (or all): "<anon obs obs+ other member gmod pmod admin>" } } } with the outcome the permission rules (app/auth/permissions.ts) intend for each role${method === "action" ? ", one case per intent" : ""}`,
          );
        }
        if (!has && cases.length > 0) problems.push(`${id} has no ${method}, but the table lists cases for it: remove them`);
      }
    }
    for (const id of Object.keys(expected)) if (!routes[id]) problems.push(`${id} is in the table but not in Remix's manifest (renamed or removed route?)`);
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("every intent a multiplexing action accepts has a case in the table", () => {
    const problems: string[] = [];
    for (const [id, intents] of Object.entries(schemaIntents())) {
      const fx = fixturesFor(world, "admin", "intern");
      const covered = new Set(Object.values(expected[id]?.action ?? {}).map((c) => c.form?.(fx).intent));
      for (const intent of intents) if (!covered.has(intent)) problems.push(`${id}: the action accepts intent "${intent}" but no case sends it: add one to ${TABLE_DIR}`);
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });

  for (const [routeId, entry] of Object.entries(expected)) {
    for (const method of METHODS) {
      for (const [name, c] of Object.entries(entry[method] ?? {})) {
        it(`${routeId} ${method} ${name}`, async () => {
          if (!routes[routeId]?.module[method]) throw new Error(`${routeId} has no ${method} in the manifest`);
          const lines = await mismatchesOf(routeId, method, c);
          const why = c.finding ? `\n  expected to fail until fixed: ${c.finding}` : "";
          expect(lines, `${routeId} ${method} ${name}: outcome differs from the table, or an answer shows what the role may not read (roles: ${ROLES.join(" ")})${why}\n${lines.join("\n")}`).toEqual([]);
        });
      }
    }
  }
});
