import * as Y from "yjs";
import { COLLAB_FIELD } from "./editor-extensions";

/**
 * Applies an update from the server and, in the same transaction, removes
 * what the editor's Yjs binding cannot hold: anything but an element directly
 * in the document's fragment, anything but an element or a text inside an
 * element. y-prosemirror drops unknown node types and attributes the schema
 * refuses by itself, but a text, map or string in those places makes it throw
 * while it builds the editor, and the document page failed for everyone who
 * opened it ("Ein Fehler ist aufgetreten"); a raw `doc:update` can put them
 * there (tests/e2e/xss-corpus.e2e.test.ts). Removed before the transaction
 * ends, they never reach the editor. The removal happens under the server's
 * origin, so it is this tab's view only and not sent back.
 */
export function applyRemoteUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
  const fragment = doc.getXmlFragment(COLLAB_FIELD);
  doc.transact((tr) => {
    // Joins this transaction: its observers (the editor's binding) run once, after the cleaning.
    Y.applyUpdate(doc, update, origin);
    for (const [type, keys] of tr.changed) {
      if (!keys.has(null)) continue; // only attributes changed
      if (type instanceof Y.XmlElement) dropUnfit(tr, type, "elements and texts");
      else if (type instanceof Y.XmlFragment && type === fragment) dropUnfit(tr, fragment, "elements");
    }
  }, origin);
}

/** Deletes the children `parent` may not have; looks into elements created in this transaction, which `changed` does not list. */
function dropUnfit(tr: Y.Transaction, parent: Y.XmlFragment, allowed: "elements" | "elements and texts"): void {
  const children = parent.toArray();
  for (let i = children.length - 1; i >= 0; i--) {
    const child: unknown = children[i];
    if (child instanceof Y.XmlElement) {
      if (createdIn(tr, child)) dropUnfit(tr, child, "elements and texts");
    } else if (!(allowed === "elements and texts" && child instanceof Y.XmlText)) {
      parent.delete(i, 1);
    }
  }
}

function createdIn(tr: Y.Transaction, type: Y.XmlElement): boolean {
  const item = type._item;
  return item !== null && item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
}
