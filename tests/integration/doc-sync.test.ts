import Database from "better-sqlite3";
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "../../app/models/document.server";
import { loadDocState } from "../../app/models/doc-state.server";
import { createGroup } from "../../app/models/group.server";
import { closeDb } from "../../db/client.server";
import { createTestUser } from "../fixtures/users";
import { PortalClient } from "../setup/http-client";
import { signInAll, startPortalWithModels } from "../setup/fixture-server";
import type { PortalServer } from "../setup/portal-server";
import { DocClient, until } from "../setup/yjs-client";
import { decodeWire } from "../../app/realtime/wire";
import { COLLAB_FIELD } from "../../app/documents/editor-extensions";

let server: PortalServer;
const UNLOAD_AFTER_MS = 1000;
const DERIVE_IDLE_MS = 1000;
const cookie: Record<string, string> = {};
const http: Record<string, PortalClient> = {};
const ids: Record<string, number> = {};
let docA = 0; // intern group A
let docC = 0; // vertraulich group C
let docDerive = 0; // intern group A, typed into as the editor does (an XmlFragment)
let docRederive = 0; // the same, with a pause in which the deriver drops its copy
let slugA = "";
let groupA = 0;
const clients: DocClient[] = [];

beforeAll(async () => {
  // Unloading is tested here: a second instead of half a minute after the last editor left. So is the deriver
  // dropping its copy of an open document (a second instead of a minute); its log line says when it did.
  server = await startPortalWithModels({
    env: { DOC_UNLOAD_AFTER_MS: String(UNLOAD_AFTER_MS), DERIVE_COPY_IDLE_MS: String(DERIVE_IDLE_MS), LOG_LEVEL: "info" },
  });
  const users = {
    mod: await createTestUser("member", "Sina Sync-Moderation"),
    anna: await createTestUser("member", "Ada Autorin"),
    ben: await createTestUser("member", "Ben Beitrag"),
    outsider: await createTestUser("member", "Olli Außen"),
    observer: await createTestUser("observer", "Olivia Beobachtung"),
  };
  const stamp = Date.now().toString(36);
  const a = createGroup({ title: "Sync A", slug: `sync-a-${stamp}`, loge: null, description: "Gruppe für Sync-Tests", goals: "", visibility: "intern" }, users.mod.id);
  const c = createGroup({ title: "Sync C", slug: `sync-c-${stamp}`, loge: null, description: "Vertrauliche Sync-Gruppe", goals: "", visibility: "vertraulich" }, users.mod.id);
  const db = new Database(server.dbPath);
  for (const u of [users.anna, users.ben]) {
    db.prepare("INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, 'member', ?)").run(a.id, u.id, Date.now());
    db.prepare("INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, 'member', ?)").run(c.id, u.id, Date.now());
  }
  db.close();
  docA = createDocument(a.id, { title: "Empfehlung Sync", kind: "empfehlung" }, users.mod.id).id;
  docDerive = createDocument(a.id, { title: "Empfehlung Ableitung", kind: "empfehlung" }, users.mod.id).id;
  docRederive = createDocument(a.id, { title: "Empfehlung Ableitung nach Pause", kind: "empfehlung" }, users.mod.id).id;
  docC = createDocument(c.id, { title: "Vertrauliche Empfehlung", kind: "empfehlung" }, users.mod.id).id;
  slugA = a.slug;
  groupA = a.id;
  Object.assign(http, await signInAll(server.origin, users));
  for (const [name, u] of Object.entries(users)) {
    ids[name] = u.id;
    cookie[name] = http[name].cookie!;
  }
});
afterAll(async () => {
  for (const c of clients) c.close();
  closeDb();
  await server?.stop();
});

