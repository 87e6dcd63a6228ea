import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listQuerySchema } from "../../app/routes/themen._index/schemas";
import { reportSchema } from "../../app/routes/fortschritt_.bericht/schema";
import { searchParamsSchema } from "../../app/routes/suche/schemas";
import { feedQuerySchema } from "../../app/activity/feed-query";
import { closeDb } from "../../db/client.server";
import { brokenPercentEncodings, hostileTexts, numberTexts, oddFieldNames, prototypeFieldNames, representativeTexts } from "../fixtures/hostile-input";
import { startPortalWithModels } from "../setup/fixture-server";
import { inPool, IN_FLIGHT } from "../setup/hostile-requests";
import type { PortalServer } from "../setup/portal-server";
import { dataAddress, loadRoutes, paramNames, routeAddress, type ManifestRoute } from "../setup/route-manifest";
import { healthProblems } from "../setup/server-health";
import { buildWorld, type World } from "./hostile-input/world";

/*
 * The hostile input corpus (tests/fixtures/hostile-input.ts) in the
 * addresses of every page and file of Remix's route manifest that has a
 * loader: in each path parameter, and in every query parameter the app
 * reads, as a signed-in admin, a member and a signed-out visitor. Never a
 * 5xx; the server stays up and logs no error.
 */
let server: PortalServer;
let routes: ManifestRoute[];
let world: World;

beforeAll(async () => {
  server = await startPortalWithModels({ env: { LOG_LEVEL: "warn" } });
  routes = (await loadRoutes()).filter((r) => r.module.loader && r.id !== "root");
  world = await buildWorld(path.join(server.dir, "uploads"));
});

afterAll(async () => {
  closeDb();
  await server?.stop();
});

/** Valid path parameters in the world; the route decides what "id" and "token" name. */
function validParams(route: ManifestRoute): Record<string, string> {
  const w = world;
  return {
    slug: w.slug,
    threadId: String(w.threadId),
    docId: String(w.documentId),
    materialId: String(w.materialId),
    id: String(route.id.startsWith("routes/benachrichtigungen") ? w.notificationId : w.proposalId),
    token: route.id.startsWith("routes/feeds") ? w.feedToken : w.invitationToken,
    file: `${w.slug}.atom`,
    "*": "gibt-es-nicht",
  };
}

/**
 * Every query parameter name the app reads: those its loaders take with
 * searchParams.get(…) and the keys of the query schemas. Found in the
 * source, so a new parameter is fuzzed without a change here.
 */
