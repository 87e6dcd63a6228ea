import { Document, Packer } from "docx";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { orderedListNumbering, tiptapToDocx } from "~/report/tiptap-docx";

/** The recommendation text in the report: headings, lists and marks survive the trip from tiptap JSON to Word. */

const text = (t: string, marks?: { type: string; attrs?: Record<string, unknown> }[]) => ({ type: "text", text: t, ...(marks ? { marks } : {}) });
const p = (...content: unknown[]) => ({ type: "paragraph", content });
const li = (...content: unknown[]) => ({ type: "listItem", content });

async function documentXml(json: unknown): Promise<string> {
  const doc = new Document({
    numbering: { config: [orderedListNumbering()] },
    sections: [{ children: tiptapToDocx(json as Parameters<typeof tiptapToDocx>[0]) }],
  });
  return strFromU8(unzipSync(new Uint8Array(await Packer.toBuffer(doc)))["word/document.xml"]);
}

describe("tiptap JSON to docx", () => {
  it("is empty for an empty document", () => {
    expect(tiptapToDocx(null)).toEqual([]);
    expect(tiptapToDocx({ type: "doc" })).toEqual([]);
  });

  it("keeps headings as Word headings below the recommendation's own level", async () => {
    const xml = await documentXml({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 3 }, content: [text("Ziel")] },
        { type: "heading", attrs: { level: 4 }, content: [text("Teilziel")] },
      ],
    });
    expect(xml).toMatch(/<w:pStyle w:val="Heading4"\/>[\s\S]*?Ziel/);
    expect(xml).toMatch(/<w:pStyle w:val="Heading5"\/>[\s\S]*?Teilziel/);
  });

  it("makes bullet and numbered lists real Word lists, nested levels included, each numbered list starting anew", async () => {
    const xml = await documentXml({
      type: "doc",
      content: [
        { type: "bulletList", content: [li(p(text("Punkt A")), { type: "bulletList", content: [li(p(text("Unterpunkt")))] })] },
        { type: "orderedList", content: [li(p(text("Eins"))), li(p(text("Zwei")))] },
        p(text("Zwischentext")),
        { type: "orderedList", content: [li(p(text("Wieder eins")))] },
      ],
    });
    const numPr = (label: string) => xml.match(new RegExp(`<w:p>(?:(?!<w:p>).)*?<w:numPr><w:ilvl w:val="(\\d)"/><w:numId w:val="(\\d+)"/></w:numPr>(?:(?!<w:p>).)*?${label}`, "s"));
    expect(numPr("Punkt A")?.[1]).toBe("0");
    expect(numPr("Unterpunkt")?.[1]).toBe("1");
    expect(numPr("Eins")?.[2]).toBe(numPr("Zwei")?.[2]);
    expect(numPr("Wieder eins")?.[2]).not.toBe(numPr("Eins")?.[2]);
    expect(numPr("Zwischentext")).toBeNull();
  });

  it("keeps marks and only safe links", async () => {
    const xml = await documentXml({
      type: "doc",
      content: [
        p(text("fett", [{ type: "bold" }]), text(" kursiv", [{ type: "italic" }]), text(" OZG", [{ type: "link", attrs: { href: "https://www.onlinezugangsgesetz.de" } }])),
        p(text("böse", [{ type: "link", attrs: { href: "javascript:alert(1)" } }])),
      ],
    });
    expect(xml).toMatch(/<w:b\/>[\s\S]*?fett/);
    expect(xml).toMatch(/<w:i\/>[\s\S]*?kursiv/);
    // One hyperlink: the javascript: link stays plain text.
    expect(xml.match(/<w:hyperlink /g)).toHaveLength(1);
    expect(xml).not.toContain("javascript:");
    expect(xml).toContain("böse");
  });
});