/** A paragraph as the editor writes it into the document's XmlFragment. */
function paragraph(text: string) {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/** What the server derived from a document (document_contents), if anything yet. */
function derivedContent(documentId: number) {
  const db = new Database(server.dbPath, { readonly: true });
  const row = db.prepare("SELECT text, html FROM document_contents WHERE document_id = ?").get(documentId) as { text: string; html: string } | undefined;
  db.close();
  return row;
}

function client(who: string, documentId = docA) {
  const c = new DocClient(server.origin, cookie[who], documentId);
  clients.push(c);
  return c;
}

describe("document sync over socket.io", () => {
  it("two clients converge, and a late joiner gets the full state", async () => {
    const anna = client("anna");
    const ben = client("ben");
    expect(await anna.join()).toEqual({ ok: true });
    expect(await ben.join()).toEqual({ ok: true });
    anna.doc.getText("inhalt").insert(0, "Hallo");
    await until(() => ben.text === "Hallo", 2000, "ben sees anna");
    ben.doc.getText("inhalt").insert(5, " Welt");
    anna.doc.getText("inhalt").insert(0, ">");
    await until(() => anna.text === ben.text && anna.text.length === 11, 2000, "convergence");
    expect(anna.text).toBe(">Hallo Welt");

    const late = client("mod");
    expect(await late.join()).toEqual({ ok: true });
    expect(late.text).toBe(">Hallo Welt");
    await until(() => anna.acks >= 2 && ben.acks >= 1, 2000, "acks");

    // The document list shows who is in the document right now, and stops when they leave.
    const row = async () => (await (await http.observer.get(`/gruppen/${slugA}/dokumente`)).text()).split("Empfehlung Sync")[1]?.split("</tr>")[0] ?? "";
    expect(await row()).toContain("Ada Autorin, Ben Beitrag, Sina Sync-Moderation");
    ben.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(await row()).not.toContain("Ben Beitrag");
  });

  it("relays awareness (who is here, carets) and drops it as soon as a client leaves", async () => {
    const anna = client("anna");
    const ben = client("ben");
    await anna.join();
    await ben.join();
    const annaAwareness = new Awareness(anna.doc);
    const benAwareness = new Awareness(ben.doc);
    ben.socket.on("doc:awareness", ({ update }: { update: string }) => applyAwarenessUpdate(benAwareness, decodeWire(update), "remote"));
    annaAwareness.setLocalStateField("user", { name: "Ada Autorin", color: "#1d3f8a" });
    anna.socket.emit("doc:awareness", { documentId: docA, update: encodeAwarenessUpdate(annaAwareness, [anna.doc.clientID]) });
    await until(() => benAwareness.getStates().get(anna.doc.clientID)?.user?.name === "Ada Autorin", 2000, "ben sees anna's presence");
    anna.close();
    await until(() => !benAwareness.getStates().has(anna.doc.clientID), 2000, "anna's presence gone");
    annaAwareness.destroy();
    benAwareness.destroy();
  });

  it("stores every acknowledged update before the acknowledgement", async () => {
    const db = new Database(server.dbPath, { readonly: true });
    const rows = db.prepare("SELECT count(*) AS n FROM doc_updates WHERE document_id = ?").get(docA) as { n: number };
    db.close();
    expect(rows.n).toBeGreaterThanOrEqual(3);
  });

  it("derives the text, HTML and search entry from what was typed, within a few seconds of each change", async () => {
    const anna = client("anna", docDerive);
    await anna.join();
    const derived = () => derivedContent(docDerive);
    const fragment = anna.doc.getXmlFragment(COLLAB_FIELD);
    fragment.insert(0, [paragraph("Barrierefreie Formulare zuerst")]);
    await until(() => derived()?.text.includes("Barrierefreie Formulare zuerst") ?? false, 5000, "first change derived");
    // A later change while the document stays open: derived again (read from storage by the deriver).
    fragment.insert(1, [paragraph("Danach die Schnittstellen <script>")]);
    await until(() => derived()?.text.includes("Danach die Schnittstellen") ?? false, 5000, "second change derived");
    expect(derived()!.html).toContain("<p>Danach die Schnittstellen &lt;script&gt;</p>");
    expect((await (await http.ben.get(`/suche?q=${encodeURIComponent("Schnittstellen")}`)).text())).toContain("Empfehlung Ableitung");
    fragment.delete(0, 2);
    await until(() => anna.acks >= 3, 2000, "acks");
    await until(() => derived()?.text === "", 5000, "emptied text derived");
  });

  it("derives again from the whole state when the deriver dropped its copy while the document stayed open", async () => {
    const anna = client("anna", docRederive);
    await anna.join();
    const fragment = anna.doc.getXmlFragment(COLLAB_FIELD);
    fragment.insert(0, [paragraph("Erster Absatz vor der Pause")]);
    await until(() => derivedContent(docRederive)?.text.includes("Erster Absatz vor der Pause") ?? false, 5000, "first change derived");
    // Nobody types: the deriver drops its copy 1–1.5 idle times after its last use; the document stays open (anna is in it).
    await new Promise((r) => setTimeout(r, DERIVE_IDLE_MS * 1.5 + 500));
    const resent = () => server.output().split("\n").filter((l) => l.includes("sending the whole state") && l.includes(`"documentId":${docRederive}`)).length;
    expect(resent()).toBe(0);
    // The loop still holds the copy's last vector and sends only a difference; the deriver asks for everything, and gets it.
    fragment.insert(1, [paragraph("Zweiter Absatz nach der Pause")]);
    await until(() => derivedContent(docRederive)?.text.includes("Zweiter Absatz nach der Pause") ?? false, 5000, "change after the pause derived");
    expect(derivedContent(docRederive)?.text).toContain("Erster Absatz vor der Pause");
    expect(resent()).toBe(1);
  });

  it("an observer reads live but may not write: refused, nothing changes", async () => {
    const observer = client("observer");
    expect(await observer.join()).toEqual({ ok: true });
    expect(observer.readOnly).toBe(true);
    expect(observer.text).toBe(">Hallo Welt");
    const sneaky = new Y.Doc();
    Y.applyUpdate(sneaky, Y.encodeStateAsUpdate(observer.doc));
    sneaky.getText("inhalt").insert(0, "GEHACKT ");
    const reply = await observer.send(Y.encodeStateAsUpdate(sneaky, Y.encodeStateVector(observer.doc)));
    expect(reply).toMatchObject({ ok: false, error: "read_only" });
    const check = client("ben");
    await check.join();
    expect(check.text).toBe(">Hallo Welt");
  });

  it("refuses a join to a confidential group's document by outsiders, and to missing documents", async () => {
    expect(await client("outsider", docC).join()).toMatchObject({ ok: false, error: "not_found" });
    expect(await client("observer", docC).join()).toMatchObject({ ok: false, error: "not_found" });
    expect(await client("anna", 999_999).join()).toMatchObject({ ok: false, error: "not_found" });
    expect(await client("anna", docC).join()).toEqual({ ok: true });
  });

  it("refuses malformed and oversized updates, keeps the connection and the document intact", async () => {
    const anna = client("anna");
    await anna.join();
    const random = new Uint8Array(64).map((_, i) => (i * 37 + 11) % 256);
    expect(await anna.send(random)).toMatchObject({ ok: false, error: "invalid_payload" });
    expect(await anna.send(new Uint8Array([0, 1]).subarray(0, 1))).toMatchObject({ ok: false });
    expect(await anna.send(new Uint8Array(300 * 1024).fill(1))).toMatchObject({ ok: false, error: "invalid_payload" });
    const wrongType = await anna.socket.emitWithAck("doc:update", { documentId: "eins", update: "Hallo" });
    expect(wrongType).toMatchObject({ ok: false, error: "invalid_payload" });
    // Base64 as the clients send it: not base64, not canonical, over the limit before decoding, empty.
    const sendText = (update: string) => anna.socket.emitWithAck("doc:update", { documentId: docA, update });
    for (const bad of ["<script>", "QUJD RA==", "QUJDRA", "QQ==QUJD", "A".repeat(Math.ceil((256 * 1024) / 3) * 4 + 4), ""]) {
      expect(await sendText(bad), bad.slice(0, 20)).toMatchObject({ ok: false, error: "invalid_payload" });
    }
    // Over the limit by one byte once decoded, though the text is within its length.
    expect(await sendText(Buffer.alloc(256 * 1024 + 1, 1).toString("base64"))).toMatchObject({ ok: false, error: "invalid_payload" });
    expect(await sendText(Buffer.from(random).toString("base64"))).toMatchObject({ ok: false, error: "invalid_payload" });
    expect(anna.socket.connected).toBe(true);
    expect(anna.acks).toBe(0);
    anna.doc.getText("inhalt").insert(anna.text.length, "!");
    await until(() => anna.acks >= 1, 2000, "valid update after bad ones");
    // Binary, as tabs opened before the base64 change send it, is still taken.
    const side = new Y.Doc();
    Y.applyUpdate(side, Y.encodeStateAsUpdate(anna.doc));
    const before = Y.encodeStateVector(side);
    side.getText("inhalt").insert(side.getText("inhalt").length, "?");
    expect(await anna.send(Y.encodeStateAsUpdate(side, before), { binary: true })).toMatchObject({ ok: true });
    const fresh = client("ben");
    await fresh.join();
    expect(fresh.text).toBe(">Hallo Welt!?");
  });

  it("a member removed from a confidential group loses the document within 1 s; one removed from an intern group becomes read-only", async () => {
    const inC = client("ben", docC);
    const inA = client("ben");
    await inC.join();
    await inA.join();
    expect(inA.readOnly).toBe(false);
    const start = Date.now();
    expect((await http.mod.post(`/gruppen/${slugA}?index`, { intent: "remove-member", userId: String(ids.ben) })).status).toBe(200);
    await until(() => inA.readOnly === true, 1000, "read-only in A");
    expect(Date.now() - start).toBeLessThan(1000);
    const cSlug = slugA.replace("sync-a-", "sync-c-");
    expect((await http.mod.post(`/gruppen/${cSlug}?index`, { intent: "remove-member", userId: String(ids.ben) })).status).toBe(200);
    await until(() => inC.closed.length === 1, 1000, "closed in C");
    expect(await inC.send(new Uint8Array([1, 2, 3]))).toMatchObject({ ok: false, error: "not_joined" });
  });

  it("moving the status to Beschlossen makes every open editor read-only", async () => {
    const anna = client("anna");
    await anna.join();
    expect(anna.readOnly).toBe(false);
    const path = `/gruppen/${slugA}/dokumente/${docA}`;
    expect((await http.mod.post(path, { intent: "status", status: "in_konsultation", comment: "Im Test begründet" })).status).toBe(200);
    expect((await http.mod.post(path, { intent: "status", status: "beschlossen", comment: "Im Test begründet" })).status).toBe(200);
    await until(() => anna.readOnly === true, 1000, "read-only after decision");
    anna.doc.getText("inhalt").insert(0, "zu spät ");
    await until(() => anna.errors.includes("read_only"), 1000, "refused");
  });

  it("unloads documents a while after their last editor left, one after the other, each folded into a snapshot", async () => {
    const docs = ["Entladen 1", "Entladen 2", "Entladen 3", "Entladen 4"].map((title) => createDocument(groupA, { title, kind: "arbeitspapier" }, ids.mod).id);
    const editors = docs.map((documentId) => client("anna", documentId));
    for (const [i, editor] of editors.entries()) {
      await editor.join();
      editor.doc.getText("inhalt").insert(0, `Abschnitt ${i + 1}`);
    }
    await until(() => editors.every((e) => e.acks >= 1), 3000, "acks");
    // All leave in the same moment, as at the end of a session.
    for (const editor of editors) editor.close();
    const db = new Database(server.dbPath, { readonly: true });
    const snapshots = () =>
      db.prepare(`SELECT document_id AS id, up_to_update_id AS upTo, updated_at AS at FROM doc_snapshots WHERE document_id IN (${docs.join(",")}) ORDER BY updated_at`).all() as { id: number; upTo: number; at: number }[];
    await until(() => snapshots().length === docs.length, UNLOAD_AFTER_MS + 3000, "every document unloaded");
    const stored = snapshots();
    for (const s of stored) {
      const last = db.prepare("SELECT max(id) AS id FROM doc_updates WHERE document_id = ?").get(s.id) as { id: number | null };
      // The snapshot holds the whole log (the rows it contains are trimmed later, or are gone already).
      expect(s.upTo).toBeGreaterThanOrEqual(last.id ?? 0);
    }
    db.close();
    // One every 50 ms at most: four together would have been stored within a few milliseconds.
    expect(stored.at(-1)!.at - stored[0].at).toBeGreaterThanOrEqual(100);
    // Joining again loads the snapshot.
    const again = client("ben", docs[2]);
    await again.join();
    expect(again.text).toBe("Abschnitt 3");
  });

  it("a graceful shutdown keeps every acknowledged update and folds the log into a snapshot", async () => {
    const path = `/gruppen/${slugA}/dokumente/${docA}`;
    expect((await http.mod.post(path, { intent: "status", status: "in_konsultation", comment: "Im Test begründet" })).status).toBe(200);
    const anna = client("anna");
    await anna.join();
    expect(anna.readOnly).toBe(false);
    for (let i = 0; i < 20; i++) anna.doc.getText("inhalt").insert(0, `[${i}]`);
    await until(() => anna.acks >= 20, 3000, "acks before shutdown");
    expect(await server.stop()).toBe(0);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, loadDocState(docA).state);
    for (let i = 0; i < 20; i++) expect(stored.getText("inhalt").toString()).toContain(`[${i}]`);
    const db = new Database(server.dbPath, { readonly: true });
    const snapshot = db.prepare("SELECT up_to_update_id FROM doc_snapshots WHERE document_id = ?").get(docA);
    // The rows the snapshots contain are trimmed from the log before the writer thread closes.
    const contained = db.prepare("SELECT count(*) AS n FROM doc_updates u JOIN doc_snapshots s ON s.document_id = u.document_id AND u.id <= s.up_to_update_id").get() as { n: number };
    db.close();
    expect(snapshot).toBeDefined();
    expect(contained.n).toBe(0);
  });
});
