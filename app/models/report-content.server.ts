import { inArray } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { documentContents } from "../../db/schema";

/**
 * The derived tiptap JSON of documents (document_contents, kept in step with
 * the Y.Doc by the co-editing layer), by document id. Documents without a row
 * are missing from the map; the caller derives their JSON from the Yjs state.
 */
export function documentContentJson(documentIds: number[]): Map<number, string> {
  if (documentIds.length === 0) return new Map();
  const rows = getDb()
    .select({ documentId: documentContents.documentId, json: documentContents.json })
    .from(documentContents)
    .where(inArray(documentContents.documentId, documentIds))
    .all();
  return new Map(rows.map((r) => [r.documentId, r.json]));
}
