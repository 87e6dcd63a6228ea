import fs from "node:fs";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replyTo, signInDemo, startThread, threadAct } from "../setup/discussion-fixtures";
import { createFeedToken } from "../setup/feed-fixtures";
import { addGroupWithMembers, userIdsOf } from "../setup/fixture-rows";
import type { PortalClient } from "../setup/http-client";
import { startPortal, type PortalServer } from "../setup/portal-server";

/**
 * Issue 18, finding 5: what an activity entry may show is decided once, for
 * the group's Aktivität tab, /aktivitaet and the group's Atom feed alike.
 * A deleted document and a hidden or deleted post leave every one of them
 * (title, author, link); what is still there stays.
 */

let server: PortalServer;
let c: Record<"anna" | "jonas" | "anonymous", PortalClient>;
let feedToken: string;
const G = "ag-verschwundenes";
const seen = { deletedDoc: "Gelöschtes Dokument Quokka", keptDoc: "Bleibendes Dokument Wombat" };
const posts = { hidden: 0, deleted: 0, visible: 0 };

/** Creates a document through the form; returns its id. */
async function createDocument(client: PortalClient, title: string): Promise<number> {
  const res = await client.post(`/gruppen/${G}/dokumente?index`, { intent: "create", title, kind: "arbeitspapier" });
  expect(res.status, await res.clone().text()).toBe(302);
  return Number(/dokumente\/(\d+)/.exec(res.headers.get("location") ?? "")?.[1]);
}

beforeAll(async () => {
  server = await startPortal();
  const db = new Database(server.dbPath);
  db.pragma("busy_timeout = 5000");
  try {
    const ids = userIdsOf(db, ["anna", "jonas"] as const);
    addGroupWithMembers(db, { slug: G, title: "Verschwundenes", description: "Gruppe für gelöschte und ausgeblendete Inhalte.", visibility: "intern" }, [
      [ids.anna, "moderation"],
      [ids.jonas, "member"],
    ]);
  } finally {
    db.close();
  }
  c = await signInDemo(server.origin, ["anna", "jonas"] as const);
  feedToken = (await createFeedToken(c.anna, "Feedreader")).token;

  const deletedDoc = await createDocument(c.anna, seen.deletedDoc);
  await createDocument(c.anna, seen.keptDoc);
  const removed = await c.anna.post(`/gruppen/${G}/dokumente/${deletedDoc}`, { intent: "delete" });
  expect(removed.status).toBeLessThan(400);

  const thread = await startThread(c.jonas, G, "Thema mit Beiträgen");
  posts.hidden = await replyTo(c.jonas, G, thread, "Dieser Beitrag wird ausgeblendet.");
  posts.deleted = await replyTo(c.jonas, G, thread, "Diesen Beitrag löscht sein Autor.");
  posts.visible = await replyTo(c.anna, G, thread, "Dieser Beitrag bleibt.");
  expect((await threadAct(c.anna, G, thread, { intent: "hide", postId: String(posts.hidden), reason: "Persönliche Daten" })).status).toBe(200);
  expect((await threadAct(c.jonas, G, thread, { intent: "delete", postId: String(posts.deleted) })).status).toBe(302);
});

afterAll(async () => {
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

async function text(client: PortalClient, path: string): Promise<string> {
  const res = await client.get(path);
  expect(res.status, path).toBe(200);
  return res.text();
}

/** The three places that list a group's activity, as the members see them. */
const places = {
  "the Aktivität tab": () => text(c.anna, `/gruppen/${G}/aktivitaet`),
  "/aktivitaet": () => text(c.anna, "/aktivitaet"),
  "the group's Atom feed": () => text(c.anonymous, `/feeds/${feedToken}/gruppen/${G}.atom`),
};

describe("entries whose subject is gone or hidden", () => {
  for (const [place, load] of Object.entries(places)) {
    it(`${place} omits the deleted document and the hidden and deleted posts, and keeps the rest`, async () => {
      const page = await load();
      expect(page).not.toContain(seen.deletedDoc);
      expect(page).not.toContain(`#beitrag-${posts.hidden}"`);
      expect(page).not.toContain(`#beitrag-${posts.deleted}"`);
      expect(page).toContain(seen.keptDoc);
      expect(page).toContain(`#beitrag-${posts.visible}"`);
      expect(page).toContain("Thema mit Beiträgen");
    });
  }
});
