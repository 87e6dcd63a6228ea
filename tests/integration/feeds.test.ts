import crypto from "node:crypto";
import fs from "node:fs";
import type Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { addAdoptedRecommendation, addGroup, createFeedToken, startPortalWithFixtureDb } from "../setup/feed-fixtures";
import { PortalClient } from "../setup/http-client";
import type { PortalServer } from "../setup/portal-server";

/**
 * Personal feeds against the real server: tokens created on Meine Sitzungen,
 * Atom per group and for adopted recommendations, the JSON endpoint, and that
 * the token's user's rights decide what a feed shows.
 */

let server: PortalServer;
let db: Database.Database;
const c: Record<string, PortalClient> = {};
const tokens: Record<string, string> = {};
let anonymous: PortalClient;

const INTERN = "ag-feed-intern"; // anna, jonas
const SECRET = "ag-feed-vertraulich"; // anna only

const entries = (xml: string) => xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? [];

beforeAll(async () => {
  const started = await startPortalWithFixtureDb();
  ({ server, db } = started);
  const { anna, jonas } = started;
  const intern = addGroup(db, INTERN, "Feedgruppe <intern> & Co", "intern", [[anna, "moderation"], [jonas, "member"]]);
  const secret = addGroup(db, SECRET, "Vertrauliche Feedgruppe", "vertraulich", [[anna, "moderation"]]);
  addAdoptedRecommendation(db, intern, "Empfehlung Onlinezugang", anna);
  addAdoptedRecommendation(db, secret, "Geheime Empfehlung", anna);
  db.prepare("insert into activities (group_id, actor_id, kind, subject_id, title, detail, link, created_at) values (?, ?, 'thread_created', 1, ?, null, ?, ?)").run(
    intern,
    anna,
    "Diskussion über <script>alert(1)</script> & mehr",
    `/gruppen/${INTERN}/diskussion/1`,
    Date.now(),
  );
  for (const [name, email] of Object.entries({ anna: "anna.schmidt@ag-portal.test", jonas: "jonas.weber@ag-portal.test" })) {
    c[name] = new PortalClient(server.origin);
    await c[name].login(email, DEMO_PASSWORD);
    tokens[name] = (await createFeedToken(c[name], `Feedreader ${name}`)).token;
  }
  anonymous = new PortalClient(server.origin);
});

