import { getSchema, getText, getTextSerializersFromSchema, type JSONContent } from "@tiptap/core";
import { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { currentDocState, loadDocState } from "~/models/doc-state.server";
import { logger } from "~/server/logger.server";
import { COLLAB_FIELD, documentExtensions } from "./editor-extensions";
import { listHeadings, type ProseMirrorJson } from "./heading-anchor";
import { schemaHtmlSerializer } from "./schema-html.server";

/**
 * The schema of the editor's extension list, built once per process (and
 * per document thread): @tiptap/html's generateHTML, and generateText,
 * build it on every call (decision 010, app/documents/schema-html.server.ts).
 */
const schema = getSchema(documentExtensions());
const serializeHtml = schemaHtmlSerializer(schema);
const textSerializers = getTextSerializersFromSchema(schema);

/**
 * The stored text of a document as HTML, for the page before (or without)
 * JavaScript: observers, printing, search. Rendered from the schema as
 * @tiptap/html does, so text stays text (`<script>` typed into the editor is
 * escaped) and links pass the same safe-link check as in the editor.
 * Headings carry their anchors as ids (app/documents/heading-anchor.ts).
 * Returns null when the document has no text yet.
 */
export function renderDocumentHtml(documentId: number): string | null {
  return renderStateHtml(loadDocState(documentId).state);
}

/** A Yjs state (one update) as HTML; null when its text is empty. */
export function renderStateHtml(state: Uint8Array): string | null {
  return renderState(state)?.html ?? null;
}

/** The document text of a Yjs state as ProseMirror JSON (null when the fragment is empty). */
export function stateToJson(state: Uint8Array): JSONContent | null {
  return partsToJson([state]);
}

/**
 * The same from a stored snapshot and the log after it, applied one after
 * the other in one Yjs transaction: cheaper than merging them into one
 * update first (Y.mergeUpdates decodes and encodes all of it once more).
 */
export function partsToJson(parts: Uint8Array[]): JSONContent | null {
  // A fixed guid: a new Y.Doc otherwise draws a random uuid, a tenth of a rendering's time.
  const doc = new Y.Doc({ guid: "render" });
  try {
    doc.transact(() => {
      for (const part of parts) Y.applyUpdate(doc, part);
    });
    return docToJson(doc);
  } catch {
    return null;
  } finally {
    doc.destroy();
  }
}

/** The document text of a Y.Doc as ProseMirror JSON (null when the fragment is empty). */
export function docToJson(doc: Y.Doc): JSONContent | null {
  try {
    const fragment = doc.getXmlFragment(COLLAB_FIELD);
    if (fragment.length === 0) return null;
    return yXmlFragmentToProsemirrorJSON(fragment) as JSONContent;
  } catch {
    // A raw Yjs update can put a foreign type under the editor's field (a Y.Text, say):
    // there is no ProseMirror document to show, and that must not break a page or the start.
    return null;
  }
}

/** HTML (with heading ids) and plain text of a Yjs state; null when its text is empty. */
export function renderState(state: Uint8Array): { html: string; text: string } | null {
  return renderJson(stateToJson(state));
}

/** HTML (with heading ids) and plain text of the JSON of a document; null when its text is empty. */
export function renderJson(json: JSONContent | null): { html: string; text: string } | null {
  if (!json) return null;
  const node = ProseMirrorNode.fromJSON(schema, json);
  const html = serializeHtml(node);
  if (isEmptyHtml(html)) return null;
  return { html: withHeadingIds(html, json), text: getText(node, { blockSeparator: "\n\n", textSerializers }).trim() };
}

/** HTML and text of what the document holds right now, including updates not yet written (for the adopted version). */
export function renderCurrentState(documentId: number): { state: Uint8Array; html: string; text: string } {
  const state = currentDocState(documentId);
  let rendered: { html: string; text: string } | null = null;
  try {
    rendered = renderState(state);
  } catch (error) {
    // A state the schema cannot render (written by another client) still keeps its Yjs state; the status change must not fail.
    logger.error({ err: error, documentId }, "rendering the adopted version failed");
  }
  return { state, html: rendered?.html ?? "", text: rendered?.text ?? "" };
}

const HEADING_TAG = /<h([1-6])>/g;

/**
 * Gives the n-th heading in the HTML the n-th anchor. Safe because the
 * HTML comes from the schema's serializer (as in generateHTML): typed text is escaped (a literal `<h3>` in
 * the text is `&lt;h3&gt;`), headings render without attributes, and both
 * the HTML and listHeadings walk the document in the same order. Anchors
 * contain only [a-z0-9-]. If the counts ever disagree, no ids are added.
 */
function withHeadingIds(html: string, json: JSONContent): string {
  const headings = listHeadings(json as ProseMirrorJson);
  const tags = html.match(HEADING_TAG) ?? [];
  if (tags.length !== headings.length || headings.length === 0) return html;
  let i = 0;
  return html.replace(HEADING_TAG, (_tag, level: string) => `<h${level} id="${headings[i++].anchor}">`);
}

/** A document with nothing but empty paragraphs counts as empty. */
function isEmptyHtml(html: string) {
  return html.replace(/<p><\/p>/g, "").trim() === "";
}
