import Database from "better-sqlite3";
import { getSchema } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COLLAB_FIELD, documentExtensions } from "../../app/documents/editor-extensions";
import { documentHeadings } from "../../app/documents/headings.server";
import { createDocument, setDocumentStatus } from "../../app/models/document.server";
import { createGroup } from "../../app/models/group.server";
import { acquireDoc, releaseDoc } from "../../app/realtime/doc-registry.server";
import { closeDb } from "../../db/client.server";
import { createTestUser } from "../fixtures/users";
import { PortalClient } from "../setup/http-client";
import { signInAll, startPortalWithModels } from "../setup/fixture-server";
import type { PortalServer } from "../setup/portal-server";
import { DocClient, until } from "../setup/yjs-client";

/**
 * The status workflow of documents: a reason for every step, Zurückgezogen,
 * who may do it, and the adopted version kept when a document is decided.
 */
let server: PortalServer;
const c: Record<string, PortalClient> = {};
const ids: Record<string, number> = {};
let A = "";
let B = "";
let groupA = 0;
const clients: DocClient[] = [];
const schema = getSchema(documentExtensions());

beforeAll(async () => {
  server = await startPortalWithModels();
  const users = {
    groupMod: await createTestUser("member", "Greta Gruppenmoderation"),
    member: await createTestUser("member", "Max Mitglied"),
    otherMember: await createTestUser("member", "Olga Andere"),
    observer: await createTestUser("observer", "Bea Beobachtung"),
  };
  const stamp = Date.now().toString(36);
  const a = createGroup({ title: "Ablauf A", slug: `ablauf-a-${stamp}`, loge: null, description: "Gruppe für Ablauftests", goals: "", visibility: "intern" }, users.groupMod.id);
  const b = createGroup({ title: "Ablauf B", slug: `ablauf-b-${stamp}`, loge: null, description: "Andere Gruppe für Ablauftests", goals: "", visibility: "intern" }, users.otherMember.id);
  const db = new Database(server.dbPath);
  db.prepare("INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, 'member', ?)").run(a.id, users.member.id, Date.now());
  db.close();
  A = a.slug;
  B = b.slug;
  groupA = a.id;
  Object.assign(c, await signInAll(server.origin, users));
  for (const [name, u] of Object.entries(users)) ids[name] = u.id;
  c.anonymous = new PortalClient(server.origin);
});
afterAll(async () => {
  for (const client of clients) client.close();
  closeDb();
  await server?.stop();
});

const newDoc = (title: string) => createDocument(groupA, { title, kind: "empfehlung" }, ids.groupMod).id;
const pathOf = (docId: number) => `/gruppen/${A}/dokumente/${docId}`;

function row(sql: string, ...params: unknown[]) {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as Record<string, unknown>[];
  } finally {
    db.close();
  }
}
const statusOf = (docId: number) => row("SELECT status FROM documents WHERE id = ?", docId)[0].status;
const changesOf = (docId: number) => row("SELECT from_status, to_status, actor_id, comment FROM document_status_changes WHERE document_id = ? ORDER BY id", docId);

/** Replaces the document's text through the socket protocol, as the editor does, and waits for the acknowledgement. */
async function writeText(docId: number, content: unknown[]) {
  const client = new DocClient(server.origin, c.member.cookie!, docId);
  clients.push(client);
  expect(await client.join()).toEqual({ ok: true });
  const fragment = client.doc.getXmlFragment(COLLAB_FIELD);
  const before = client.acks;
  client.doc.transact(() => {
    fragment.delete(0, fragment.length);
    prosemirrorJSONToYXmlFragment(schema, { type: "doc", content }, fragment);
  });
  await until(() => client.acks > before, 3000, "update acknowledged");
  client.close();
}
const heading = (text: string) => ({ type: "heading", attrs: { level: 3 }, content: [{ type: "text", text }] });
const para = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });

