import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { PortalClient } from "../setup/http-client";
import { startPortal, type PortalServer } from "../setup/portal-server";

/**
 * Issue 18, findings 3 and 8: the target after signing in never leaves the
 * portal, and what a client sends wrong (a broken path, a Host that names no
 * host, `Origin: null`, a redirect target a header cannot carry, a method no
 * page takes) is answered with a German 4xx page and is not logged as an error.
 */

let server: PortalServer;
let member: PortalClient;
let admin: PortalClient;
const GROUP = "/gruppen/digitales-rathaus";

beforeAll(async () => {
  // At info every request leaves a line: errorsLoggedSince waits for the one of its probe.
  server = await startPortal({ env: { LOG_LEVEL: "info" } });
  member = new PortalClient(server.origin);
  await member.login("anna.schmidt@ag-portal.test", DEMO_PASSWORD);
  admin = new PortalClient(server.origin);
  await admin.login("admin@ag-portal.test", DEMO_PASSWORD);
});
afterAll(async () => {
  await server?.stop();
});

type Answer = { status: number; location: string | undefined; text: string; requestId: string };

/** A request exactly as given: node's http client lets a test send any Host, target or header. */
function send(target: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const headers = { ...init.headers };
  if (init.body !== undefined) headers["content-length"] = String(Buffer.byteLength(init.body));
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: server.port, path: target, method: init.method ?? "GET", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, location: res.headers.location, text, requestId: String(res.headers["x-request-id"]) }),
      );
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

/**
 * The error lines (level 50/60, or console output that is not JSON: Remix's
 * default error logging) written since `mark`. A request made afterwards is
 * waited for in the log first: what was logged before it is there by then.
 * (Requests for /build/ are not logged at all, so the probe is a separate one.)
 */
