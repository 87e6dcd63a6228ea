import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { PortalClient } from "../setup/http-client";
import { startPortal, type PortalServer } from "../setup/portal-server";

/**
 * Issue 18, finding 3: the target after signing in never leaves the portal.
 */

let server: PortalServer;
let member: PortalClient;
const GROUP = "/gruppen/digitales-rathaus";

beforeAll(async () => {
  server = await startPortal();
  member = new PortalClient(server.origin);
  await member.login("anna.schmidt@ag-portal.test", DEMO_PASSWORD);
});
afterAll(async () => {
  await server?.stop();
});

const redirectCorpus: [string, string][] = [
  ["/\t/evil.example", "/"],
  ["/\r/evil.example", "/"],
  ["/\n/evil.example", "/"],
  ["/\\evil.example", "/"],
  ["//evil.example", "/"],
  ["/.//evil.example", "/"],
  ["https://evil.example/", "/"],
  ["javascript:alert(1)", "/"],
  ["/\u3000/evil.example", "/"],
  ["/\uFEFF/evil.example", "/"],
  ["/\u2028/evil.example", "/"],
  ["/%09/evil.example", "/%09/evil.example"],
  ["/gruppen/€", "/gruppen/%E2%82%AC"],
  [`${GROUP}/diskussion?seite=2`, `${GROUP}/diskussion?seite=2`],
];

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

  it("puts only a checked target into the sign-in form", async () => {
    const crafted = await (await fetch(`${server.origin}/anmelden?redirectTo=${encodeURIComponent("/\t/evil.example")}`)).text();
    expect(crafted).toContain('name="redirectTo" value="/"');
    const genuine = await (await fetch(`${server.origin}/anmelden?redirectTo=${encodeURIComponent("/gruppen?seite=2")}`)).text();
    expect(genuine).toContain('name="redirectTo" value="/gruppen?seite=2"');
  });
});
