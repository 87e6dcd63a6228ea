import Database from "better-sqlite3";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGroup } from "../../app/models/group.server";
import { grantObserver } from "../../app/models/membership.server";
import { closeDb } from "../../db/client.server";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { createTestUser } from "../fixtures/users";
import { PortalClient } from "../setup/http-client";
import { signInAll, startPortalWithModels } from "../setup/fixture-server";
import type { PortalServer } from "../setup/portal-server";

let server: PortalServer;
const c: Record<string, PortalClient> = {};
const ids: Record<string, number> = {};
let A: string; // intern, moderated by "groupMod", member "member"
let B: string; // intern, only "otherMember"
let C: string; // vertraulich, moderated by "groupMod"

beforeAll(async () => {
  // The test writes its fixtures through the same models, into the server's database file.
  server = await startPortalWithModels();
  const users = {
    globalMod: await createTestUser("moderator", "Gisela Globalmoderation"),
    groupMod: await createTestUser("member", "Greta Gruppenmoderation"),
    member: await createTestUser("member", "Max Mitglied"),
    otherMember: await createTestUser("member", "Olaf Anderegruppe"),
    observer: await createTestUser("observer", "Olga Beobachtung"),
    grantedObserver: await createTestUser("observer", "Gerd Freigabe"),
  };
  const stamp = Date.now().toString(36);
  const a = createGroup({ title: "Gruppe A", slug: `a-${stamp}`, loge: null, description: "Testgruppe A mit Beschreibung", goals: "", visibility: "intern" }, users.groupMod.id);
  const b = createGroup({ title: "Gruppe B", slug: `b-${stamp}`, loge: null, description: "Testgruppe B mit Beschreibung", goals: "", visibility: "intern" }, users.otherMember.id);
  const cc = createGroup({ title: "Gruppe C", slug: `c-${stamp}`, loge: null, description: "Vertrauliche Testgruppe C", goals: "", visibility: "vertraulich" }, users.groupMod.id);
  const db = new Database(server.dbPath);
  db.prepare("INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, 'member', ?)").run(a.id, users.member.id, Date.now());
  db.close();
  grantObserver(cc.id, users.grantedObserver.id, users.groupMod.id);
  A = a.slug;
  B = b.slug;
  C = cc.slug;
  ids.A = a.id;
  ids.B = b.id;
  for (const [name, u] of Object.entries(users)) ids[name] = u.id;
  Object.assign(c, await signInAll(server.origin, users));
  c.admin = new PortalClient(server.origin);
  await c.admin.login("admin@ag-portal.test", DEMO_PASSWORD);
  c.anonymous = new PortalClient(server.origin);
});
afterAll(async () => {
  closeDb();
  await server?.stop();
});

const roles = ["admin", "globalMod", "groupMod", "member", "otherMember", "observer", "anonymous"] as const;
type Role = (typeof roles)[number];

async function expectStatuses(path: () => string, expected: Record<Role, number>) {
  for (const role of roles) {
    const res = await c[role].get(path());
    expect(res.status, `${role} GET ${path()}`).toBe(expected[role]);
  }
}

describe("group pages × roles", () => {
  it("the list is for every signed-in user", async () => {
    await expectStatuses(() => "/gruppen", { admin: 200, globalMod: 200, groupMod: 200, member: 200, otherMember: 200, observer: 200, anonymous: 302 });
  });

  it("an intern group and its tabs are readable by every signed-in user", async () => {
    for (const tab of ["", "/dokumente", "/diskussion", "/aktivitaet"]) {
      await expectStatuses(() => `/gruppen/${A}${tab}`, { admin: 200, globalMod: 200, groupMod: 200, member: 200, otherMember: 200, observer: 200, anonymous: 302 });
    }
  });

  it("a confidential group answers 404 to whoever may not read it, and is not listed for them", async () => {
    await expectStatuses(() => `/gruppen/${C}`, { admin: 200, globalMod: 404, groupMod: 200, member: 404, otherMember: 404, observer: 404, anonymous: 302 });
    expect((await c.grantedObserver.get(`/gruppen/${C}`)).status).toBe(200);
    expect(await (await c.member.get("/gruppen")).text()).not.toContain("Gruppe C");
    expect(await (await c.grantedObserver.get("/gruppen")).text()).toContain("Gruppe C");
  });

  it("the edit page is for admins, global moderators and the group moderation", async () => {
    await expectStatuses(() => `/gruppen/${A}/bearbeiten`, { admin: 200, globalMod: 200, groupMod: 200, member: 403, otherMember: 403, observer: 403, anonymous: 302 });
  });

  it("opening a group is for admins and global moderators", async () => {
    await expectStatuses(() => "/gruppen/neu", { admin: 200, globalMod: 200, groupMod: 403, member: 403, otherMember: 403, observer: 403, anonymous: 302 });
  });

  it("an unknown group is a German 404", async () => {
    const res = await c.member.get("/gruppen/gibt-es-nicht");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Diese Arbeitsgruppe gibt es nicht");
  });
});

