import { singleton } from "../server/singleton.server";

/** The singleton key of the open-documents registry (doc-registry.server.ts). */
export const OPEN_DOCS = "openDocs";

type Present = { sockets: Map<string, { userId: number; name: string }> };

/**
 * Who has which document open right now, for pages rendered by Remix. Reads
 * the registry's process-wide map without importing Yjs into the page bundle.
 */
export function presentIn(documentIds: number[]): Record<number, string[]> {
  const open = singleton(OPEN_DOCS, () => new Map<number, Present>());
  const result: Record<number, string[]> = {};
  for (const id of documentIds) {
    const entry = open.get(id);
    if (!entry?.sockets.size) continue;
    const byUser = new Map<number, string>();
    for (const s of entry.sockets.values()) byUser.set(s.userId, s.name);
    result[id] = [...byUser.values()].sort((a, b) => a.localeCompare(b, "de"));
  }
  return result;
}