async function errorsLoggedSince(mark: number): Promise<string[]> {
  const probe = await send("/readyz");
  const deadline = Date.now() + 15_000;
  while (!server.output().includes(`"id":"${probe.requestId}"`)) {
    if (Date.now() > deadline) throw new Error(`no log line for the probe request ${probe.requestId} within 15 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return server
    .output()
    .slice(mark)
    .split("\n")
    .filter((line) => line.trim() && (!line.startsWith("{") || /"level":(50|60)/.test(line)));
}

/** Targets the sign-in quietly replaces by "/" (another origin, or a path a browser reads as another host). */
const redirectCorpus: [string, string][] = [
  ["//evil.example", "/"],
  ["/.//evil.example", "/"],
  ["https://evil.example/", "/"],
  ["javascript:alert(1)", "/"],
  ["/%09/evil.example", "/%09/evil.example"],
  ["/gruppen/€", "/gruppen/%E2%82%AC"],
  [`${GROUP}/diskussion?seite=2`, `${GROUP}/diskussion?seite=2`],
];
/** Targets with characters no genuine link has: crafted, so the sign-in refuses the request (400), GET and POST. */
const craftedTargets = ["/\t/evil.example", "/\r/evil.example", "/\n/evil.example", "/\\evil.example", "/\u3000/evil.example", "/\uFEFF/evil.example", "/\u2028/evil.example", "/\u0000/x"];

describe("finding 3: after signing in, the browser stays on the portal", () => {
  it.each(redirectCorpus)("POST /anmelden with redirectTo %j → Location %s", async (redirectTo, expected) => {
    const client = new PortalClient(server.origin);
    const res = await client.post("/anmelden", { email: "jonas.weber@ag-portal.test", password: DEMO_PASSWORD, redirectTo });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(expected);
  });

  it.each(redirectCorpus)("GET /anmelden?redirectTo=%j when signed in → Location %s", async (redirectTo, expected) => {
    const res = await member.get(`/anmelden?${new URLSearchParams({ redirectTo })}`);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(expected);
  });

  it.each(craftedTargets)("a crafted redirectTo %j is refused with a German 400, signed in or not, GET and POST; no session", async (redirectTo) => {
    for (const res of [
      await member.get(`/anmelden?${new URLSearchParams({ redirectTo })}`),
      await fetch(`${server.origin}/anmelden?${new URLSearchParams({ redirectTo })}`, { redirect: "manual" }),
    ]) {
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("ungültige Zieladresse");
    }
    const client = new PortalClient(server.origin);
    const res = await client.post("/anmelden", { email: "jonas.weber@ag-portal.test", password: DEMO_PASSWORD, redirectTo });
    expect(res.status).toBe(400);
    expect(res.headers.get("location")).toBeNull();
    expect(client.cookie).toBeNull();
  });

  it("puts only a checked target into the sign-in form", async () => {
    const foreign = await (await fetch(`${server.origin}/anmelden?redirectTo=${encodeURIComponent("https://evil.example/")}`)).text();
    expect(foreign).toContain('name="redirectTo" value="/"');
    const genuine = await (await fetch(`${server.origin}/anmelden?redirectTo=${encodeURIComponent("/gruppen?seite=2")}`)).text();
    expect(genuine).toContain('name="redirectTo" value="/gruppen?seite=2"');
  });
});

const own = () => ({ origin: server.origin, "content-type": "application/x-www-form-urlencoded" });
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const login = (redirectTo: string) => form({ email: "jonas.weber@ag-portal.test", password: DEMO_PASSWORD, redirectTo });

type Case = [name: string, request: () => Promise<Answer>, status: number, expected: string | RegExp];
const cases: Case[] = [
  ["a path with broken percent-encoding", () => send("/%FF"), 400, "Ungültige Anfrage"],
  ["a group path with a cut-off sequence, signed in", () => send("/gruppen/%E0%A4%A", { headers: { cookie: member.cookie! } }), 400, "Ungültige Anfrage"],
  ["a built asset with broken percent-encoding", () => send("/build/%FF"), 400, "Ungültige Anfrage"],
  ["a font with broken percent-encoding", () => send("/fonts/%FF.woff2"), 400, "Ungültige Anfrage"],
  ["an invitation link with broken percent-encoding", () => send("/einladung/%FF"), 400, "Ungültige Anfrage"],
  ["a Host with a space", () => send("/", { headers: { host: "exa mple" } }), 400, "Ungültige Anfrage"],
  ["a Host with port 99999", () => send("/", { headers: { host: "localhost:99999" } }), 400, "Ungültige Anfrage"],
  ["a Host that is half an IPv6 address", () => send("/", { headers: { host: "[::" } }), 400, "Ungültige Anfrage"],
  // Without TRUST_PROXY nobody's X-Forwarded-Proto counts (finding 1): the page as usual.
  ["an X-Forwarded-Proto that is no scheme, from no declared proxy", () => send("/", { headers: { "x-forwarded-proto": "a b" } }), 200, "AG-Portal"],
  ["an absolute-form target", () => send("http://evil.example/"), 400, "Ungültige Anfrage"],
  ["TRACE from the portal's own origin", () => send("/", { method: "TRACE", headers: { origin: server.origin } }), 405, "Anfrage nicht möglich"],
  ["PROPFIND", () => send("/gruppen", { method: "PROPFIND", headers: { origin: server.origin } }), 405, "Anfrage nicht möglich"],
  // Ignored, since the portal takes its host from PUBLIC_ORIGIN: the page as usual.
  ["an X-Forwarded-Host that is no host", () => send("/", { headers: { "x-forwarded-host": "a b" } }), 200, "AG-Portal"],
  [
    "a POST with Origin: null and the portal's own Referer",
    () => send("/anmelden", { method: "POST", headers: { ...own(), origin: "null", referer: `${server.origin}/anmelden` }, body: login("/") }),
    403,
    "Anfrage abgelehnt",
  ],
  ["a redirect target with a line feed, signed in", () => send(`/anmelden?redirectTo=${encodeURIComponent("/\n/x")}`, { headers: { cookie: member.cookie! } }), 400, "ungültige Zieladresse"],
  ["a redirect target with U+3000, signed in", () => send(`/anmelden?redirectTo=${encodeURIComponent("/\u3000/x")}`, { headers: { cookie: member.cookie! } }), 400, "ungültige Zieladresse"],
  ["a sign-in whose redirect target has a line feed", () => send("/anmelden", { method: "POST", headers: own(), body: login("/\n/x") }), 400, "ungültige Zieladresse"],
  ["a sign-in whose redirect target has U+3000", () => send("/anmelden", { method: "POST", headers: own(), body: login("/\u3000/x") }), 400, "ungültige Zieladresse"],
  [
    "following a group with a way back that has a line feed",
    () => send(`${GROUP}/folgen`, { method: "POST", headers: { ...own(), cookie: admin.cookie! }, body: form({ intent: "follow", back: `${GROUP}/\nx` }) }),
    302,
    "",
  ],
  [
    "following a group with a way back that has U+3000",
    () => send(`${GROUP}/folgen`, { method: "POST", headers: { ...own(), cookie: admin.cookie! }, body: form({ intent: "unfollow", back: `${GROUP}?\u3000` }) }),
    302,
    "",
  ],
  ["a method no page takes", () => send("/gruppen", { method: "OPTIONS", headers: { cookie: member.cookie! } }), 405, "Anfrage nicht möglich"],
  ["a data request for a route the URL does not match", () => send("/?_data=%FF", { headers: { cookie: member.cookie! } }), 403, ""],
];

describe("finding 8: what a client sends wrong gets a German 4xx, and no error in the log", () => {
  it.each(cases)("%s", async (_name, request, status, expected) => {
    const mark = server.output().length;
    const answer = await request();
    expect(answer.status).toBe(status);
    expect(answer.text).toMatch(expected);
    if (status === 302) expect(new URL(answer.location!, server.origin).origin).toBe(server.origin);
    expect(await errorsLoggedSince(mark)).toEqual([]);
  });

  it("still serves after all of them", async () => {
    expect((await fetch(`${server.origin}/readyz`)).status).toBe(200);
  });
});
