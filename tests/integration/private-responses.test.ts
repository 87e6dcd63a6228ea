import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { PortalClient } from "../setup/http-client";
import { startPortal, type PortalServer } from "../setup/portal-server";

/**
 * Issue 18, finding 9 (ASVS 14.3.2): every response to a signed-in request
 * says `private, no-store` once, so no browser cache, back button on a shared
 * computer or proxy keeps personal content after signing out; also when the
 * rendered-page cache answers (docs/decisions/011). Built assets keep their
 * year of caching.
 */

const NO_STORE = "private, no-store";
const GROUP = "/gruppen/digitales-rathaus";

let server: PortalServer;
let anna: PortalClient;

beforeAll(async () => {
  server = await startPortal();
  anna = new PortalClient(server.origin);
  await anna.login("anna.schmidt@ag-portal.test", DEMO_PASSWORD);
});
afterAll(async () => {
  await server?.stop();
});

describe("responses to signed-in requests are not stored", () => {
  it.each([
    ["/", 200],
    ["/gruppen", 200],
    ["/fortschritt", 200],
    [GROUP, 200],
    [`${GROUP}/materialien`, 200],
    ["/konto/sitzungen", 200],
    ["/benachrichtigungen", 200],
    ["/suche?q=Rathaus", 200],
    ["/?_data=root", 200],
    ["/gruppen?_data=routes%2Fgruppen._index", 200],
    ["/gibt-es-nicht", 404],
    ["/verwaltung/benutzer", 403],
    ["/abmelden", 302],
  ])("GET %s (%i)", async (path, status) => {
    const res = await anna.get(path);
    expect(res.status).toBe(status);
    expect(res.headers.get("cache-control")).toBe(NO_STORE);
  });

  it.each(["/", "/gruppen", GROUP, "/?_data=root", "/fortschritt?_data=routes%2Ffortschritt._index"])(
    "%s says so on a page-cache miss and on a hit",
    async (path) => {
      // A new session: its first request cannot be in the cache (the session is part of the key).
      const client = new PortalClient(server.origin);
      await client.login("anna.schmidt@ag-portal.test", DEMO_PASSWORD);
      const seen = new Map<string, string | null>();
      // A miss right after a render is legitimate only when the minute turned or the session's
      // once-a-minute write happened in between (page-cache.test.ts): four tries give a hit.
      for (let i = 0; i < 4 && !seen.has("hit"); i++) {
        const res = await client.get(path);
        expect(res.status).toBe(200);
        await res.arrayBuffer();
        seen.set(String(res.headers.get("x-page-cache")), res.headers.get("cache-control"));
      }
      expect(Object.fromEntries(seen)).toEqual({ miss: NO_STORE, hit: NO_STORE });
      const head = await client.request(path, { method: "HEAD" });
      expect(head.headers.get("cache-control")).toBe(NO_STORE);
    },
  );

  it("a material download says it once", async () => {
    const html = await (await anna.get(`${GROUP}/materialien`)).text();
    const download = new RegExp(`${GROUP}/materialien/\\d+/download`).exec(html)?.[0];
    expect(download).toBeDefined();
    const res = await anna.get(download!);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe(NO_STORE);
  });

  it("signing out says it too", async () => {
    const leaving = new PortalClient(server.origin);
    await leaving.login("jonas.weber@ag-portal.test", DEMO_PASSWORD);
    const res = await leaving.post("/abmelden", {});
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/anmelden?abgemeldet=1");
    expect(res.headers.get("cache-control")).toBe(NO_STORE);
  });

  it("built assets keep a year of caching, also for a signed-in request", async () => {
    const html = await (await anna.get("/")).text();
    const asset = /href="(\/build\/_assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const res = await anna.get(asset!);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("max-age=31536000");
    expect(res.headers.get("cache-control")).not.toContain("no-store");
  });

  it("pages for signed-out visitors show nothing personal and are left as they were", async () => {
    const res = await fetch(`${server.origin}/anmelden`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBeNull();
  });
});
