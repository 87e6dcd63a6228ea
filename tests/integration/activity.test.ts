import Database from "better-sqlite3";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { PortalClient } from "../setup/http-client";
import { addGroupWithMembers, addLena, userIdsOf } from "../setup/fixture-rows";
import { startPortal, type PortalServer } from "../setup/portal-server";

/**
 * Activity feeds and following against the real server: the Aktivität tab
 * per role (a vertraulich group answers 404 to those who may not read it),
 * /aktivitaet only with followed and readable groups, the follow action per
 * role and with bad input, and that the HTTP routes record what happens.
 */

let server: PortalServer;
let db: Database.Database;
const c: Record<string, PortalClient> = {};
const groupIds: Record<string, number> = {};
const userIds: Record<string, number> = {};

const A = "ag-aktivitaet-test"; // intern: moderation@ (group moderation), anna, jonas
const B = "ag-aktivitaet-andere"; // intern: lena only
const C = "ag-aktivitaet-vertraulich"; // vertraulich: anna; the observer has no grant
const D = "ag-aktivitaet-freigegeben"; // vertraulich: anna; the observer is granted

function seedFixtures() {
  const now = Date.now();
  addLena(db);
  Object.assign(userIds, userIdsOf(db, ["admin", "moderation", "anna", "jonas", "lena", "observer"] as const));
  const addGroup = (slug: string, visibility: "intern" | "vertraulich", members: [string, "moderation" | "member"][]) => {
    groupIds[slug] = addGroupWithMembers(
      db,
      { slug, title: `Testgruppe ${slug}`, description: "Eine Gruppe für die Aktivitäts-Tests.", visibility },
      members.map(([who, role]) => [userIds[who], role]),
    );
  };
  addGroup(A, "intern", [
    ["moderation", "moderation"],
    ["anna", "member"],
    ["jonas", "member"],
  ]);
  addGroup(B, "intern", [["lena", "moderation"]]);
  addGroup(C, "vertraulich", [["anna", "moderation"]]);
  addGroup(D, "vertraulich", [["anna", "moderation"]]);
  db.prepare("insert into group_observer_grants (group_id, user_id, created_at) values (?, ?, ?)").run(groupIds[D], userIds.observer, now);
  // One entry per fixture group, as if it had been recorded when the group was opened.
  for (const slug of [A, B, C, D]) {
    db.prepare(
      "insert into activities (group_id, actor_id, kind, subject_id, title, link, created_at) values (?, ?, 'group_created', ?, ?, ?, ?)",
    ).run(groupIds[slug], userIds.anna, groupIds[slug], `Testgruppe ${slug}`, `/gruppen/${slug}`, now);
  }
}

beforeAll(async () => {
  server = await startPortal();
  db = new Database(server.dbPath);
  db.pragma("busy_timeout = 5000");
  seedFixtures();
  for (const name of Object.keys(userIds)) {
    c[name] = new PortalClient(server.origin);
    await c[name].login(name === "lena" ? "lena.fischer@ag-portal.test" : (db.prepare("select email from users where id = ?").get(userIds[name]) as { email: string }).email, DEMO_PASSWORD);
  }
  c.anonymous = new PortalClient(server.origin);
});

afterAll(async () => {
  db?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

const html = async (client: PortalClient, path: string) => {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  return res.text();
};
const activitiesOf = (kind: string, subjectId: number) =>
  db.prepare("select group_id, actor_id, title, detail, link from activities where kind = ? and subject_id = ?").all(kind, subjectId) as {
    group_id: number;
    actor_id: number;
    title: string;
    detail: string | null;
    link: string;
  }[];
const idFrom = (location: string | null, pattern: RegExp) => Number(pattern.exec(location ?? "")?.[1]);

describe("the Aktivität tab", () => {
  it("is open to everyone who may read the group; vertraulich groups answer 404 to others", async () => {
    for (const who of ["admin", "moderation", "anna", "jonas", "lena", "observer"]) {
      expect((await c[who].get(`/gruppen/${A}/aktivitaet`)).status, who).toBe(200);
    }
    for (const who of ["jonas", "lena", "observer", "moderation"]) {
      expect((await c[who].get(`/gruppen/${C}/aktivitaet`)).status, who).toBe(404);
    }
    for (const who of ["anna", "admin"]) expect((await c[who].get(`/gruppen/${C}/aktivitaet`)).status, who).toBe(200);
    expect((await c.observer.get(`/gruppen/${D}/aktivitaet`)).status).toBe(200);
    const anon = await c.anonymous.get(`/gruppen/${A}/aktivitaet`);
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toMatch(/^\/anmelden\?redirectTo=/);
  });

  it("shows the demo history of a seeded group, with day headings, times and links", async () => {
    const page = await html(c.observer, "/gruppen/digitales-rathaus/aktivitaet");
    expect(page).toContain("Heute");
    expect(page).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}T/i);
    expect(page).toContain('href="/gruppen/digitales-rathaus/dokumente/');
    expect(page).toContain('href="/gruppen/digitales-rathaus/diskussion/');
    expect(page).toContain('data-activity-kind="post_created"');
    expect(page).toContain('data-activity-kind="member_joined"');
  });

  it("filters by kind and ignores unknown filter values and cursors", async () => {
    const page = await html(c.anna, "/gruppen/digitales-rathaus/aktivitaet?art=diskussion");
    const kinds = [...page.matchAll(/data-activity-kind="([a-z_]+)"/g)].map((m) => m[1]);
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(["thread_created", "post_created"]));
    for (const q of ["art=unsinn", "vor=abc", "vor=-4", "vor=99999999999999999999", "art=%00&vor=1e400"]) {
      expect((await c.anna.get(`/gruppen/digitales-rathaus/aktivitaet?${q}`)).status, q).toBe(200);
    }
  });
});

