import { generateText, getSchema, type JSONContent } from "@tiptap/core";
import { generateHTML } from "@tiptap/html";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { COLLAB_FIELD, documentExtensions } from "~/documents/editor-extensions";
import { renderJson, renderState, renderStateHtml } from "~/documents/render-html.server";

const schema = getSchema(documentExtensions());

function stateOf(content: unknown[]) {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(schema, { type: "doc", content }, doc.getXmlFragment(COLLAB_FIELD));
  return Y.encodeStateAsUpdate(doc);
}
const p = (...content: unknown[]) => ({ type: "paragraph", content });
const text = (t: string, marks?: unknown[]) => ({ type: "text", text: t, ...(marks ? { marks } : {}) });

describe("server-rendered document text", () => {
  it("is null for an empty document", () => {
    expect(renderStateHtml(Y.encodeStateAsUpdate(new Y.Doc()))).toBeNull();
    expect(renderStateHtml(stateOf([{ type: "paragraph" }]))).toBeNull();
  });

  it("renders headings, lists, marks and tables without inline styles", () => {
    const html = renderStateHtml(
      stateOf([
        { type: "heading", attrs: { level: 3 }, content: [text("Ziel")] },
        p(text("fett", [{ type: "bold" }]), text(" und "), text("kursiv", [{ type: "italic" }])),
        { type: "bulletList", content: [{ type: "listItem", content: [p(text("eins"))] }] },
        { type: "blockquote", content: [p(text("Zitat"))] },
        {
          type: "table",
          content: [
            { type: "tableRow", content: [{ type: "tableHeader", content: [p(text("Kopf"))] }] },
            { type: "tableRow", content: [{ type: "tableCell", content: [p(text("Zelle"))] }] },
          ],
        },
      ]),
    )!;
    expect(html).toContain('<h3 id="abschnitt-ziel">Ziel</h3>');
    expect(html).toContain("<strong>fett</strong>");
    expect(html).toContain("<em>kursiv</em>");
    expect(html).toContain("<li><p>eins</p></li>");
    expect(html).toContain("<blockquote><p>Zitat</p></blockquote>");
    expect(html).toContain("<th");
    expect(html).toContain("Zelle");
    expect(html).not.toContain("style=");
  });

  it("keeps typed markup as text", () => {
    const html = renderStateHtml(stateOf([p(text('<script>alert("x")</script><img src=x onerror=alert(1)>'))]))!;
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });

  it("renders safe links and drops unsafe addresses", () => {
    const link = (href: string) => p(text("hier", [{ type: "link", attrs: { href } }]));
    expect(renderStateHtml(stateOf([link("https://www.thueringen.de")]))).toContain('href="https://www.thueringen.de"');
    for (const bad of ["JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,x", "vbscript:x"]) {
      const html = renderStateHtml(stateOf([link(bad)]))!;
      expect(html, bad).not.toMatch(/script:|data:/i);
    }
  });

  it("gives every heading its stable anchor as id, unique on the page, and typed markup cannot fake one", () => {
    const heading = (level: number, t: string) => ({ type: "heading", attrs: { level }, content: [text(t)] });
    const rendered = renderState(
      stateOf([
        heading(3, "Ausgangslage"),
        p(text('<h3 id="abschnitt-boese">x</h3>')),
        heading(4, "Maßnahmen für Ämter"),
        heading(3, "Ausgangslage"),
      ]),
    )!;
    expect(rendered.html).toContain('<h3 id="abschnitt-ausgangslage">Ausgangslage</h3>');
    expect(rendered.html).toContain('<h4 id="abschnitt-massnahmen-fuer-aemter">Maßnahmen für Ämter</h4>');
    expect(rendered.html).toContain('<h3 id="abschnitt-ausgangslage-2">Ausgangslage</h3>');
    expect(rendered.html).not.toContain('<h3 id="abschnitt-boese"');
    expect(rendered.html.match(/<h[34] /g)).toHaveLength(3);
    // The plain text keeps what was typed as text, blocks separated by a blank line.
    expect(rendered.text).toBe('Ausgangslage\n\n<h3 id="abschnitt-boese">x</h3>\n\nMaßnahmen für Ämter\n\nAusgangslage');
  });

  it("a raw update that puts a foreign type under the editor's field renders as empty instead of throwing", () => {
    // What a crafted client (or the crash test's plain Y.Text) can store: no ProseMirror document at all.
    const doc = new Y.Doc();
    doc.getText(COLLAB_FIELD).insert(0, "<script>alert(1)</script>");
    const state = Y.encodeStateAsUpdate(doc);
    expect(renderState(state)).toBeNull();
    expect(renderStateHtml(state)).toBeNull();
  });

  it("renders exactly what @tiptap/html's generateHTML and generateText give (one schema and document kept instead of one per call)", () => {
    const link = (t: string, href: string) => text(t, [{ type: "link", attrs: { href } }]);
    const json: JSONContent = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [text("Ausgangslage")] },
        p(text("fett", [{ type: "bold" }]), text(" "), text("kursiv", [{ type: "italic" }]), text(" "), text("beides", [{ type: "bold" }, { type: "italic" }])),
        p(link("Portal", "https://www.thueringen.de/egov?x=1&y=2"), text(" "), link("Post", "mailto:ag@example.org"), text(" "), link("böse", "JaVaScRiPt:alert(1)")),
        p(text('<script>alert("x")</script> & <img src=x onerror=alert(1)> „Anführung“ – ß')),
        { type: "bulletList", content: [{ type: "listItem", content: [p(text("eins"))] }, { type: "listItem", content: [p(text("zwei"))] }] },
        { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [p(text("drei"))] }] },
        { type: "blockquote", content: [p(text("Zitat"))] },
        {
          type: "table",
          content: [
            { type: "tableRow", content: [{ type: "tableHeader", content: [p(text("Kopf"))] }, { type: "tableHeader", content: [p(text("Spalte"))] }] },
            { type: "tableRow", content: [{ type: "tableCell", content: [p(text("Zelle"))] }, { type: "tableCell", content: [p()] }] },
          ],
        },
        { type: "paragraph" },
      ] as JSONContent[],
    };
    const extensions = documentExtensions();
    const rendered = renderJson(json)!;
    // Heading anchors are the portal's own addition; without them the HTML is generateHTML's.
    expect(rendered.html.replace(/ id="abschnitt-[a-z0-9-]+"/g, "")).toBe(generateHTML(json, extensions));
    expect(rendered.text).toBe(generateText(json, extensions, { blockSeparator: "\n\n" }).trim());
    expect(rendered.html).not.toMatch(/<script|<img|href="\s*javascript/i);
    expect(rendered.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    // Rendering again (the kept document) gives the same.
    expect(renderJson(json)).toEqual(rendered);
  });
});