function queryNames(): string[] {
  const names = new Set([searchParamsSchema, listQuerySchema, feedQuerySchema, reportSchema].flatMap((s) => Object.keys(s.shape)));
  const files = fs.readdirSync(path.resolve(import.meta.dirname, "../../app"), { recursive: true, encoding: "utf8" }).filter((f) => /\.tsx?$/.test(f));
  for (const file of files) {
    const source = fs.readFileSync(path.resolve(import.meta.dirname, "../../app", file), "utf8");
    for (const [, name] of source.matchAll(/(?:searchParams|params|query)\.(?:get|getAll|has)\("([^"]+)"\)/g)) names.add(name);
  }
  return [...names];
}

const signedIn = () => ({ admin: world.users.admin.cookie, member: world.users.member.cookie, anonymous: null }) as Record<string, string | null>;
type Probe = { label: string; path: string; cookie: string | null };

async function problemsOf(probes: Probe[]): Promise<string[]> {
  const from = server.output().length;
  const answers = await inPool(probes, IN_FLIGHT, async ({ path: p, cookie }) => {
    try {
      const res = await fetch(`${server.origin}${p}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
      await res.arrayBuffer();
      return res.status;
    } catch (error) {
      return `${(error as Error).message} ${String((error as Error).cause ?? "")}`;
    }
  });
  return [
    ...probes.flatMap((p, i) => (typeof answers[i] !== "number" || (answers[i] as number) >= 500 ? [`${p.label} ${p.path.slice(0, 120)} → ${answers[i]}`] : [])),
    ...(await healthProblems(server, from)),
  ];
}

/** Percent-encoded as a browser puts it into an address (a lone surrogate becomes U+FFFD, as in UTF-8). */
const encoded = (t: { value: string }) => encodeURIComponent(Buffer.from(t.value, "utf8").toString("utf8"));

/**
 * Node refuses request heads over 16 kB (431), and the sign-in redirect of
 * a signed-out visitor carries the address once more, encoded again; so the
 * parameters share 4 kB (each cut before a "%"). The very long address has
 * a test of its own below.
 */
function everyParameter(names: string[], value: string): string {
  const share = Math.floor(4_000 / names.length);
  const cut = value.length <= share ? value : value.slice(0, share).replace(/%[0-9A-F]?$/i, "");
  return names.map((n) => `${n}=${cut}`).join("&");
}
const brokenValues = brokenPercentEncodings.map((b) => ({ label: b.label, raw: Buffer.from(b.bytes).toString("latin1") }));

describe("query strings", () => {
  it("each text of the corpus in every query parameter the app reads, on every page: never a 5xx", async () => {
    const names = queryNames();
    const values = [...hostileTexts.map((t) => ({ label: t.label, raw: encoded(t) })), ...brokenValues];
    const probes = routes.flatMap((route) =>
      Object.entries(signedIn()).flatMap(([who, cookie]) =>
        (who === "admin" ? values : values.filter((v) => representativeTexts.some((t) => t.label === v.label))).map((v) => ({
          label: `${route.id} as ${who}, every parameter ${v.label}:`,
          path: dataAddress(route, validParams(route), everyParameter(names, v.raw)),
          cookie,
        })),
      ),
    );
    expect(await problemsOf(probes)).toEqual([]);
  }, 600_000);

  it("a few in every query parameter of every whole page (rendered, not only the data): never a 5xx", async () => {
    const names = queryNames();
    const probes = routes.flatMap((route) =>
      representativeTexts.map((t) => ({
        label: `${route.id} page, every parameter ${t.label}:`,
        path: routeAddress(route, validParams(route), everyParameter(names, encoded(t))),
        cookie: world.users.admin.cookie,
      })),
    );
    expect(await problemsOf(probes)).toEqual([]);
  }, 600_000);

  it("odd parameter names (prototype keys, far list indices, deep nesting) on every page: never a 5xx", async () => {
    const short = [...prototypeFieldNames, ...oddFieldNames.filter((n) => n.length < 100), ...queryNames().map((n) => `${n}[200000000]`), `a${".b".repeat(1_000)}`];
    const query = short.map((n) => `${encodeURIComponent(n)}=1`).join("&");
    const probes = routes.map((route) => ({ label: `${route.id} odd names:`, path: dataAddress(route, validParams(route), query), cookie: world.users.admin.cookie }));
    expect(await problemsOf(probes)).toEqual([]);
  }, 600_000);

  it("Remix's own parameters (_data, index) with hostile values: never a 5xx", async () => {
    const probes = routes.flatMap((route) =>
      representativeTexts.flatMap((t) => [
        { label: `${route.id} _data=${t.label}:`, path: routeAddress(route, validParams(route), everyParameter(["_data"], encoded(t))), cookie: world.users.admin.cookie },
        { label: `${route.id} index=${t.label}:`, path: routeAddress(route, validParams(route), everyParameter(["index"], encoded(t))), cookie: world.users.admin.cookie },
      ]),
    );
    expect(await problemsOf(probes)).toEqual([]);
  }, 600_000);
});

describe("path segments", () => {
  const segmentValues = [...representativeTexts, ...numberTexts].map((t) => ({ label: t.label, raw: encoded(t) }));
  const probesWith = (values: { label: string; raw: string }[]) =>
    routes.flatMap((route) =>
      paramNames(route.urlPattern).flatMap((param) =>
        values.map((v) => ({
          label: `${route.id} :${param}=${v.label}:`,
          path: dataAddress(route, { ...validParams(route), [param]: v.raw.slice(0, 12_000).replace(/%[0-9A-F]?$/i, "") }),
          cookie: world.users.admin.cookie,
        })),
      ),
    );

  it("each corpus text in each path parameter: never a 5xx", async () => {
    expect(await problemsOf(probesWith(segmentValues))).toEqual([]);
  }, 600_000);

  it("broken percent-encoding in each path parameter and at the root: never a 5xx", async () => {
    const root = brokenValues.map((v) => ({ label: `/${v.label}:`, path: `/${v.raw}`, cookie: null }));
    expect(await problemsOf([...root, ...probesWith(brokenValues)])).toEqual([]);
  }, 600_000);
});

describe("the request line itself", () => {
  /** A request written byte by byte, as no HTTP client library would send it; returns the status line's code (0: none came). */
  function rawRequest(target: Buffer): Promise<number> {
    return new Promise((resolve) => {
      const socket = net.connect(server.port, "127.0.0.1");
      let answer = "";
      const status = () => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      socket.on("data", (d) => (answer += d.toString("latin1")));
      // A head over Node's limit is answered with 431 and the connection dropped while we still write.
      socket.on("error", () => resolve(status()));
      socket.on("close", () => resolve(status()));
      socket.end(Buffer.concat([Buffer.from("GET "), target, Buffer.from(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")]));
    });
  }

  it("invalid UTF-8 and control bytes in the path and query, and a very long address: answered, never a 5xx", async () => {
    const targets = [
      Buffer.from([0x2f, 0xff, 0xfe]),
      Buffer.concat([Buffer.from("/suche?q="), Buffer.from([0xc0, 0x80, 0xed, 0xa0, 0x80])]),
      Buffer.from("/gruppen/\u00e4\u00f6\u00fc", "latin1"),
      Buffer.from(`/suche?q=${"x".repeat(8_000)}`),
    ];
    const from = server.output().length;
    const statuses = await Promise.all(targets.map(rawRequest));
    expect(statuses.filter((s) => s === 0 || s >= 500)).toEqual([]);
    // Over Node's 16 kB for a request head: 431, or the connection dropped before the answer was read.
    expect([0, 431]).toContain(await rawRequest(Buffer.from(`/suche?q=${"x".repeat(100_000)}`)));
    expect(await healthProblems(server, from)).toEqual([]);
  });
});