describe("recording through the HTTP routes", () => {
  it("creating a document, changing its status, a thread and a reply each add an activity", async () => {
    const created = await c.anna.post(`/gruppen/${A}/dokumente?index`, { intent: "create", title: "Empfehlung Aktivitätsprotokoll", kind: "empfehlung" });
    expect(created.status).toBe(302);
    const docId = idFrom(created.headers.get("location"), /dokumente\/(\d+)/);
    expect(activitiesOf("document_created", docId)).toEqual([
      { group_id: groupIds[A], actor_id: userIds.anna, title: "Empfehlung Aktivitätsprotokoll", detail: "empfehlung", link: `/gruppen/${A}/dokumente/${docId}` },
    ]);
    const status = await c.moderation.post(`/gruppen/${A}/dokumente/${docId}`, { intent: "status", status: "in_konsultation", comment: "Bitte um Rückmeldung" });
    expect(status.status).toBe(200);
    expect(activitiesOf("document_status", docId).map((a) => a.detail)).toEqual(["in_konsultation"]);

    const thread = await c.jonas.post(`/gruppen/${A}/diskussion/neu`, { title: "Frage zur Aktivität", body: "Wer schreibt das Protokoll?" });
    expect(thread.status).toBe(302);
    const threadId = idFrom(thread.headers.get("location"), /diskussion\/(\d+)/);
    expect(activitiesOf("thread_created", threadId)).toHaveLength(1);
    const reply = await c.anna.post(`/gruppen/${A}/diskussion/${threadId}`, { intent: "reply", body: "Ich übernehme das." });
    expect(reply.status).toBe(302);
    const postId = idFrom(reply.headers.get("location"), /#beitrag-(\d+)$/);
    expect(activitiesOf("post_created", postId)).toEqual([
      { group_id: groupIds[A], actor_id: userIds.anna, title: "Frage zur Aktivität", detail: null, link: `/gruppen/${A}/diskussion/${threadId}#beitrag-${postId}` },
    ]);

    const tab = await html(c.observer, `/gruppen/${A}/aktivitaet`);
    expect(tab).toContain("Empfehlung Aktivitätsprotokoll");
    expect(tab).toContain(`href="/gruppen/${A}/diskussion/${threadId}#beitrag-${postId}"`);
    expect(tab).toContain("In Konsultation");
  });

  it("a removal names the group moderation as the one who did it; leaving names the person", async () => {
    const join = () => db.prepare("insert into group_members (group_id, user_id, role, joined_at) values (?, ?, 'member', ?)").run(groupIds[A], userIds.lena, Date.now());
    const lenaLeftA = () => activitiesOf("member_left", userIds.lena).filter((a) => a.group_id === groupIds[A]);
    join();
    expect((await c.moderation.post(`/gruppen/${A}?index`, { intent: "remove-member", userId: String(userIds.lena) })).status).toBe(200);
    expect(lenaLeftA()).toEqual([expect.objectContaining({ actor_id: userIds.moderation, detail: "removed" })]);
    join();
    expect((await c.lena.post(`/gruppen/${A}?index`, { intent: "leave" })).status).toBe(200);
    expect(lenaLeftA()).toEqual([
      expect.objectContaining({ actor_id: userIds.moderation, detail: "removed" }),
      expect.objectContaining({ actor_id: userIds.lena, detail: "left" }),
    ]);
  });

  it("a refused action records nothing", async () => {
    const before = (db.prepare("select count(*) as n from activities").get() as { n: number }).n;
    expect((await c.observer.post(`/gruppen/${A}/dokumente?index`, { intent: "create", title: "Verboten", kind: "empfehlung" })).status).toBe(403);
    expect((await c.lena.post(`/gruppen/${A}/diskussion/neu`, { title: "Verboten", body: "Nein" })).status).toBe(403);
    expect((db.prepare("select count(*) as n from activities").get() as { n: number }).n).toBe(before);
  });
});

describe("/aktivitaet", () => {
  it("signed out: to the login", async () => {
    expect((await c.anonymous.get("/aktivitaet")).status).toBe(302);
  });

  it("shows only groups the user follows and may read", async () => {
    const anna = await html(c.anna, "/aktivitaet");
    expect(anna).toContain(`href="/gruppen/${A}"`);
    expect(anna).toContain(`href="/gruppen/${C}"`);
    expect(anna).not.toContain(`href="/gruppen/${B}"`);

    const observer = await html(c.observer, "/aktivitaet");
    expect(observer).toContain(`href="/gruppen/${A}"`);
    expect(observer).toContain(`href="/gruppen/${B}"`);
    expect(observer).toContain(`href="/gruppen/${D}"`);
    expect(observer).not.toContain(`/gruppen/${C}`);
    expect(observer).not.toContain("Testgruppe ag-aktivitaet-vertraulich");
    // The demo observer opted out of one intern group.
    expect(observer).toContain('href="/gruppen/digitales-rathaus"');
    expect(observer).not.toContain("/gruppen/verwaltung-und-regionale-wirtschaft");

    const jonas = await html(c.jonas, "/aktivitaet");
    expect(jonas).not.toContain(`/gruppen/${C}`);
    expect(jonas).not.toContain(`/gruppen/${D}`);
  });

  it("pages by cursor with 30 entries per page", async () => {
    const first = await html(c.moderation, "/aktivitaet");
    expect([...first.matchAll(/<li class="activity-item"/g)]).toHaveLength(30);
    const next = /href="\/aktivitaet\?vor=(\d+)"/.exec(first);
    expect(next).not.toBeNull();
    const second = await html(c.moderation, `/aktivitaet?vor=${next![1]}`);
    expect(second).toContain("Zur neuesten Aktivität");
  });
});

describe("following", () => {
  const followPath = (slug: string) => `/gruppen/${slug}/folgen`;

  it("a non-member follows an intern group and unfollows it again, without JavaScript", async () => {
    expect(await html(c.lena, `/gruppen/${A}`)).toContain("Sie folgen dieser Gruppe nicht.");
    const res = await c.lena.post(followPath(A), { intent: "follow", back: `/gruppen/${A}/aktivitaet` });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/gruppen/${A}/aktivitaet`);
    expect(await html(c.lena, `/gruppen/${A}`)).toContain("Nicht mehr folgen");
    expect(await html(c.lena, "/aktivitaet")).toContain(`href="/gruppen/${A}"`);
    expect((await c.lena.post(followPath(A), { intent: "unfollow" })).headers.get("location")).toBe(`/gruppen/${A}`);
    expect(await html(c.lena, "/aktivitaet")).not.toContain(`href="/gruppen/${A}"`);
  });

  it("an observer opts out of an intern group and in again", async () => {
    expect(await html(c.observer, `/gruppen/${B}`)).toContain("Sie folgen dieser Gruppe.");
    expect((await c.observer.post(followPath(B), { intent: "unfollow" })).status).toBe(302);
    expect(await html(c.observer, "/aktivitaet")).not.toContain(`href="/gruppen/${B}"`);
    expect((await c.observer.post(followPath(B), { intent: "follow" })).status).toBe(302);
    expect(await html(c.observer, "/aktivitaet")).toContain(`href="/gruppen/${B}"`);
  });

  it("refuses what it must: no read right → 404, signed out → login, bad input → 400, foreign back links ignored", async () => {
    expect((await c.observer.post(followPath(C), { intent: "follow" })).status).toBe(404);
    expect((await c.jonas.post(followPath(C), { intent: "follow" })).status).toBe(404);
    expect((await c.anonymous.post(followPath(A), { intent: "follow" })).status).toBe(302);
    expect((await c.anonymous.post(followPath(A), { intent: "follow" })).headers.get("location")).toMatch(/^\/anmelden/);
    expect((await c.jonas.post(followPath(A), { intent: "abonnieren" })).status).toBe(400);
    expect((await c.jonas.post(followPath(A), {})).status).toBe(400);
    expect((await c.jonas.post(followPath("gibt-es-nicht"), { intent: "follow" })).status).toBe(404);
    for (const back of ["https://example.org/", "//example.org", `/gruppen/${A}/../../abmelden`, "/verwaltung/benutzer"]) {
      const res = await c.jonas.post(followPath(A), { intent: "follow", back });
      expect(res.headers.get("location"), back).toBe(`/gruppen/${A}`);
    }
    const crossSite = await c.jonas.post(followPath(A), { intent: "unfollow" }, { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect((await c.jonas.get(followPath(A))).status).toBe(302);
    const row = db.prepare("select following from group_follows where group_id = ? and user_id = ?").get(groupIds[A], userIds.jonas) as { following: number };
    expect(row.following).toBe(1);
  });
});
