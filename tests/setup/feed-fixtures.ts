import { getSchema } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import Database from "better-sqlite3";
import { expect } from "vitest";
import * as Y from "yjs";
import { COLLAB_FIELD, documentExtensions } from "~/documents/editor-extensions";
import { renderState } from "~/documents/render-html.server";
import type { PortalClient } from "./http-client";
import { startPortal } from "./portal-server";

/** Fixtures for the feed and report tests, written straight into the test server's database. */

const schema = getSchema(documentExtensions());

/** A recommendation text with headings, a bullet list and a numbered list. */
export function recommendationJson(topic: string) {
  const p = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
  const li = (text: string) => ({ type: "listItem", content: [p(text)] });
  return {
    type: "doc",
    content: [
      { type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: `Ausgangslage ${topic}` }] },
      p(`Wir empfehlen <Digitalrathaus> & Onlinezugang für ${topic}.`),
      { type: "bulletList", content: [li("Erster Punkt"), li("Zweiter Punkt")] },
      { type: "heading", attrs: { level: 4 }, content: [{ type: "text", text: `Umsetzung ${topic}` }] },
      { type: "orderedList", content: [li("Schritt eins"), li("Schritt zwei")] },
    ],
  };
}

export function stateOf(json: { type: string; content: unknown[] }): Uint8Array {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(schema, json, doc.getXmlFragment(COLLAB_FIELD));
  return Y.encodeStateAsUpdate(doc);
}

export function userId(db: Database.Database, email: string): number {
  return (db.prepare("select id from users where lower(email) = ?").get(email) as { id: number }).id;
}

/** The real server, its database opened beside it for fixtures, and the ids of the demo members Anna and Jonas. */
export async function startPortalWithFixtureDb() {
  const server = await startPortal();
  const db = new Database(server.dbPath);
  // The server writes too (sessions, derived text): wait for its lock rather than fail.
  db.pragma("busy_timeout = 5000");
  return { server, db, anna: userId(db, "anna.schmidt@ag-portal.test"), jonas: userId(db, "jonas.weber@ag-portal.test") };
}

export function addGroup(db: Database.Database, slug: string, title: string, visibility: "intern" | "vertraulich", members: [number, string][], loge: string | null = null): number {
  const now = Date.now();
  const { lastInsertRowid } = db
    .prepare("insert into groups (slug, title, loge, description, goals, status, visibility, created_at, updated_at) values (?, ?, ?, 'Eine Testgruppe.', '', 'aktiv', ?, ?, ?)")
    .run(slug, title, loge, visibility, now, now);
  const groupId = Number(lastInsertRowid);
  for (const [uid, role] of members) {
    db.prepare("insert into group_members (group_id, user_id, role, joined_at) values (?, ?, ?, ?)").run(groupId, uid, role, now);
  }
  return groupId;
}

/** An adopted recommendation with its version (state, HTML, text) as the status change would have stored it. */
export function addAdoptedRecommendation(db: Database.Database, groupId: number, title: string, createdBy: number, status: "beschlossen" | "uebergeben" = "beschlossen"): number {
  const now = Date.now();
  const { lastInsertRowid } = db
    .prepare("insert into documents (group_id, title, kind, status, created_by, created_at, updated_at) values (?, ?, 'empfehlung', ?, ?, ?, ?)")
    .run(groupId, title, status, createdBy, now, now);
  const documentId = Number(lastInsertRowid);
  const state = stateOf(recommendationJson(title));
  const rendered = renderState(state)!;
  db.prepare("insert into document_versions (document_id, state, html, text, created_at) values (?, ?, ?, ?, ?)").run(
    documentId,
    Buffer.from(state),
    rendered.html,
    rendered.text,
    now,
  );
  return documentId;
}

export function addMilestone(db: Database.Database, groupId: number, title: string, dueDate: string | null, done = false) {
  db.prepare("insert into group_milestones (group_id, title, due_date, done_at, created_at) values (?, ?, ?, ?, ?)").run(groupId, title, dueDate, done ? Date.now() : null, Date.now());
}

/** A personal feed token made on Meine Sitzungen, as a user would; the answer's HTML shows it once. */
export async function createFeedToken(client: PortalClient, label: string): Promise<{ token: string; html: string }> {
  const res = await client.post("/konto/sitzungen", { intent: "create-feed-token", label });
  expect(res.status).toBe(200);
  expect(res.headers.get("cache-control")).toContain("no-store");
  const html = await res.text();
  const token = html.match(/\/feeds\/([a-z2-9]{48})\/empfehlungen\.atom/)?.[1];
  if (!token) throw new Error("no feed URL in the answer");
  return { token, html };
}
