import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { applyRemoteUpdate } from "~/documents/remote-update";

/** What a raw `doc:update` can put where the editor's binding expects elements (tests/fixtures/xss-corpus.ts has more). */
function hostileUpdate(build: (inhalt: Y.XmlFragment, doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  build(doc.getXmlFragment("inhalt"), doc);
  return Y.encodeStateAsUpdate(doc);
}

/** Yjs types the XML typings do not allow as children; the encoding does, and so does a raw update. */
const foreign = (...types: object[]) => types as Y.XmlElement[];

function paragraph(parent: Y.XmlFragment, text: string) {
  const p = new Y.XmlElement("paragraph");
  parent.push([p]);
  const t = new Y.XmlText();
  p.push([t]);
  t.insert(0, text);
  return p;
}

/** The shape the binding sees: element names, texts as "#text", anything else by its constructor. */
function shape(parent: Y.XmlFragment): unknown[] {
  return parent.toArray().map((child: unknown) =>
    child instanceof Y.XmlElement ? { [child.nodeName]: shape(child) } : child instanceof Y.XmlText ? "#text" : `other: ${String((child as object)?.constructor?.name ?? child)}`,
  );
}

describe("applying a server update in the browser", () => {
  it("removes texts, maps and strings the editor's binding cannot hold, before its observers run", () => {
    const doc = new Y.Doc();
    const inhalt = doc.getXmlFragment("inhalt");
    const seen: unknown[][] = [];
    inhalt.observeDeep(() => seen.push(shape(inhalt)));
    applyRemoteUpdate(
      doc,
      hostileUpdate((f) => {
        paragraph(f, "bleibt");
        const top = new Y.XmlText();
        f.push([top]);
        top.insert(0, "<script>direkt im Fragment</script>");
        f.push(foreign(new Y.Map()));
        const p = paragraph(f, "auch");
        p.push(foreign(new Y.Map(), new Y.XmlHook("hook")));
        paragraph(p, "verschachtelt");
      }),
      "remote",
    );
    const expected = [{ paragraph: ["#text"] }, { paragraph: ["#text", { paragraph: ["#text"] }] }];
    expect(shape(inhalt)).toEqual(expected);
    expect(seen).toEqual([expected]);
  });

  it("removes characters written into the fragment as if it were a Y.Text", () => {
    const doc = new Y.Doc();
    applyRemoteUpdate(doc, hostileUpdate((f) => paragraph(f, "bleibt")), "remote");
    const text = new Y.Doc();
    text.getText("inhalt").insert(0, "<script>");
    applyRemoteUpdate(doc, Y.encodeStateAsUpdate(text), "remote");
    expect(shape(doc.getXmlFragment("inhalt"))).toEqual([{ paragraph: ["#text"] }]);
  });

  it("looks only at what the update changed, and leaves valid text alone", () => {
    const doc = new Y.Doc();
    applyRemoteUpdate(doc, hostileUpdate((f) => paragraph(f, "Erster Absatz")), "remote");
    const before = Y.encodeStateVector(doc);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const next = paragraph(other.getXmlFragment("inhalt"), "Zweiter Absatz");
    next.insert(0, foreign(new Y.Map()));
    applyRemoteUpdate(doc, Y.encodeStateAsUpdate(other, before), "remote");
    expect(shape(doc.getXmlFragment("inhalt"))).toEqual([{ paragraph: ["#text"] }, { paragraph: ["#text"] }]);
    expect(doc.getXmlFragment("inhalt").toString()).toBe("<paragraph>Erster Absatz</paragraph><paragraph>Zweiter Absatz</paragraph>");
  });
});
