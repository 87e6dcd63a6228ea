import { generateHTML } from "@tiptap/html";
import { yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { loadDocState } from "~/models/doc-state.server";
import { COLLAB_FIELD, documentExtensions } from "./editor-extensions";

const extensions = documentExtensions();

/**
 * The stored text of a document as HTML, for the page before (or without)
 * JavaScript: observers, printing, search. Rendered from the schema by
 * @tiptap/html, so text stays text (`<script>` typed into the editor is
 * escaped) and links pass the same safe-link check as in the editor.
 * Returns null when the document has no text yet.
 */
export function renderDocumentHtml(documentId: number): string | null {
  return renderStateHtml(loadDocState(documentId).state);
}

/** A Yjs state (one update) as HTML; null when its text is empty. */
export function renderStateHtml(state: Uint8Array): string | null {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const fragment = doc.getXmlFragment(COLLAB_FIELD);
    if (fragment.length === 0) return null;
    const json = yXmlFragmentToProsemirrorJSON(fragment);
    const html = generateHTML(json, extensions);
    return isEmptyHtml(html) ? null : html;
  } finally {
    doc.destroy();
  }
}

/** A document with nothing but empty paragraphs counts as empty. */
function isEmptyHtml(html: string) {
  return html.replace(/<p><\/p>/g, "").trim() === "";
}
