import Database from "better-sqlite3";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { PortalClient } from "../setup/http-client";
import { startPortal, type PortalServer } from "../setup/portal-server";

/**
 * /suche against the real server with the demo data: sign-in required, bad
 * queries answered in German (200, never 500), filters by type and group,
 * pages of 20, and a vertraulich group's text only for its members.
 */

let server: PortalServer;
let db: Database.Database;
const c: Record<string, PortalClient> = {};
let secretGroupId: number;

beforeAll(async () => {
  server = await startPortal();
  db = new Database(server.dbPath);
  db.pragma("busy_timeout = 5000");
  const userId = (email: string) => (db.prepare("select id from users where lower(email) = ?").get(email) as { id: number }).id;
  const now = Date.now();
  // A vertraulich group with Anna only, holding a thread with 25 posts about "Glasfaserkooperation".
  secretGroupId = Number(
    db
      .prepare("insert into groups (slug, title, description, goals, status, visibility, created_at, updated_at) values (?, ?, ?, '', 'aktiv', 'vertraulich', ?, ?)")
      .run("ag-suche-geheim", "Geheime Suchgruppe", "Nur für Mitglieder.", now, now).lastInsertRowid,
  );
  db.prepare("insert into group_members (group_id, user_id, role, joined_at) values (?, ?, 'member', ?)").run(secretGroupId, userId("anna.schmidt@ag-portal.test"), now);
  const threadId = db
    .prepare("insert into threads (group_id, author_id, title, created_at, last_post_at) values (?, ?, ?, ?, ?)")
    .run(secretGroupId, userId("anna.schmidt@ag-portal.test"), "Interne Abstimmung", now, now).lastInsertRowid;
  const post = db.prepare("insert into posts (thread_id, author_id, body, body_text, created_at) values (?, ?, '{}', ?, ?)");
  for (let i = 1; i <= 25; i++) post.run(threadId, userId("anna.schmidt@ag-portal.test"), `Beitrag ${i} zur Glasfaserkooperation`, now + i);
  for (const [name, email] of Object.entries({ anna: "anna.schmidt@ag-portal.test", jonas: "jonas.weber@ag-portal.test", observer: "beobachtung@ag-portal.test" })) {
    c[name] = new PortalClient(server.origin);
    await c[name].login(email, DEMO_PASSWORD);
  }
});

afterAll(async () => {
  db?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

const page = async (client: PortalClient, query: string) => {
  const res = await client.get(`/suche${query}`);
  return { status: res.status, html: await res.text() };
};
const hitCount = (html: string) => (html.match(/class="search-result /g) ?? []).length;

describe("/suche", () => {
  it("sends signed-out visitors to the login, coming back to the search", async () => {
    const res = await new PortalClient(server.origin).get("/suche?q=rathaus");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("/anmelden");
    expect(decodeURIComponent(res.headers.get("location") ?? "")).toContain("/suche?q=rathaus");
  });

  it("shows the empty form without a query", async () => {
    const { status, html } = await page(c.jonas, "");
    expect(status).toBe(200);
    expect(html).toContain('role="search"');
    expect(html).not.toContain("Ergebnisse für");
  });

  it("finds parts of compound words in the demo data, with marked snippets", async () => {
    const { status, html } = await page(c.jonas, "?q=rathaus");
    expect(status).toBe(200);
    expect(html).toContain("Ergebnisse für „rathaus“");
    expect(hitCount(html)).toBeGreaterThan(0);
    expect(html).toMatch(/<mark>rathaus<\/mark>|<mark>Rathaus<\/mark>/);
  });

  it.each([["?q="], ["?q=%22%22%22"], ["?q=*"], ["?q=NEAR(%22"], ["?q=" + "x".repeat(300)], ["?q=Rat*haus&typ=unbekannt&gruppe=abc&seite=-1"]])(
    "answers %s with a German message or results, never a 500",
    async (query) => {
      const { status, html } = await page(c.jonas, query);
      expect(status).toBe(200);
      expect(html).toMatch(/Bitte geben Sie einen Suchbegriff ein|Der Suchbegriff ist zu lang|Ergebnisse für/);
    },
  );

  it("says so when a term is shorter than three characters", async () => {
    const { status, html } = await page(c.jonas, "?q=KI");
    expect(status).toBe(200);
    expect(html).toContain("unter drei Zeichen");
  });

  it("filters by type", async () => {
    const all = await page(c.jonas, "?q=digital");
    const docs = await page(c.jonas, "?q=digital&typ=dokumente");
    expect(hitCount(docs.html)).toBeGreaterThan(0);
    expect(docs.html).not.toMatch(/kern-label--small">(Gruppe|Beitrag|Material|Themenvorschlag)</);
    expect(hitCount(all.html)).toBeGreaterThanOrEqual(hitCount(docs.html));
  });

  it("filters by group and pages by 20 for a member", async () => {
    const first = await page(c.anna, `?q=glasfaser&gruppe=${secretGroupId}`);
    expect(hitCount(first.html)).toBe(20);
    expect(first.html).toContain('rel="next"');
    const second = await page(c.anna, `?q=glasfaser&gruppe=${secretGroupId}&seite=2`);
    expect(hitCount(second.html)).toBe(5);
    expect(second.html).toContain('rel="prev"');
    expect(second.html).not.toContain('rel="next"');
  });

  it("never shows a vertraulich group's posts to others", async () => {
    for (const who of [c.jonas, c.observer]) {
      const { status, html } = await page(who, "?q=glasfaserkooperation");
      expect(status).toBe(200);
      expect(hitCount(html)).toBe(0);
      expect(html).not.toContain("Interne Abstimmung");
      expect(html).not.toContain("Geheime Suchgruppe");
    }
  });
});
