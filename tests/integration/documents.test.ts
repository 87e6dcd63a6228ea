import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGroup } from "../../app/models/group.server";
import { closeDb } from "../../db/client.server";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { createTestUser } from "../fixtures/users";
import { PortalClient } from "../setup/http-client";
import { signInAll, startPortalWithModels } from "../setup/fixture-server";
import type { PortalServer } from "../setup/portal-server";

let server: PortalServer;
const c: Record<string, PortalClient> = {};
let A = "";
let B = "";
let groupA = 0;

beforeAll(async () => {
  server = await startPortalWithModels();
  const users = {
    groupMod: await createTestUser("member", "Dora Dokumentmoderation"),
    member: await createTestUser("member", "Mia Mitglied"),
    otherMember: await createTestUser("member", "Otto Anderegruppe"),
    observer: await createTestUser("observer", "Oda Beobachtung"),
  };
  const stamp = Date.now().toString(36);
  const a = createGroup({ title: "Dokgruppe A", slug: `dok-a-${stamp}`, loge: null, description: "Gruppe für Dokumenttests", goals: "", visibility: "intern" }, users.groupMod.id);
  const b = createGroup({ title: "Dokgruppe B", slug: `dok-b-${stamp}`, loge: null, description: "Andere Gruppe für Dokumenttests", goals: "", visibility: "intern" }, users.otherMember.id);
  const db = new Database(server.dbPath);
  db.prepare("INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, 'member', ?)").run(a.id, users.member.id, Date.now());
  db.close();
  A = a.slug;
  B = b.slug;
  groupA = a.id;
  Object.assign(c, await signInAll(server.origin, users));
  c.admin = new PortalClient(server.origin);
  await c.admin.login("admin@ag-portal.test", DEMO_PASSWORD);
  c.anonymous = new PortalClient(server.origin);
});
afterAll(async () => {
  closeDb();
  await server?.stop();
});

const docIdFrom = (location: string | null) => Number(/\/dokumente\/(\d+)/.exec(location ?? "")?.[1]);

describe("documents × roles", () => {
  let docId = 0;

  it("the list is readable by every signed-in user", async () => {
    for (const role of ["admin", "groupMod", "member", "otherMember", "observer"]) {
      expect((await c[role].get(`/gruppen/${A}/dokumente`)).status, role).toBe(200);
    }
    expect((await c.anonymous.get(`/gruppen/${A}/dokumente`)).status).toBe(302);
  });

  it("members and the group moderation create; others are refused and nothing is created", async () => {
    for (const role of ["observer", "otherMember", "admin"]) {
      expect((await c[role].post(`/gruppen/${A}/dokumente?index`, { intent: "create", title: `Verboten ${role}`, kind: "empfehlung" })).status, role).toBe(403);
    }
    expect((await c.member.post(`/gruppen/${A}/dokumente?index`, { intent: "create", title: "x", kind: "gedicht" })).status).toBe(400);
    const res = await c.member.post(`/gruppen/${A}/dokumente?index`, { intent: "create", title: "Empfehlung Open Data", kind: "empfehlung" });
    expect(res.status).toBe(302);
    docId = docIdFrom(res.headers.get("location"));
    expect(docId).toBeGreaterThan(0);
    const list = await (await c.observer.get(`/gruppen/${A}/dokumente`)).text();
    expect(list).toContain("Empfehlung Open Data");
    expect(list).not.toContain("Verboten");
  });

  it("a document is only reachable through its own group, with a numeric id", async () => {
    expect((await c.observer.get(`/gruppen/${A}/dokumente/${docId}`)).status).toBe(200);
    expect((await c.otherMember.get(`/gruppen/${B}/dokumente/${docId}`)).status).toBe(404);
    expect((await c.member.get(`/gruppen/${A}/dokumente/abc`)).status).toBe(404);
    expect((await c.member.get(`/gruppen/${A}/dokumente/999999`)).status).toBe(404);
  });

  it("renaming follows edit:document; the status follows the group moderation and the workflow", async () => {
    const path = `/gruppen/${A}/dokumente/${docId}`;
    expect((await c.observer.post(path, { intent: "rename", title: "Umbenannt" })).status).toBe(403);
    expect((await c.member.post(path, { intent: "rename", title: "" })).status).toBe(400);
    expect((await c.member.post(path, { intent: "rename", title: "Empfehlung Offene Daten" })).status).toBe(200);

    expect((await c.member.post(path, { intent: "status", status: "in_konsultation", comment: "Begründung im Test" })).status).toBe(403);
    expect((await c.groupMod.post(path, { intent: "status", status: "uebergeben", comment: "Begründung im Test" })).status).toBe(409);
    expect((await c.groupMod.post(path, { intent: "status", status: "in_konsultation", comment: "Begründung im Test" })).status).toBe(200);
    expect((await c.groupMod.post(path, { intent: "status", status: "beschlossen", comment: "Begründung im Test" })).status).toBe(200);
    // Decided: nobody renames any more.
    expect((await c.member.post(path, { intent: "rename", title: "Zu spät" })).status).toBe(403);
    const page = await (await c.observer.get(path)).text();
    expect(page).toContain("Empfehlung Offene Daten");
    expect(page).toContain("Entwurf → In Konsultation");
    expect(page).toContain("In Konsultation → Beschlossen");
    expect((await c.groupMod.post(path, { intent: "sprengen" })).status).toBe(400);
  });

  it("the group moderation deletes; the document disappears but is kept", async () => {
    const path = `/gruppen/${A}/dokumente/${docId}`;
    expect((await c.member.post(path, { intent: "delete" })).status).toBe(403);
    const res = await c.groupMod.post(path, { intent: "delete" });
    expect(res.status).toBe(302);
    expect((await c.member.get(path)).status).toBe(404);
    const db = new Database(server.dbPath, { readonly: true });
    const row = db.prepare("SELECT deleted_at FROM documents WHERE id = ? AND group_id = ?").get(docId, groupA) as { deleted_at: number | null };
    db.close();
    expect(row.deleted_at).not.toBeNull();
  });
});
