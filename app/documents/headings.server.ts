import { loadDocState } from "~/models/doc-state.server";
import { listHeadings, type DocumentHeading, type ProseMirrorJson } from "./heading-anchor";
import { stateToJson } from "./render-html.server";

export type { DocumentHeading } from "./heading-anchor";

/**
 * The headings of a document's stored text, each with the anchor its
 * heading has on the document page (`…/dokumente/<id>#<anchor>`). For a
 * discussion thread that refers to a section. The caller checks read access.
 */
export function documentHeadings(documentId: number): DocumentHeading[] {
  try {
    return listHeadings(stateToJson(loadDocState(documentId).state) as ProseMirrorJson | null);
  } catch {
    // An unreadable state has no usable headings; the page shows its own error.
    return [];
  }
}
