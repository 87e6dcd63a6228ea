import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGroup } from "../../app/models/group.server";
import { closeDb } from "../../db/client.server";
import { createTestUser } from "../fixtures/users";
import { signInAll, startPortalWithModels } from "../setup/fixture-server";
import type { PortalClient } from "../setup/http-client";
import type { PortalServer } from "../setup/portal-server";

/**
 * Issue 18, finding 11: an invitation to a vertraulich group can be seen and
 * answered by the invited person, following the start page's link the way a
 * browser without JavaScript would; to everyone else the group stays as
 * invisible as a missing one.
 */

let server: PortalServer;
let c: Record<string, PortalClient>;
const ids: Record<string, number> = {};
let secret: { id: number; slug: string; title: string };
let intern: { id: number; slug: string; title: string };

/** One value from the server's database (undefined when there is no row). */
function valueOf(sql: string, ...params: number[]): string | undefined {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return (db.prepare(sql).pluck().get(...params) as string | undefined) ?? undefined;
  } finally {
    db.close();
  }
}
const invitationStatus = (groupId: number, userId: number) =>
  valueOf("select status from group_invitations where group_id = ? and user_id = ? order by id desc", groupId, userId);
const memberRole = (groupId: number, userId: number) => valueOf("select role from group_members where group_id = ? and user_id = ?", groupId, userId);

/** The start page's link to the invitation into the group with this title. */
async function invitationLink(client: PortalClient, title: string): Promise<string> {
  const home = await (await client.get("/")).text();
  const link = new RegExp(`<a[^>]*href="([^"]+)"[^>]*>${title}</a>`).exec(home)?.[1];
  expect(link, `a link to "${title}" on the start page`).toBeDefined();
  return link!;
}

