import { getSchema } from "@tiptap/core";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { COLLAB_FIELD, documentExtensions } from "~/documents/editor-extensions";
import { renderStateHtml } from "~/documents/render-html.server";

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
    expect(html).toContain("<h3>Ziel</h3>");
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
});
