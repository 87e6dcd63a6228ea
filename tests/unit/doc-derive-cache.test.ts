import { getSchema } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { COLLAB_FIELD, documentExtensions } from "~/documents/editor-extensions";
import { deriveContent } from "~/models/document-content.server";
import { DeriveCache, type DeriveInput } from "~/realtime/doc-derive-cache.server";

/** As in production (DERIVE_COPY_IDLE_MS); the clock is the test's own. */
const IDLE_MS = 60_000;
const schema = getSchema(documentExtensions());

/** A document as the editor writes it, and the first paragraph's text to type into. */
function editorDoc(paragraphs: string[]) {
  const doc = new Y.Doc();
  const content = paragraphs.map((t) => ({ type: "paragraph", content: [{ type: "text", text: t }] }));
  prosemirrorJSONToYXmlFragment(schema, { type: "doc", content }, doc.getXmlFragment(COLLAB_FIELD));
  const first = doc.getXmlFragment(COLLAB_FIELD).get(0) as Y.XmlElement;
  return { doc, text: first.get(0) as Y.XmlText };
}

/** What the loop sends: the whole state, or what a copy at `since` lacks. */
function input(doc: Y.Doc, since?: Uint8Array): DeriveInput {
  return {
    documentId: 7,
    base: since ? "diff" : "full",
    state: since ? Y.encodeStateAsUpdate(doc, since) : Y.encodeStateAsUpdate(doc),
    vector: Y.encodeStateVector(doc),
  };
}

const rendered = (doc: Y.Doc) => deriveContent(Y.encodeStateAsUpdate(doc));

describe("the deriver's copies of documents", () => {
  it("renders from the whole state, then from differences only, deletions included", () => {
    const cache = new DeriveCache(IDLE_MS);
    const { doc, text } = editorDoc(["Barrierefreie Formulare zuerst.", "Danach die Schnittstellen."]);
    expect(cache.derive(input(doc))).toEqual({ content: rendered(doc) });

    let confirmed = Y.encodeStateVector(doc);
    text.insert(0, "Empfehlung: ");
    const diff = input(doc, confirmed);
    // Only what is new travels (and the delete set), not the whole text.
    expect(diff.state.byteLength).toBeLessThan(Y.encodeStateAsUpdate(doc).byteLength / 2);
    expect(cache.derive(diff)).toEqual({ content: rendered(doc) });

    confirmed = Y.encodeStateVector(doc);
    text.delete(0, 12);
    text.format(0, 13, { bold: {} });
    doc.getXmlFragment(COLLAB_FIELD).delete(1, 1);
    const outcome = cache.derive(input(doc, confirmed));
    expect(outcome).toEqual({ content: rendered(doc) });
    expect("content" in outcome && outcome.content.text).toBe("Barrierefreie Formulare zuerst.");
    expect("content" in outcome && outcome.content.html).toContain("<strong>Barrierefreie</strong>");
  });

  it("takes a difference against an older confirmation (more than needed) and renders the same", () => {
    const cache = new DeriveCache(IDLE_MS);
    const { doc, text } = editorDoc(["Erster Entwurf"]);
    const old = Y.encodeStateVector(doc);
    cache.derive(input(doc));
    text.insert(14, " der Empfehlung");
    cache.derive(input(doc, old));
    text.insert(0, "Zweiter statt ");
    expect(cache.derive(input(doc, old))).toEqual({ content: rendered(doc) });
  });

  it("asks for the whole state when it has no copy", () => {
    const cache = new DeriveCache(IDLE_MS);
    const { doc, text } = editorDoc(["Text"]);
    const since = Y.encodeStateVector(doc);
    text.insert(0, "Neuer ");
    expect(cache.derive(input(doc, since))).toEqual({ needsFull: true });
    expect(cache.size).toBe(0);
  });

  it("renders nothing from a copy that does not end where the loop says, and drops it", () => {
    const cache = new DeriveCache(IDLE_MS);
    const { doc, text } = editorDoc(["Stand der Arbeitsgruppe"]);
    cache.derive(input(doc));
    text.insert(0, "A ");
    const skipped = Y.encodeStateVector(doc);
    text.insert(0, "B ");
    // A difference against a state the copy never had: the first insert is missing.
    expect(cache.derive(input(doc, skipped))).toEqual({ needsFull: true });
    expect(cache.size).toBe(0);
    // And the copy is gone, so the next difference asks again; the whole state renders.
    expect(cache.derive(input(doc, Y.encodeStateVector(doc)))).toEqual({ needsFull: true });
    expect(cache.derive(input(doc))).toEqual({ content: rendered(doc) });
  });

  it("drops the copy after bytes that are no update, and keeps serving", () => {
    const cache = new DeriveCache(IDLE_MS);
    const { doc } = editorDoc(["Inhalt"]);
    cache.derive(input(doc));
    const bytes = new Uint8Array([255, 255, 255, 255, 1, 2, 3]);
    expect(cache.derive({ ...input(doc, Y.encodeStateVector(new Y.Doc())), state: bytes })).toEqual({ needsFull: true });
    expect(cache.size).toBe(0);
    // A whole state that is no update is an error, not a question back (that would go in circles).
    expect(() => cache.derive({ ...input(doc), state: bytes })).toThrow();
    expect(cache.size).toBe(0);
    expect(cache.derive(input(doc))).toEqual({ content: rendered(doc) });
  });

  it("renders a document holding an update whose base never came, and keeps taking differences", () => {
    const cache = new DeriveCache(IDLE_MS);
    const { doc, text } = editorDoc(["Gemeinsamer Text"]);
    // Another client's two inserts; only the second reaches the server, so it waits there for the first.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const otherText = (other.getXmlFragment(COLLAB_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    otherText.insert(0, "eins ");
    const before = Y.encodeStateVector(other);
    otherText.insert(0, "zwei ");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, before));
    expect(doc.store.pendingStructs).not.toBeNull();

    expect(cache.derive(input(doc))).toEqual({ content: rendered(doc) });
    const confirmed = Y.encodeStateVector(doc);
    text.insert(0, "Neu: ");
    // Not "send everything" again and again: the copy ends where the loop's document does.
    expect(cache.derive(input(doc, confirmed))).toEqual({ content: rendered(doc) });
    expect(cache.size).toBe(1);
  });

  it("forgets copies not used for a while", () => {
    let now = 0;
    const cache = new DeriveCache(IDLE_MS, () => now);
    const a = editorDoc(["Dokument A"]);
    const b = editorDoc(["Dokument B"]);
    cache.derive(input(a.doc));
    cache.derive({ ...input(b.doc), documentId: 8 });
    now = IDLE_MS / 2;
    cache.derive({ ...input(b.doc, Y.encodeStateVector(b.doc)), documentId: 8 });
    now = IDLE_MS + 1;
    cache.dropIdle();
    expect(cache.size).toBe(1);
    expect(cache.derive(input(a.doc, Y.encodeStateVector(a.doc)))).toEqual({ needsFull: true });
    expect(cache.derive({ ...input(b.doc, Y.encodeStateVector(b.doc)), documentId: 8 })).toEqual({ content: rendered(b.doc) });
  });
});