/** Follows the link and submits the button with this label: a form post to the form's own action. */
async function answerOnPage(client: PortalClient, path: string, button: "Einladung annehmen" | "Einladung ablehnen") {
  const page = await client.get(path);
  expect(page.status, `GET ${path}`).toBe(200);
  const html = await page.text();
  const form = [...html.matchAll(/<form[^>]*>[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => f.includes(button));
  expect(form, `a form with "${button}" on ${path}`).toBeDefined();
  const action = /action="([^"]*)"/.exec(form!)?.[1] ?? path;
  const [, name, value] = /<button[^>]*name="([^"]+)"[^>]*value="([^"]+)"/.exec(form!) ?? [];
  return client.post(action.replace(/&amp;/g, "&"), { [name]: value });
}

beforeAll(async () => {
  server = await startPortalWithModels();
  const users = {
    groupMod: await createTestUser("member", "Greta Gruppenmoderation"),
    invitee: await createTestUser("member", "Ines Eingeladen"),
    decliner: await createTestUser("member", "Dirk Ablehnend"),
    outsider: await createTestUser("member", "Otto Außenstehend"),
    globalMod: await createTestUser("moderator", "Gisela Globalmoderation"),
  };
  for (const [name, u] of Object.entries(users)) ids[name] = u.id;
  const stamp = Date.now().toString(36);
  secret = createGroup({ title: "Geheimrunde Haushalt", slug: `geheimrunde-${stamp}`, loge: null, description: "Eine vertrauliche Gruppe.", goals: "", visibility: "vertraulich" }, users.groupMod.id);
  intern = createGroup({ title: "Offene Runde Haushalt", slug: `offene-runde-${stamp}`, loge: null, description: "Eine interne Gruppe.", goals: "", visibility: "intern" }, users.groupMod.id);
  c = await signInAll(server.origin, users);
  for (const who of ["invitee", "decliner"]) {
    const res = await c.groupMod.post(`/gruppen/${secret.slug}?index`, { intent: "invite", userId: String(ids[who]), role: "member" });
    expect(res.status).toBe(200);
  }
  expect((await c.groupMod.post(`/gruppen/${intern.slug}?index`, { intent: "invite", userId: String(ids.invitee), role: "moderation" })).status).toBe(200);
});
afterAll(async () => {
  closeDb();
  await server?.stop();
});

describe("an invitation to a vertraulich group", () => {
  it("is shown to the invited person, who accepts it from the start page's link and then reads the group", async () => {
    const link = await invitationLink(c.invitee, secret.title);
    const page = await (await c.invitee.get(link)).text();
    expect(page).toContain(secret.title);
    expect(page).toContain("Die Gruppenmoderation lädt Sie als Mitglied ein.");
    const res = await answerOnPage(c.invitee, link, "Einladung annehmen");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/gruppen/${secret.slug}?willkommen=1`);
    expect(invitationStatus(secret.id, ids.invitee)).toBe("angenommen");
    expect(memberRole(secret.id, ids.invitee)).toBe("member");
    const group = await c.invitee.get(res.headers.get("location")!);
    expect(group.status).toBe(200);
    const html = await group.text();
    expect(html).toContain("Willkommen in der Arbeitsgruppe!");
    expect(html).toContain("Ihre Rolle: Mitglied");
  });

  it("can be declined; the group stays closed to that person", async () => {
    const link = await invitationLink(c.decliner, secret.title);
    const res = await answerOnPage(c.decliner, link, "Einladung ablehnen");
    expect(res.status).toBe(302);
    expect(invitationStatus(secret.id, ids.decliner)).toBe("abgelehnt");
    expect(memberRole(secret.id, ids.decliner)).toBeUndefined();
    const home = await (await c.decliner.get(res.headers.get("location")!)).text();
    expect(home).toContain("Sie haben die Einladung abgelehnt.");
    expect(home).not.toContain(secret.title);
    expect((await c.decliner.get(`/gruppen/${secret.slug}`)).status).toBe(404);
    expect((await c.decliner.get(link)).status).toBe(404);
  });

  it("does not reveal the group to anyone not invited: the same 404 as a missing group, and nothing changes", async () => {
    // Each page carries its own CSP nonce; everything else must be the same.
    const page = async (client: PortalClient, path: string) => {
      const res = await client.get(path);
      return { status: res.status, html: (await res.text()).replace(/nonce="[^"]*"/g, 'nonce=""') };
    };
    for (const who of ["outsider", "globalMod"]) {
      const missing = await page(c[who], "/gruppen/gibt-es-nicht/einladung");
      expect(missing.status).toBe(404);
      const res = await page(c[who], `/gruppen/${secret.slug}/einladung`);
      expect(res.status, who).toBe(404);
      expect(res.html, who).toBe(missing.html);
      expect(res.html, who).not.toContain(secret.title);
      for (const intent of ["accept-invite", "decline-invite"]) {
        const post = await c[who].post(`/gruppen/${secret.slug}/einladung`, { intent });
        expect(post.status, `${who} ${intent}`).toBe(404);
      }
      expect(memberRole(secret.id, ids[who]), who).toBeUndefined();
    }
    expect(await (await c.outsider.get("/")).text()).not.toContain(secret.title);
  });

  it("a signed-out visitor goes to the login", async () => {
    const anonymous = await fetch(`${server.origin}/gruppen/${secret.slug}/einladung`, { redirect: "manual" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/anmelden/);
  });
});

describe("an invitation to an intern group", () => {
  it("is answered on the same page, which also links to the group; answered once, it leads to the group", async () => {
    const link = await invitationLink(c.invitee, intern.title);
    const page = await (await c.invitee.get(link)).text();
    expect(page).toContain("Die Gruppenmoderation lädt Sie als Gruppenmoderation ein.");
    expect(page).toContain(`href="/gruppen/${intern.slug}"`);
    expect((await c.invitee.post(link, { intent: "sprengen" })).status).toBe(400);
    const res = await answerOnPage(c.invitee, link, "Einladung annehmen");
    expect(res.status).toBe(302);
    expect(memberRole(intern.id, ids.invitee)).toBe("moderation");
    // No invitation left: the page leads to the group, a second answer finds nothing to answer.
    const again = await c.invitee.get(link);
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe(`/gruppen/${intern.slug}`);
    expect((await c.invitee.post(link, { intent: "accept-invite" })).status).toBe(404);
  });
});