describe("the group list is paginated", () => {
  it("shows 24 groups a page, keeps the filters in the page links, and clamps bad page numbers", async () => {
    for (let i = 0; i < 26; i++) {
      createGroup({ title: `Seitengruppe ${String(i).padStart(2, "0")}`, slug: `seite-${i}-${Date.now().toString(36)}`, loge: null, description: "Gruppe für den Seitentest", goals: "", visibility: "intern" }, ids.globalMod);
    }
    const first = await (await c.observer.get("/gruppen?status=aktiv")).text();
    expect(first.match(/class="kern-card"/g)?.length).toBe(24);
    expect(first).toContain("Seite 1 von 2");
    expect(first).toMatch(/href="\/gruppen\?status=aktiv&amp;seite=2"/);
    const second = await (await c.observer.get("/gruppen?status=aktiv&seite=2")).text();
    expect(second).toContain("Seite 2 von 2");
    expect((await c.observer.get("/gruppen?seite=-3")).status).toBe(200);
    expect(await (await c.observer.get("/gruppen?seite=999")).text()).toContain("Seite 2 von 2");
  });
});

describe("opening and editing groups", () => {
  const form = (over: Record<string, string> = {}) => ({
    title: "Open Data in Kommunen",
    description: "Offene Daten aus Thüringer Kommunen gemeinsam veröffentlichen.",
    goals: "Datenkatalog\nLizenzempfehlung",
    visibility: "intern",
    ...over,
  });

  it("refuses roles that may not, and changes nothing", async () => {
    for (const role of ["groupMod", "member", "observer"] as const) {
      expect((await c[role].post("/gruppen/neu", form({ slug: `verboten-${role.toLowerCase()}` }))).status).toBe(403);
    }
    expect((await c.anonymous.post("/gruppen/neu", form())).status).toBe(302);
    expect((await c.admin.get("/gruppen/verboten-member")).status).toBe(404);
  });

  it("opens a group with a slug from the title; the opener becomes its moderation", async () => {
    const res = await c.globalMod.post("/gruppen/neu", form());
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/gruppen/open-data-in-kommunen?eroeffnet=1");
    const page = await (await c.globalMod.get("/gruppen/open-data-in-kommunen")).text();
    expect(page).toContain("Ihre Rolle: Gruppenmoderation");
  });

  it("gives field errors for a taken, malformed or reserved slug and for short fields", async () => {
    const taken = await c.globalMod.post("/gruppen/neu", form());
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain("Diese Adresse ist schon vergeben");
    const bad = await c.globalMod.post("/gruppen/neu", form({ slug: "Über/../x" }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Nur Kleinbuchstaben");
    const reserved = await c.globalMod.post("/gruppen/neu", form({ slug: "neu" }));
    expect(reserved.status).toBe(400);
    const short = await c.globalMod.post("/gruppen/neu", form({ title: "x", description: "kurz", visibility: "geheim" }));
    expect(short.status).toBe(400);
  });

  it("the group moderation edits; only portal moderation archives, and an archived group is read-only", async () => {
    // The group moderation's form holds description and goals; the other fields are the portal moderation's.
    const content = { description: "Testgruppe A, überarbeitet von der Gruppenmoderation", goals: "" };
    expect((await c.groupMod.post(`/gruppen/${A}/bearbeiten`, content)).status).toBe(302);
    expect((await c.groupMod.post(`/gruppen/${A}/bearbeiten`, form({ title: "Gruppe A (überarbeitet)", slug: A }))).status).toBe(403);
    expect((await c.globalMod.post(`/gruppen/${A}/bearbeiten`, form({ title: "Gruppe A (überarbeitet)", slug: A }))).status).toBe(302);
    expect((await c.member.post(`/gruppen/${A}/bearbeiten`, content)).status).toBe(403);
    expect((await c.member.post(`/gruppen/${A}/bearbeiten`, form({ slug: A }))).status).toBe(403);
    expect((await c.groupMod.post(`/gruppen/${A}/bearbeiten`, { intent: "status", status: "archiviert" })).status).toBe(403);
    expect((await c.globalMod.post(`/gruppen/${A}/bearbeiten`, { intent: "status", status: "archiviert" })).status).toBe(200);

    expect((await c.groupMod.post(`/gruppen/${A}?index`, { intent: "milestone-add", title: "Nach dem Archiv" })).status).toBe(403);
    expect((await c.otherMember.post(`/gruppen/${A}?index`, { intent: "join" })).status).toBe(403);
    expect((await c.groupMod.post(`/gruppen/${A}/bearbeiten`, content)).status).toBe(403);
    expect((await c.globalMod.post(`/gruppen/${A}/bearbeiten`, form({ slug: A }))).status).toBe(403);
    expect(await (await c.member.get(`/gruppen/${A}`)).text()).toContain("archiviert");

    expect((await c.globalMod.post(`/gruppen/${A}/bearbeiten`, { intent: "status", status: "aktiv" })).status).toBe(200);
  });
});

describe("membership", () => {
  it("asking to join: one request, no observers, no members; the moderation decides", async () => {
    expect((await c.otherMember.post(`/gruppen/${A}?index`, { intent: "join", message: "Ich bringe Erfahrung mit." })).status).toBe(200);
    const twice = await c.otherMember.post(`/gruppen/${A}?index`, { intent: "join" });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain("bereits um Mitarbeit gebeten");
    const db = new Database(server.dbPath, { readonly: true });
    const open = db.prepare("SELECT id FROM join_requests WHERE group_id = ? AND user_id = ? AND status = 'offen'").all(ids.A, ids.otherMember) as { id: number }[];
    db.close();
    expect(open).toHaveLength(1);

    expect((await c.observer.post(`/gruppen/${A}?index`, { intent: "join" })).status).toBe(403);
    expect((await c.member.post(`/gruppen/${A}?index`, { intent: "join" })).status).toBe(403);

    const requestId = String(open[0].id);
    for (const role of ["member", "otherMember", "observer"] as const) {
      expect((await c[role].post(`/gruppen/${A}?index`, { intent: "accept-request", requestId })).status, role).toBe(403);
    }
    const noReason = await c.groupMod.post(`/gruppen/${A}?index`, { intent: "decline-request", requestId, reason: "" });
    expect(noReason.status).toBe(400);
    const declined = await c.groupMod.post(`/gruppen/${A}?index`, { intent: "decline-request", requestId, reason: "Die Gruppe ist gerade voll besetzt." });
    expect(declined.status).toBe(200);
    expect(await (await c.otherMember.get(`/gruppen/${A}`)).text()).toContain("Die Gruppe ist gerade voll besetzt.");

    expect((await c.otherMember.post(`/gruppen/${A}?index`, { intent: "join" })).status).toBe(200);
    const db2 = new Database(server.dbPath, { readonly: true });
    const second = db2.prepare("SELECT id FROM join_requests WHERE group_id = ? AND user_id = ? AND status = 'offen'").get(ids.A, ids.otherMember) as { id: number };
    db2.close();
    expect((await c.globalMod.post(`/gruppen/${A}?index`, { intent: "accept-request", requestId: String(second.id) })).status).toBe(200);
    expect(await (await c.otherMember.get(`/gruppen/${A}`)).text()).toContain("Ihre Rolle: Mitglied");
  });

  it("invitations: to existing non-observer users; the invitee accepts", async () => {
    expect((await c.member.post(`/gruppen/${B}?index`, { intent: "invite", userId: String(ids.member), role: "member" })).status).toBe(403);
    const obs = await c.otherMember.post(`/gruppen/${B}?index`, { intent: "invite", userId: String(ids.observer), role: "member" });
    expect(obs.status).toBe(409);
    expect((await c.otherMember.post(`/gruppen/${B}?index`, { intent: "invite", userId: String(ids.member), role: "member" })).status).toBe(200);
    expect((await c.otherMember.post(`/gruppen/${B}?index`, { intent: "invite", userId: String(ids.member), role: "member" })).status).toBe(409);
    expect(await (await c.member.get(`/gruppen/${B}`)).text()).toContain("Die Gruppenmoderation lädt Sie als Mitglied ein.");
    // The overview's buttons post to the invitation's page, which answers invitations for every group.
    expect(await (await c.member.get(`/gruppen/${B}`)).text()).toContain(`action="/gruppen/${B}/einladung"`);
    expect((await c.member.post(`/gruppen/${B}/einladung`, { intent: "accept-invite" })).status).toBe(302);
    expect((await c.member.post(`/gruppen/${B}/einladung`, { intent: "accept-invite" })).status).toBe(404);
    expect(await (await c.member.get(`/gruppen/${B}`)).text()).toContain("Ihre Rolle: Mitglied");
  });

  it("roles and removal: never the last moderation; removed members' sockets hear it within 1 s", async () => {
    expect((await c.member.post(`/gruppen/${B}?index`, { intent: "remove-member", userId: String(ids.otherMember) })).status).toBe(403);
    const last = await c.otherMember.post(`/gruppen/${B}?index`, { intent: "leave" });
    expect(last.status).toBe(409);
    expect(await last.text()).toContain("mindestens eine Gruppenmoderation");
    expect((await c.otherMember.post(`/gruppen/${B}?index`, { intent: "set-role", userId: String(ids.otherMember), role: "member" })).status).toBe(409);

    const socket = io(server.origin, { transports: ["websocket"], reconnection: false, extraHeaders: { origin: server.origin, cookie: c.member.cookie! } });
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const heard = new Promise<{ groupId: number | null; reason: string }>((resolve) => socket.once("rights:changed", resolve));
    const start = Date.now();
    expect((await c.otherMember.post(`/gruppen/${B}?index`, { intent: "remove-member", userId: String(ids.member) })).status).toBe(200);
    const change = await heard;
    expect(Date.now() - start).toBeLessThan(1000);
    expect(change).toEqual({ groupId: ids.B, reason: "removed" });
    socket.disconnect();
    expect(await (await c.member.get(`/gruppen/${B}`)).text()).not.toContain("Ihre Rolle: Mitglied");
  });

  it("milestones: the group moderation adds and ticks; ids of other groups are out of reach", async () => {
    expect((await c.member.post(`/gruppen/${A}?index`, { intent: "milestone-add", title: "Nicht erlaubt" })).status).toBe(403);
    expect((await c.groupMod.post(`/gruppen/${A}?index`, { intent: "milestone-add", title: "Entwurf fertig", dueDate: "2027-02-30" })).status).toBe(400);
    expect((await c.groupMod.post(`/gruppen/${A}?index`, { intent: "milestone-add", title: "Entwurf fertig", dueDate: "2027-02-28" })).status).toBe(200);
    const db = new Database(server.dbPath, { readonly: true });
    const m = db.prepare("SELECT id FROM group_milestones WHERE group_id = ?").get(ids.A) as { id: number };
    db.close();
    expect((await c.otherMember.post(`/gruppen/${B}?index`, { intent: "milestone-done", milestoneId: String(m.id) })).status).toBe(404);
    expect((await c.groupMod.post(`/gruppen/${A}?index`, { intent: "milestone-done", milestoneId: String(m.id) })).status).toBe(200);
    expect(await (await c.member.get(`/gruppen/${A}`)).text()).toContain("1 von 1 erreicht");
  });

  it("inviting searches people instead of listing every account; LIKE wildcards are plain text", async () => {
    const found = await (await c.otherMember.get(`/gruppen/${B}?person=mitgl`)).text();
    expect(found).toContain("Max Mitglied");
    expect(found).not.toContain("Olga Beobachtung");
    const none = await (await c.otherMember.get(`/gruppen/${B}?person=${encodeURIComponent("%_")}`)).text();
    expect(none).toContain("Niemand passt zu");
    const empty = await (await c.otherMember.get(`/gruppen/${B}`)).text();
    expect(empty).not.toContain('name="userId"');
    // Members without the right get no search at all.
    expect(await (await c.member.get(`/gruppen/${A}?person=mitgl`)).text()).not.toContain("Person suchen");
  });

  it("bad input: unknown intent and malformed ids → 400, never 500", async () => {
    expect((await c.groupMod.post(`/gruppen/${A}?index`, { intent: "sprengen" })).status).toBe(400);
    expect((await c.groupMod.post(`/gruppen/${A}?index`, { intent: "remove-member", userId: "eins" })).status).toBe(400);
    expect((await c.groupMod.post(`/gruppen/${A}?index`, {})).status).toBe(400);
  });
});
