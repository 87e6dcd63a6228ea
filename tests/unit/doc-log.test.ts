import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { appendUpdates, compactDocState, loadDocParts, loadDocState, trimCompactedLog } from "~/models/doc-state.server";
import { COLLAB_FIELD } from "~/documents/editor-extensions";
import { deriveContent, deriveContentFromParts } from "~/models/document-content.server";
import { useTempDatabase } from "../setup/test-db";
import { makeDocument, makeGroup, makeUser } from "../setup/notification-fixtures";

vi.hoisted(() => {
  process.env.LOG_LEVEL = "silent";
});

/**
 * The document log (app/models/doc-state.server.ts): a compaction writes only
 * the snapshot; the rows it contains are skipped on load and deleted in bulk
 * later. Two documents' rows interleave, as with several open documents.
 */
let cleanup: () => void;
let dbPath: string;
let docA = 0;
let docB = 0;
let author = 0;

beforeAll(() => {
  ({ cleanup, dbPath } = useTempDatabase());
  author = makeUser("Lena Log");
  const group = makeGroup("Protokoll-Gruppe", [[author, "moderation"]]);
  docA = makeDocument(group, author, "Empfehlung A");
  docB = makeDocument(group, author, "Empfehlung B");
});
afterAll(() => cleanup());

/** Types `words` into a Y.Text, one update per word; returns the updates. */
function typed(doc: Y.Doc, words: string[]): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const onUpdate = (u: Uint8Array) => updates.push(u);
  doc.on("update", onUpdate);
  for (const w of words) doc.getText("t").insert(doc.getText("t").length, w);
  doc.off("update", onUpdate);
  return updates;
}

function rowsOf(documentId: number): number {
  const db = new Database(dbPath, { readonly: true });
  const { n } = db.prepare("SELECT count(*) AS n FROM doc_updates WHERE document_id = ?").get(documentId) as { n: number };
  db.close();
  return n;
}

const textOf = (state: Uint8Array) => {
  const d = new Y.Doc();
  Y.applyUpdate(d, state);
  return d.getText("t").toString();
};

describe("document log: compaction and trimming", () => {
  it("after a compaction, loading skips the rows the snapshot holds, and trimming deletes exactly those", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const ua = typed(a, ["Erstens ", "zweitens ", "drittens "]);
    const ub = typed(b, ["Anders ", "hier "]);
    // Interleaved, as the writer stores them for two open documents.
    const ids = appendUpdates([ua[0], ub[0], ua[1], ub[1], ua[2]].map((update, i) => ({ documentId: i % 2 ? docB : docA, update, userId: author })));
    expect(ids).toHaveLength(5);

    // Snapshot of A up to its second row (ids[2]); its third update stays in the log.
    const upTo = ids[2];
    const partial = new Y.Doc();
    Y.applyUpdate(partial, ua[0]);
    Y.applyUpdate(partial, ua[1]);
    compactDocState(docA, Y.encodeStateAsUpdate(partial), upTo);

    const parts = loadDocParts(docA);
    expect(parts.parts).toHaveLength(2); // the snapshot and the row after it
    expect(parts.logLength).toBe(1);
    expect(parts.lastUpdateId).toBe(ids[4]);
    expect(textOf(loadDocState(docA).state)).toBe("Erstens zweitens drittens ");
    expect(rowsOf(docA)).toBe(3); // not deleted yet

    expect(trimCompactedLog()).toBe(2);
    expect(rowsOf(docA)).toBe(1);
    expect(rowsOf(docB)).toBe(2); // B has no snapshot: untouched
    expect(textOf(loadDocState(docA).state)).toBe("Erstens zweitens drittens ");
    expect(textOf(loadDocState(docB).state)).toBe("Anders hier ");
    expect(trimCompactedLog()).toBe(0);
  });

  it("trims at most `limit` rows at a time, the rest next time", () => {
    const b = new Y.Doc();
    Y.applyUpdate(b, loadDocState(docB).state);
    const more = typed(b, ["eins ", "zwei ", "drei ", "vier "]);
    const ids = appendUpdates(more.map((update) => ({ documentId: docB, update, userId: author })));
    compactDocState(docB, Y.encodeStateAsUpdate(b), ids[ids.length - 1]);
    expect(rowsOf(docB)).toBe(6);
    expect(trimCompactedLog(4)).toBe(4);
    expect(trimCompactedLog(4)).toBe(2);
    expect(trimCompactedLog(4)).toBe(0);
    expect(loadDocParts(docB).parts).toHaveLength(1);
    expect(textOf(loadDocState(docB).state)).toBe("Anders hier eins zwei drei vier ");
  });

  it("returns each row's id in the order given, also when a batch takes several statements", () => {
    // 70 updates of two documents: more than one INSERT statement holds (32 rows each).
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, loadDocState(docA).state);
    Y.applyUpdate(b, loadDocState(docB).state);
    const words = Array.from({ length: 35 }, (_, i) => `Wort${i} `);
    const ua = typed(a, words);
    const ub = typed(b, words);
    const batch = ua.flatMap((update, i) => [
      { documentId: docA, update, userId: author },
      { documentId: docB, update: ub[i], userId: author },
    ]);
    const ids = appendUpdates(batch);
    expect(ids).toHaveLength(70);
    const db = new Database(dbPath, { readonly: true });
    const read = db.prepare("SELECT document_id AS documentId, \"update\" FROM doc_updates WHERE id = ?");
    ids.forEach((id, i) => {
      const row = read.get(id) as { documentId: number; update: Buffer };
      expect(row.documentId).toBe(batch[i].documentId);
      expect(new Uint8Array(row.update)).toEqual(batch[i].update);
    });
    db.close();
    expect(textOf(loadDocState(docA).state)).toBe(a.getText("t").toString());
    expect(textOf(loadDocState(docB).state)).toBe(b.getText("t").toString());

    // All rows compacted and trimmed, the table empty: later rows still get new ids
    // (a snapshot skips every id up to its own, so a reused id would be lost on load).
    for (const documentId of [docA, docB]) compactDocState(documentId, loadDocState(documentId).state, loadDocParts(documentId).lastUpdateId);
    while (trimCompactedLog() > 0);
    expect(rowsOf(docA) + rowsOf(docB)).toBe(0);
    const later = appendUpdates(typed(a, ["danach"]).map((update) => ({ documentId: docA, update, userId: author })));
    expect(later[0]).toBe(ids[69] + 1);
    expect(textOf(loadDocState(docA).state)).toBe(a.getText("t").toString());
  });

  it("derives the same content from the stored parts as from their merged state", () => {
    const doc = new Y.Doc();
    const parts: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => parts.push(u));
    const fragment = doc.getXmlFragment(COLLAB_FIELD);
    for (const text of ["Offene Standards", "Barrierefreiheit von Anfang an"]) {
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText(text)]);
      fragment.insert(fragment.length, [p]);
    }
    expect(parts).toHaveLength(2);
    const content = deriveContentFromParts(parts);
    expect(content.text).toBe("Offene Standards\n\nBarrierefreiheit von Anfang an");
    expect(content.html).toBe("<p>Offene Standards</p><p>Barrierefreiheit von Anfang an</p>");
    expect(content).toEqual(deriveContent(Y.mergeUpdates(parts)));
  });
});