describe("a reason for every status change", () => {
  it("refuses a step without a reason (400, field error, nothing changed)", async () => {
    const docId = newDoc("Ohne Begründung");
    for (const comment of [undefined, "", "   ", "ab", "x".repeat(1001)]) {
      const fields: Record<string, string> = { intent: "status", status: "in_konsultation" };
      if (comment !== undefined) fields.comment = comment;
      const res = await c.groupMod.post(pathOf(docId), fields);
      expect(res.status, JSON.stringify(comment)).toBe(400);
      const page = await res.text();
      expect(page).toMatch(/Bitte begründen Sie die Statusänderung\.|mindestens 3 Zeichen|höchstens 1000 Zeichen/);
      expect(page).toContain('aria-invalid="true"');
    }
    expect(statusOf(docId)).toBe("entwurf");
    expect(changesOf(docId)).toEqual([]);
  });

  it("stores who, when and why and shows it in the Verlauf", async () => {
    const docId = newDoc("Mit Begründung");
    const res = await c.groupMod.post(pathOf(docId), { intent: "status", status: "in_konsultation", comment: "  Bitte bis Freitag kommentieren.  " });
    expect(res.status).toBe(200);
    expect(changesOf(docId)).toEqual([{ from_status: "entwurf", to_status: "in_konsultation", actor_id: ids.groupMod, comment: "Bitte bis Freitag kommentieren." }]);
    const page = await (await c.observer.get(pathOf(docId))).text();
    expect(page).toContain("Entwurf → In Konsultation (Greta Gruppenmoderation)");
    expect(page).toContain("Begründung: Bitte bis Freitag kommentieren.");
  });

  it("keeps markup in a reason as text", async () => {
    const docId = newDoc("Markup in Begründung");
    await c.groupMod.post(pathOf(docId), { intent: "status", status: "in_konsultation", comment: "<b>fett</b><script>alert(1)</script>" });
    const page = await (await c.member.get(pathOf(docId))).text();
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).not.toContain("<script>alert(1)</script>");
  });
});

describe("Zurückgezogen", () => {
  it("drafts and documents in consultation can be withdrawn; withdrawn ones only go back to the draft", async () => {
    const docId = newDoc("Zum Zurückziehen");
    const post = (status: string) => c.groupMod.post(pathOf(docId), { intent: "status", status, comment: `Schritt nach ${status}` });
    expect((await post("zurueckgezogen")).status).toBe(200);
    expect(statusOf(docId)).toBe("zurueckgezogen");
    for (const refused of ["in_konsultation", "beschlossen", "uebergeben"]) {
      expect((await post(refused)).status, refused).toBe(409);
      expect(statusOf(docId)).toBe("zurueckgezogen");
    }
    expect((await post("entwurf")).status).toBe(200);
    expect((await post("in_konsultation")).status).toBe(200);
    expect((await post("zurueckgezogen")).status).toBe(200);
    expect(changesOf(docId).map((r) => `${r.from_status}→${r.to_status}`)).toEqual([
      "entwurf→zurueckgezogen",
      "zurueckgezogen→entwurf",
      "entwurf→in_konsultation",
      "in_konsultation→zurueckgezogen",
    ]);
    const page = await (await c.member.get(pathOf(docId))).text();
    expect(page).toContain("In Konsultation → Zurückgezogen");
    // Withdrawn: readable, not writable.
    expect((await c.member.post(pathOf(docId), { intent: "rename", title: "Neuer Titel" })).status).toBe(403);
  });
});

describe("who may set the status", () => {
  it("members, observers, other groups' members and signed-out visitors are refused; nothing changes", async () => {
    const docId = newDoc("Nur Moderation");
    const fields = { intent: "status", status: "in_konsultation", comment: "Darf ich das?" };
    for (const role of ["member", "observer", "otherMember"]) {
      expect((await c[role].post(pathOf(docId), fields)).status, role).toBe(403);
      // Without a reason it is still a 403, not a form error: the form is not theirs.
      expect((await c[role].post(pathOf(docId), { intent: "status", status: "in_konsultation" })).status, role).toBe(403);
    }
    expect((await c.otherMember.post(`/gruppen/${B}/dokumente/${docId}`, fields)).status).toBe(404);
    const anonymous = await c.anonymous.post(pathOf(docId), fields);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/\/anmelden/);
    expect(statusOf(docId)).toBe("entwurf");
    expect(changesOf(docId)).toEqual([]);
    // The form is shown only to the group moderation.
    expect(await (await c.member.get(pathOf(docId))).text()).not.toContain('name="comment"');
    expect(await (await c.groupMod.get(pathOf(docId))).text()).toContain('name="comment"');
  });
});

