import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { PortalClient } from "../setup/http-client";
import { startPortal, type PortalServer } from "../setup/portal-server";

let server: PortalServer;
const clients: Record<string, PortalClient> = {};
beforeAll(async () => {
  server = await startPortal();
  for (const [role, email] of Object.entries({
    admin: "admin@ag-portal.test",
    moderator: "moderation@ag-portal.test",
    member: "anna.schmidt@ag-portal.test",
    observer: "beobachtung@ag-portal.test",
  })) {
    clients[role] = new PortalClient(server.origin);
    await clients[role].login(email, DEMO_PASSWORD);
  }
  clients.anonymous = new PortalClient(server.origin);
});
afterAll(async () => {
  await server?.stop();
});

describe("CSRF: non-GET requests must come from the portal's own origin", () => {
  it("refuses a cross-origin POST with 403 and changes nothing", async () => {
    const res = await clients.admin.post(
      "/einladungen",
      { intent: "invite", email: "angreifer@example.org", role: "admin" },
      { origin: "https://evil.example" },
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Anfrage abgelehnt");
    const list = await (await clients.admin.get("/einladungen")).text();
    expect(list).not.toContain("angreifer@example.org");
  });

  it("refuses a POST without Origin whose Referer is foreign, and one with neither", async () => {
    const body = new URLSearchParams({ email: "a@b.de", password: "x" }).toString();
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    const foreignReferer = await fetch(`${server.origin}/anmelden`, { method: "POST", body, headers: { ...headers, referer: "https://evil.example/form" }, redirect: "manual" });
    expect(foreignReferer.status).toBe(403);
    const none = await fetch(`${server.origin}/anmelden`, { method: "POST", body, headers, redirect: "manual" });
    expect(none.status).toBe(403);
    const ownReferer = await fetch(`${server.origin}/anmelden`, { method: "POST", body, headers: { ...headers, referer: `${server.origin}/anmelden` }, redirect: "manual" });
    expect(ownReferer.status).toBe(401);
  });
});

describe("behind a proxy that rewrites Host", () => {
  it("a genuine POST (own Origin) with another Host is answered normally, not with a 500", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const body = new URLSearchParams({ email: "jonas.weber@ag-portal.test", password: "falsch-aber-lang" }).toString();
      const req = http.request(
        `${server.origin}/anmelden`,
        {
          method: "POST",
          headers: {
            host: "portal-intern:8080",
            "x-forwarded-host": "anderer-host.example",
            origin: server.origin,
            "content-type": "application/x-www-form-urlencoded",
            "content-length": Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
    expect(status).toBe(401);
  });
});

describe("bad input never gives a 500", () => {
  it("answers an oversized body with 413", async () => {
    const res = await clients.member.post("/anmelden", { email: "x@y.de", password: "a".repeat(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
  });

  // The server once closed the connection with its 413 while the client was
  // still sending: the client then saw EPIPE instead of the German message.
  it.each([3, 6, 10])("a client still sending %i MB reads the 413 page, not a broken connection", async (mb) => {
    const res = await clients.anonymous.post("/anmelden", { email: "x@y.de", password: "a".repeat(mb * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("zu groß");
  });

  it("does not let a client that declared more than it sends hold the connection", async () => {
    const closed = await new Promise<{ status: number; closedAfterMs: number }>((resolve, reject) => {
      const req = http.request(`${server.origin}/anmelden`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(1024 ** 3), origin: server.origin },
      });
      let status = 0;
      const start = Date.now();
      req.on("response", (res) => {
        status = res.statusCode ?? 0;
        res.resume();
      });
      req.on("error", () => {});
      req.on("close", () => resolve({ status, closedAfterMs: Date.now() - start }));
      req.write("email=x%40y.de&password=");
      setTimeout(() => reject(new Error("connection still open after 15 s")), 15_000).unref();
    });
    expect(closed.status).toBe(413);
    expect(closed.closedAfterMs).toBeLessThan(15_000);
  });

  it("answers a body that is not a form with 400", async () => {
    const res = await clients.member.request("/konto/passwort", {
      method: "POST",
      body: "{not json",
      headers: { "content-type": "application/json", origin: server.origin },
    });
    expect(res.status).toBe(400);
    const broken = await clients.member.request("/konto/passwort", {
      method: "POST",
      body: "--xyz\r\nbroken",
      headers: { "content-type": "multipart/form-data; boundary=abc", origin: server.origin },
    });
    expect(broken.status).toBe(400);
  });

  it.each([
    ["/einladungen", { intent: "invite", email: "kaputt", role: "kaiser" }],
    ["/einladungen", { intent: "revoke", invitationId: "-1" }],
    ["/verwaltung/benutzer", { intent: "zerstören", userId: "abc" }],
    ["/konto/sitzungen", { intent: "end", sessionId: "../../etc/passwd" }],
    ["/konto/passwort", { currentPassword: "", password: "kurz", passwordRepeat: "anders" }],
  ])("POST %s with malformed fields → 400 with a German message", async (path, fields) => {
    const res = await clients.admin.post(path, fields as Record<string, string>);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/Bitte|Ungültige Anfrage|fehlerhaft/);
  });

  it("answers an unknown page with a German 404 inside the layout", async () => {
    const res = await clients.anonymous.get("/gibt-es-nicht");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("Seite nicht gefunden");
    expect(html).toContain('<main id="inhalt"');
  });
});

describe("roles: pages refuse who may not use them", () => {
  const pages: [string, Record<string, number>][] = [
    ["/einladungen", { admin: 200, moderator: 200, member: 403, observer: 403, anonymous: 302 }],
    ["/verwaltung/benutzer", { admin: 200, moderator: 403, member: 403, observer: 403, anonymous: 302 }],
    ["/konto/sitzungen", { admin: 200, moderator: 200, member: 200, observer: 200, anonymous: 302 }],
    ["/konto/passwort", { admin: 200, moderator: 200, member: 200, observer: 200, anonymous: 302 }],
  ];
  for (const [path, expected] of pages) {
    for (const [role, status] of Object.entries(expected)) {
      it(`GET ${path} as ${role} → ${status}`, async () => {
        const res = await clients[role].get(path);
        expect(res.status).toBe(status);
        if (status === 403) expect(await res.text()).toContain("Kein Zugriff");
        if (status === 302) expect(res.headers.get("location")).toContain("/anmelden?redirectTo=");
      });
    }
  }

  it("refuses actions of roles that may not, and changes nothing", async () => {
    expect((await clients.member.post("/einladungen", { intent: "invite", email: "x@example.org", role: "member" })).status).toBe(403);
    expect((await clients.observer.post("/einladungen", { intent: "invite", email: "x@example.org", role: "member" })).status).toBe(403);
    // A moderator may invite members, not admins.
    expect((await clients.moderator.post("/einladungen", { intent: "invite", email: "chef@example.org", role: "admin" })).status).toBe(403);
    expect((await clients.moderator.post("/einladungen", { intent: "invite", email: "mitglied@example.org", role: "member" })).status).toBe(200);
    expect((await clients.moderator.post("/verwaltung/benutzer", { intent: "deactivate", userId: "3" })).status).toBe(403);
    expect((await clients.anonymous.post("/verwaltung/benutzer", { intent: "deactivate", userId: "3" })).status).toBe(302);
    const list = await (await clients.admin.get("/einladungen")).text();
    expect(list).toContain("mitglied@example.org");
    expect(list).not.toContain("chef@example.org");
    expect(list).not.toContain("x@example.org");
  });

  it("an admin cannot deactivate themselves", async () => {
    const html = await (await clients.admin.get("/verwaltung/benutzer")).text();
    const adminRow = html.split("<tr").find((row) => row.includes("admin@ag-portal.test"))!;
    expect(adminRow).not.toContain('value="deactivate"');
    const id = /"userId" value="(\d+)"/.exec(html)?.[1];
    expect(id).toBeDefined();
  });
});

describe("headers and health", () => {
  it("sends a CSP whose nonce is on every inline script, and the other security headers", async () => {
    const res = await clients.anonymous.get("/");
    const csp = res.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    const html = await res.text();
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attrs of scripts) {
      if (!/\bsrc=/.test(attrs)) expect(attrs).toContain(`nonce="${nonce}"`);
    }
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    // Plain http here: no HSTS.
    expect(res.headers.get("strict-transport-security")).toBeNull();
    // A second response gets a new nonce.
    const again = (await clients.anonymous.get("/")).headers.get("content-security-policy")!;
    expect(again).not.toContain(nonce!);
  });

  it("caches built assets for a year and compresses responses", async () => {
    const html = await (await clients.anonymous.get("/")).text();
    const asset = /href="(\/build\/_assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const res = await fetch(`${server.origin}${asset}`, { headers: { "accept-encoding": "gzip" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("max-age=31536000");
    expect(res.headers.get("cache-control")).toContain("immutable");
    expect(res.headers.get("content-encoding")).toBe("gzip");
  });

  it("answers /healthz and /readyz", async () => {
    expect(await (await fetch(`${server.origin}/healthz`)).json()).toEqual({ status: "ok" });
    expect(await (await fetch(`${server.origin}/readyz`)).json()).toEqual({ status: "ready" });
  });

  it("never writes the session cookie or a password into the log", async () => {
    expect(server.output()).not.toMatch(/ag_session=[a-z2-9]{24}\./);
    expect(server.output()).not.toContain(DEMO_PASSWORD);
  });
});
