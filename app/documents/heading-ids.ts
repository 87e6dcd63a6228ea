import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { headingText, uniqueAnchors } from "./heading-anchor";

/**
 * The editor's headings get the same ids as in the server-rendered page
 * (heading-anchor.ts), as decorations: nothing is stored in the document, but
 * links to `…#abschnitt-…` still land on the heading once the editor has
 * replaced the server-rendered text.
 */
function decorations(doc: PMNode): DecorationSet {
  const headings: { pos: number; size: number; text: string }[] = [];
  // Same order and rules as listHeadings: document order, depth first, whitespace collapsed.
  doc.descendants((node, pos) => {
    if (node.type.name !== "heading") return true;
    headings.push({ pos, size: node.nodeSize, text: headingText(node.textContent) });
    return false;
  });
  const anchors = uniqueAnchors(headings.map((h) => h.text));
  return DecorationSet.create(
    doc,
    headings.map((h, i) => Decoration.node(h.pos, h.pos + h.size, { id: anchors[i] })),
  );
}

const key = new PluginKey<DecorationSet>("headingIds");

export const HeadingIds = Extension.create({
  name: "headingIds",
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_, state) => decorations(state.doc),
          apply: (tr, old) => (tr.docChanged ? decorations(tr.doc) : old),
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
});