describe("the adopted version", () => {
  it("is stored when the document is decided and shown, also after it is reopened", async () => {
    const docId = newDoc("Zum Beschließen");
    await writeText(docId, [heading("Ausgangslage"), para("Der beschlossene Satz.")]);
    const post = (status: string) => c.groupMod.post(pathOf(docId), { intent: "status", status, comment: `Weiter nach ${status}` });
    expect((await post("in_konsultation")).status).toBe(200);
    expect(row("SELECT id FROM document_versions WHERE document_id = ?", docId)).toEqual([]);
    expect((await post("beschlossen")).status).toBe(200);

    const versions = row(
      "SELECT v.html, v.text, v.state, c.to_status FROM document_versions v JOIN document_status_changes c ON c.id = v.status_change_id WHERE v.document_id = ?",
      docId,
    );
    expect(versions).toHaveLength(1);
    expect(versions[0].to_status).toBe("beschlossen");
    expect(versions[0].html).toContain('<h3 id="abschnitt-ausgangslage">Ausgangslage</h3>');
    expect(versions[0].text).toContain("Der beschlossene Satz.");
    const stored = new Y.Doc();
    Y.applyUpdate(stored, new Uint8Array(versions[0].state as Buffer));
    expect(stored.getXmlFragment(COLLAB_FIELD).length).toBe(2);

    let page = await (await c.observer.get(pathOf(docId))).text();
    expect(page).toMatch(/Beschlossene Fassung vom \d{1,2}\. \p{L}+ \d{4}/u);
    // The live text has the plain anchor, the adopted copy a prefixed one: ids stay unique.
    expect(page).toContain('id="abschnitt-ausgangslage"');
    expect(page).toContain('id="beschlossen-abschnitt-ausgangslage"');

    // Reopened and changed: the adopted version stays as it was adopted.
    expect((await post("in_konsultation")).status).toBe(200);
    await writeText(docId, [heading("Ausgangslage"), para("Ein neuer Satz nach dem Beschluss.")]);
    page = await (await c.observer.get(pathOf(docId))).text();
    expect(page).toContain("Beschlossene Fassung vom");
    const adopted = page.slice(page.indexOf("Beschlossene Fassung vom"));
    expect(adopted).toContain("Der beschlossene Satz.");
    expect(page).toContain("Ein neuer Satz nach dem Beschluss.");
    expect(row("SELECT id FROM document_versions WHERE document_id = ?", docId)).toHaveLength(1);

    // Decided again: a second version, and the page shows the newest.
    expect((await post("beschlossen")).status).toBe(200);
    expect(row("SELECT id FROM document_versions WHERE document_id = ?", docId)).toHaveLength(2);
    const latest = await (await c.member.get(pathOf(docId))).text();
    expect(latest.slice(latest.indexOf("Beschlossene Fassung vom"))).toContain("Ein neuer Satz nach dem Beschluss.");
  });

  it("includes changes the realtime layer has accepted but not yet written", () => {
    // In this process: an open document in the registry holds an update that is not in the database yet.
    const docId = newDoc("Mit Warteschlange");
    expect(setDocumentStatus(groupA, docId, "in_konsultation", ids.groupMod, "Zur Konsultation")).toBe("done");
    const entry = acquireDoc(docId, "test-socket", { id: ids.member, displayName: "Max Mitglied" });
    try {
      prosemirrorJSONToYXmlFragment(schema, { type: "doc", content: [heading("Noch nicht gespeichert"), para("Im Speicher.")] }, entry.doc.getXmlFragment(COLLAB_FIELD));
      expect(setDocumentStatus(groupA, docId, "beschlossen", ids.groupMod, "Beschlossen im Test")).toBe("done");
    } finally {
      releaseDoc(entry, "test-socket");
    }
    const [version] = row("SELECT html, text FROM document_versions WHERE document_id = ?", docId);
    expect(version.html).toContain('id="abschnitt-noch-nicht-gespeichert"');
    expect(version.text).toContain("Im Speicher.");
  });

  it("a document without text gets an empty adopted version, shown as such", async () => {
    const docId = newDoc("Leer beschlossen");
    await c.groupMod.post(pathOf(docId), { intent: "status", status: "in_konsultation", comment: "Los geht's" });
    expect((await c.groupMod.post(pathOf(docId), { intent: "status", status: "beschlossen", comment: "Leer, aber beschlossen" })).status).toBe(200);
    expect(await (await c.member.get(pathOf(docId))).text()).toContain("Die beschlossene Fassung war leer.");
  });
});

describe("heading anchors of a document", () => {
  it("lists the stored text's headings with the ids the page gives them", async () => {
    const docId = newDoc("Mit Überschriften");
    await writeText(docId, [heading("Ziele"), para("Text"), heading("Offene Fragen"), heading("Ziele")]);
    expect(documentHeadings(docId)).toEqual([
      { level: 3, text: "Ziele", anchor: "abschnitt-ziele" },
      { level: 3, text: "Offene Fragen", anchor: "abschnitt-offene-fragen" },
      { level: 3, text: "Ziele", anchor: "abschnitt-ziele-2" },
    ]);
    const page = await (await c.member.get(pathOf(docId))).text();
    for (const anchor of ["abschnitt-ziele", "abschnitt-offene-fragen", "abschnitt-ziele-2"]) expect(page).toContain(`id="${anchor}"`);
    expect(documentHeadings(newDoc("Ohne Text"))).toEqual([]);
  });
});