afterAll(async () => {
  db?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

describe("feed tokens on Meine Sitzungen", () => {
  it("shows the URLs once and stores only the token's SHA-256", async () => {
    const { token, html } = await createFeedToken(c.anna, "Einmal sichtbar");
    expect(html).toContain(`/feeds/${token}/gruppen/${INTERN}.atom`);
    expect(html).toContain(`/feeds/${token}/fortschritt.json`);
    const row = db.prepare("select token_hash, label from feed_tokens where label = 'Einmal sichtbar'").get() as { token_hash: string };
    expect(row.token_hash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(db.prepare("select * from feed_tokens").all())).not.toContain(token);
    // Afterwards the page lists the token by label only.
    const page = await (await c.anna.get("/konto/sitzungen")).text();
    expect(page).toContain("Einmal sichtbar");
    expect(page).not.toContain(token);
  });

  it("answers an empty label with a German field error, not a 500", async () => {
    const res = await c.anna.post("/konto/sitzungen", { intent: "create-feed-token", label: "   " });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Bitte geben Sie eine Bezeichnung ein.");
  });

  it("revokes only one's own tokens", async () => {
    const { token } = await createFeedToken(c.jonas, "Wird widerrufen");
    const id = (db.prepare("select id from feed_tokens where label = 'Wird widerrufen'").get() as { id: number }).id;
    expect((await c.anna.post("/konto/sitzungen", { intent: "revoke-feed-token", tokenId: String(id) })).status).toBe(404);
    expect((await anonymous.get(`/feeds/${token}/empfehlungen.atom`)).status).toBe(200);
    const res = await c.jonas.post("/konto/sitzungen", { intent: "revoke-feed-token", tokenId: String(id) });
    expect(res.status).toBe(200);
    const refused = await anonymous.get(`/feeds/${token}/empfehlungen.atom`);
    expect(refused.status).toBe(404);
    expect(await refused.text()).toContain("ungültig oder wurde widerrufen");
  });
});

describe("Atom feeds", () => {
  it("serve a group's activity as well-formed, escaped Atom without a session", async () => {
    const res = await anonymous.get(`/feeds/${tokens.anna}/gruppen/${INTERN}.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    expect(res.headers.get("cache-control")).toContain("no-store");
    const xml = await res.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(xml).toContain("<title>Feedgruppe &lt;intern&gt; &amp; Co – Neuigkeiten</title>");
    const [entry] = entries(xml);
    expect(entry).toContain("Diskussion über &lt;script&gt;alert(1)&lt;/script&gt; &amp; mehr");
    expect(entry).toContain(`<link rel="alternate" type="text/html" href="${server.origin}/gruppen/${INTERN}/diskussion/1"/>`);
    expect(entry).toMatch(/<id>tag:localhost,2026:gruppe\/\d+\/activity-\d+<\/id>/);
    expect(entry).toMatch(/<updated>\d{4}-\d\d-\d\dT[\d:.]+Z<\/updated>/);
    expect(entry).toContain("<author><name>Anna Schmidt</name></author>");
    expect(xml).not.toContain("<script>");
    // Every element that opens also closes (a small well-formedness check without an XML library).
    const opened = (xml.match(/<(feed|entry|title|id|updated|author|name)[\s>]/g) ?? []).length;
    const closed = (xml.match(/<\/(feed|entry|title|id|updated|author|name)>/g) ?? []).length;
    expect(opened).toBe(closed);
  });

  it("list what the group's Aktivität tab lists: a group with no recorded activity has no entries yet", async () => {
    // The same query serves both (issue 18, finding 5); documents written without an activity are in neither.
    const res = await anonymous.get(`/feeds/${tokens.anna}/gruppen/${SECRET}.atom`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain("<title>Vertrauliche Feedgruppe – Neuigkeiten</title>");
    expect(entries(xml)).toEqual([]);
    expect(await (await c.anna.get(`/gruppen/${SECRET}/aktivitaet`)).text()).not.toContain("Geheime Empfehlung");
  });

  it("carry adopted recommendations with their adopted text as escaped HTML", async () => {
    const xml = await (await anonymous.get(`/feeds/${tokens.anna}/empfehlungen.atom`)).text();
    const entry = entries(xml).find((e) => e.includes("Empfehlung Onlinezugang"));
    expect(entry).toBeDefined();
    expect(entry).toContain('<content type="html">');
    expect(entry).toMatch(/&lt;h3 id=&quot;[a-z0-9-]+&quot;&gt;Ausgangslage Empfehlung Onlinezugang&lt;\/h3&gt;/);
    // Text typed as "<Digitalrathaus> & …" is escaped twice: once as HTML, once as XML.
    expect(entry).toContain("&amp;lt;Digitalrathaus&amp;gt; &amp;amp; Onlinezugang");
    expect(entries(xml).some((e) => e.includes("Geheime Empfehlung"))).toBe(true);
  });

  it("hide a vertraulich group from a token of a non-member: 404 like a missing group", async () => {
    const secret = await anonymous.get(`/feeds/${tokens.jonas}/gruppen/${SECRET}.atom`);
    const missing = await anonymous.get(`/feeds/${tokens.jonas}/gruppen/gibt-es-nicht.atom`);
    expect(secret.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await secret.text()).toBe(await missing.text());
    const xml = await (await anonymous.get(`/feeds/${tokens.jonas}/empfehlungen.atom`)).text();
    expect(xml).toContain("Empfehlung Onlinezugang");
    expect(xml).not.toContain("Geheime Empfehlung");
  });

  it("refuse missing and garbled tokens with a short German 404", async () => {
    for (const path of [
      `/feeds/abc/empfehlungen.atom`,
      `/feeds/${"z".repeat(48)}/empfehlungen.atom`,
      `/feeds/${tokens.anna.toUpperCase()}/empfehlungen.atom`,
      `/feeds/${tokens.anna}'%22/gruppen/${INTERN}.atom`,
      `/feeds/${tokens.anna}/gruppen/${INTERN}.rss`,
    ]) {
      const res = await anonymous.get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toContain("text/plain");
    }
  });

  it("note when a token was last used", async () => {
    const row = db.prepare("select last_used_at from feed_tokens where label = 'Feedreader anna'").get() as { last_used_at: number | null };
    expect(row.last_used_at).toBeGreaterThan(Date.now() - 5 * 60 * 1000);
  });
});

describe("the JSON endpoint", () => {
  it("returns the dashboard's data for the token's user, read-only and uncached", async () => {
    const res = await anonymous.get(`/feeds/${tokens.jonas}/fortschritt.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const data = (await res.json()) as { groups: { slug: string; title: string }[] };
    const slugs = data.groups.map((g) => g.slug);
    expect(slugs).toContain(INTERN);
    expect(slugs).not.toContain(SECRET);
    const annas = (await (await anonymous.get(`/feeds/${tokens.anna}/fortschritt.json`)).json()) as { groups: { slug: string }[] };
    expect(annas.groups.map((g) => g.slug)).toContain(SECRET);
  });

  it("is refused without a valid token and does not accept writes", async () => {
    expect((await anonymous.get(`/feeds/${"a".repeat(48)}/fortschritt.json`)).status).toBe(404);
    const post = await anonymous.request(`/feeds/${tokens.anna}/fortschritt.json`, { method: "POST", headers: { origin: server.origin } });
    expect(post.status).toBe(405);
  });
});
