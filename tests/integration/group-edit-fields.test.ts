import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGroup } from "../../app/models/group.server";
import { closeDb } from "../../db/client.server";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { createTestUser } from "../fixtures/users";
import { signInAll, startPortalWithModels } from "../setup/fixture-server";
import { PortalClient } from "../setup/http-client";
import type { PortalServer } from "../setup/portal-server";

/**
 * Issue 18, finding 4: the group's edit form takes each field only from
 * those the permission module lets change it. The group moderation edits
 * description and goals; title, address, Loge and visibility belong to the
 * portal's moderation and administration. A forged POST with a field the
 * user may not change is refused with 403 and changes nothing.
 */

let server: PortalServer;
const c: Record<string, PortalClient> = {};
let intern: { id: number; slug: string };
let secret: { id: number; slug: string };

type GroupRow = { title: string; slug: string; loge: string | null; description: string; goals: string; visibility: string };
const rowOf = (id: number): GroupRow => {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare("select title, slug, loge, description, goals, visibility from groups where id = ?").get(id) as GroupRow;
  } finally {
    db.close();
  }
};
const edit = (who: string, slug: string, fields: Record<string, string>) => c[who].post(`/gruppen/${slug}/bearbeiten`, fields);
const content = { description: "Die Gruppe arbeitet an offenen Daten der Kommunen.", goals: "Datenkatalog" };

beforeAll(async () => {
  server = await startPortalWithModels();
  const users = {
    groupMod: await createTestUser("member", "Greta Gruppenmoderation"),
    globalMod: await createTestUser("moderator", "Gisela Globalmoderation"),
  };
  const stamp = Date.now().toString(36);
  intern = createGroup({ title: "Felder intern", slug: `felder-intern-${stamp}`, loge: null, description: "Eine interne Gruppe für die Feldrechte.", goals: "", visibility: "intern" }, users.groupMod.id);
  secret = createGroup({ title: "Felder vertraulich", slug: `felder-vertraulich-${stamp}`, loge: null, description: "Eine vertrauliche Gruppe für die Feldrechte.", goals: "", visibility: "vertraulich" }, users.groupMod.id);
  Object.assign(c, await signInAll(server.origin, users));
  c.admin = new PortalClient(server.origin);
  await c.admin.login("admin@ag-portal.test", DEMO_PASSWORD);
});
afterAll(async () => {
  closeDb();
  await server?.stop();
});

describe("the group moderation changes description and goals only", () => {
  /** The form as a portal moderator's page sends it: every field, with the current values but one. */
  const wholeForm = (row: GroupRow, change: Record<string, string>): Record<string, string> => ({ title: row.title, slug: row.slug, loge: row.loge ?? "", description: row.description, goals: row.goals, visibility: row.visibility, ...change });

  // A forged visibility=vertraulich, and the reverse: a confidential group opened to everyone.
  it.each([
    ["intern", "vertraulich"],
    ["vertraulich", "intern"],
  ] as const)("a %s group: a forged visibility=%s is refused with 403 and the row stays as it was", async (from, to) => {
    const group = from === "intern" ? intern : secret;
    const before = rowOf(group.id);
    expect(before.visibility).toBe(from);
    for (const fields of [wholeForm(before, { visibility: to }), { ...content, visibility: to }]) {
      const res = await edit("groupMod", group.slug, fields);
      expect(res.status, JSON.stringify(fields)).toBe(403);
      expect(rowOf(group.id)).toEqual(before);
    }
  });

  it("title, address and Loge are refused the same way, even with the current values", async () => {
    const before = rowOf(intern.id);
    const extras: Record<string, string>[] = [{ title: "Umbenannt" }, { slug: "umgezogen" }, { slug: intern.slug }, { loge: "Digitales Rathaus" }, { title: before.title }];
    for (const extra of extras) {
      const res = await edit("groupMod", intern.slug, { ...content, ...extra });
      expect(res.status, JSON.stringify(extra)).toBe(403);
    }
    expect(rowOf(intern.id)).toEqual(before);
  });

  it("what the form sends for the group moderation (description and goals) is saved; the rest stays", async () => {
    const before = rowOf(intern.id);
    const res = await edit("groupMod", intern.slug, content);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/gruppen/${intern.slug}?gespeichert=1`);
    expect(rowOf(intern.id)).toEqual({ ...before, ...content });
  });

  it("its edit form shows only those two fields", async () => {
    const page = await (await c.groupMod.get(`/gruppen/${intern.slug}/bearbeiten`)).text();
    expect(page).toContain('name="description"');
    expect(page).toContain('name="goals"');
    for (const field of ["title", "slug", "loge", "visibility"]) expect(page, field).not.toContain(`name="${field}"`);
    expect(page).toContain("Titel, Adresse, Loge und Sichtbarkeit ändern die Moderation und die Administration des Portals.");
  });

  it("bad input in its own fields is still a field error (400), not a 403", async () => {
    const res = await edit("groupMod", intern.slug, { description: "kurz" });
    expect(res.status).toBe(400);
  });
});

describe("the portal's moderation and administration change every field", () => {
  it("a global moderator makes the group confidential, an admin opens it again; the form shows every field", async () => {
    const page = await (await c.globalMod.get(`/gruppen/${intern.slug}/bearbeiten`)).text();
    for (const field of ["title", "slug", "loge", "description", "goals", "visibility"]) expect(page, field).toContain(`name="${field}"`);

    const closed = await edit("globalMod", intern.slug, { title: "Felder intern", slug: intern.slug, ...content, visibility: "vertraulich" });
    expect(closed.status).toBe(302);
    expect(rowOf(intern.id).visibility).toBe("vertraulich");
    const opened = await edit("admin", intern.slug, { title: "Felder neu benannt", slug: intern.slug, loge: "Digitales Rathaus", ...content, visibility: "intern" });
    expect(opened.status).toBe(302);
    expect(rowOf(intern.id)).toMatchObject({ title: "Felder neu benannt", loge: "Digitales Rathaus", visibility: "intern" });
  });
});
