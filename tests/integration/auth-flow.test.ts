import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { PortalClient } from "../setup/http-client";
import { startPortal, type PortalServer } from "../setup/portal-server";

let server: PortalServer;
beforeAll(async () => {
  server = await startPortal();
});
afterAll(async () => {
  await server?.stop();
});

const tokenFrom = (html: string) => /\/einladung\/([a-z2-9]{48})/.exec(html)?.[1];

describe("invitation → sign-up → login → logout", () => {
  it("works end to end, and the cookie stops working after logout", async () => {
    const admin = new PortalClient(server.origin);
    await admin.login("admin@ag-portal.test", DEMO_PASSWORD);

    const invite = await admin.post("/einladungen", { intent: "invite", email: "Neue.Person@Landkreis-Gotha.example", role: "member" });
    expect(invite.status).toBe(200);
    const token = tokenFrom(await invite.text());
    expect(token).toBeDefined();

    const invitee = new PortalClient(server.origin);
    const page = await invitee.get(`/einladung/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("neue.person@landkreis-gotha.example");

    const signup = await invitee.post(`/einladung/${token}`, {
      displayName: "Neue Person",
      password: "Sichere Passphrase im Landkreis",
      passwordRepeat: "Sichere Passphrase im Landkreis",
    });
    expect(signup.status).toBe(302);
    expect(signup.headers.get("set-cookie")).toMatch(/ag_session=[a-z2-9]{24}\.[a-z2-9]{24}; .*HttpOnly/i);
    expect(signup.headers.get("set-cookie")).toMatch(/SameSite=Lax/i);
    expect(signup.headers.get("set-cookie")).toMatch(/Path=\//);

    // The link is one-time.
    const again = await new PortalClient(server.origin).post(`/einladung/${token}`, {
      displayName: "Zweiter Versuch",
      password: "Noch eine Passphrase im Landkreis",
      passwordRepeat: "Noch eine Passphrase im Landkreis",
    });
    expect(again.status).toBe(410);

    // Log in fresh, with the e-mail in another case.
    const person = new PortalClient(server.origin);
    await person.login("NEUE.PERSON@landkreis-gotha.example", "Sichere Passphrase im Landkreis");
    const home = await person.get("/");
    expect(await home.text()).toContain("Willkommen, Neue Person");
    const cookie = person.cookie!;

    const logout = await person.post("/abmelden", {});
    expect(logout.status).toBe(302);
    expect(logout.headers.get("set-cookie")).toMatch(/ag_session=;.*Max-Age=0/i);

    const withOldCookie = await fetch(`${server.origin}/konto/sitzungen`, { headers: { cookie }, redirect: "manual" });
    expect(withOldCookie.status).toBe(302);
    expect(withOldCookie.headers.get("location")).toMatch(/^\/anmelden\?redirectTo=/);
  });

  it("refuses an unknown, malformed or revoked invitation link", async () => {
    const anon = new PortalClient(server.origin);
    expect((await anon.get(`/einladung/${"a".repeat(48)}`)).status).toBe(404);
    expect((await anon.get("/einladung/..%2F..%2Fetc")).status).toBe(404);

    const admin = new PortalClient(server.origin);
    await admin.login("admin@ag-portal.test", DEMO_PASSWORD);
    const token = tokenFrom(await (await admin.post("/einladungen", { intent: "invite", email: "zurueck@example.org", role: "observer" })).text());
    const list = await (await admin.get("/einladungen")).text();
    const id = /name="invitationId" value="(\d+)"/.exec(list)?.[1];
    expect(id).toBeDefined();
    expect((await admin.post("/einladungen", { intent: "revoke", invitationId: id! })).status).toBe(200);
    expect((await anon.get(`/einladung/${token}`)).status).toBe(404);
  });
});

describe("login", () => {
  it("gives the same answer for an unknown e-mail and a wrong password", async () => {
    const a = await new PortalClient(server.origin).post("/anmelden", { email: "gibt-es-nicht@ag-portal.test", password: "irgendetwas-langes" });
    const b = await new PortalClient(server.origin).post("/anmelden", { email: "jonas.weber@ag-portal.test", password: "irgendetwas-langes" });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    const textA = (await a.text()).replace(/nonce-[^"]+"|nonce="[^"]+"/g, "");
    const textB = (await b.text()).replace(/nonce-[^"]+"|nonce="[^"]+"/g, "");
    expect(textA).toContain("E-Mail-Adresse oder Passwort ist nicht korrekt.");
    expect(textB).toContain("E-Mail-Adresse oder Passwort ist nicht korrekt.");
    // The passwords are never echoed back into the page.
    expect(textA).not.toContain("irgendetwas-langes");
  });

  it("answers the sixth wrong password for one account with 429 and Retry-After", async () => {
    const client = new PortalClient(server.origin);
    for (let i = 1; i <= 5; i++) {
      const res = await client.post("/anmelden", { email: "anna.schmidt@ag-portal.test", password: `falsch-falsch-${i}` });
      expect(res.status, `attempt ${i}`).toBe(401);
    }
    const sixth = await client.post("/anmelden", { email: "Anna.Schmidt@ag-portal.test", password: "falsch-falsch-6" });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(60);
    expect(await sixth.text()).toContain("Zu viele fehlgeschlagene Anmeldeversuche");
    // Even the right password waits now.
    const right = await client.post("/anmelden", { email: "anna.schmidt@ag-portal.test", password: DEMO_PASSWORD });
    expect(right.status).toBe(429);
  });

  it("shows German field errors with 400 for malformed input, never a 500", async () => {
    const client = new PortalClient(server.origin);
    const res = await client.post("/anmelden", { email: "keine-adresse", password: "" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Bitte geben Sie eine gültige E-Mail-Adresse ein");
    expect(html).toMatch(/aria-invalid="true"/);
  });
});

describe("signing in again", () => {
  it("gives a new session and ends the one the browser had (ASVS 7.2.4)", async () => {
    const client = new PortalClient(server.origin);
    await client.login("jonas.weber@ag-portal.test", DEMO_PASSWORD);
    const before = client.cookie!;
    // The form posted again while signed in (a second tab, another account).
    const res = await client.post("/anmelden", { email: "jonas.weber@ag-portal.test", password: DEMO_PASSWORD });
    expect(res.status).toBe(302);
    expect(client.cookie).not.toBe(before);
    expect((await client.get("/konto/sitzungen")).status).toBe(200);
    const old = new PortalClient(server.origin);
    old.cookie = before;
    expect((await old.get("/konto/sitzungen")).status).toBe(302);
  });
});

describe("password change and sessions", () => {
  it("ends the other sessions when the password changes", async () => {
    const laptop = new PortalClient(server.origin);
    const phone = new PortalClient(server.origin);
    await laptop.login("jonas.weber@ag-portal.test", DEMO_PASSWORD);
    await phone.login("jonas.weber@ag-portal.test", DEMO_PASSWORD);

    const weak = await laptop.post("/konto/passwort", { currentPassword: DEMO_PASSWORD, password: "passwort1234", passwordRepeat: "passwort1234" });
    expect(weak.status).toBe(400);
    expect(await weak.text()).toContain("Listen häufig verwendeter Passwörter");

    const wrong = await laptop.post("/konto/passwort", { currentPassword: "nicht-das-richtige", password: "Neue lange Passphrase 2026", passwordRepeat: "Neue lange Passphrase 2026" });
    expect(wrong.status).toBe(400);

    const before = laptop.cookie!;
    const ok = await laptop.post("/konto/passwort", { currentPassword: DEMO_PASSWORD, password: "Neue lange Passphrase 2026", passwordRepeat: "Neue lange Passphrase 2026" });
    expect(ok.status).toBe(200);
    expect((await laptop.get("/konto/sitzungen")).status).toBe(200);
    expect((await phone.get("/konto/sitzungen")).status).toBe(302);
    // The laptop goes on with a new session; its old token is dead too (ASVS 7.2.4).
    expect(laptop.cookie).not.toBe(before);
    const old = new PortalClient(server.origin);
    old.cookie = before;
    expect((await old.get("/konto/sitzungen")).status).toBe(302);
  });

  it("lists my sessions and ends one of them, but never someone else's", async () => {
    const a = new PortalClient(server.origin);
    const b = new PortalClient(server.origin);
    await a.login("moderation@ag-portal.test", DEMO_PASSWORD);
    await b.login("moderation@ag-portal.test", DEMO_PASSWORD);
    const html = await (await a.get("/konto/sitzungen", { headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36" } })).text();
    const ids = [...html.matchAll(/name="sessionId" value="([a-z2-9]{24})"/g)].map((m) => m[1]);
    expect(ids.length).toBe(1);
    expect(html).toContain("Diese Sitzung");

    const other = new PortalClient(server.origin);
    await other.login("beobachtung@ag-portal.test", DEMO_PASSWORD);
    await other.post("/konto/sitzungen", { intent: "end", sessionId: ids[0] });
    expect((await b.get("/konto/sitzungen")).status).toBe(200);

    await a.post("/konto/sitzungen", { intent: "end", sessionId: ids[0] });
    expect((await b.get("/konto/sitzungen")).status).toBe(302);
    expect((await a.get("/konto/sitzungen")).status).toBe(200);
  });
});

describe("logging", () => {
  it("never writes an invitation token into the request log", async () => {
    const verbose = await startPortal({ env: { LOG_LEVEL: "info" } });
    try {
      const token = "k".repeat(48);
      await fetch(`${verbose.origin}/einladung/${token}`);
      await new Promise((r) => setTimeout(r, 200));
      expect(verbose.output()).toContain("/einladung/[entfernt]");
      expect(verbose.output()).not.toContain(token);
    } finally {
      await verbose.stop();
    }
  });
});
