import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { caretColor } from "../documents/caret-color";

/**
 * Awareness (who is in a document, carets) as the server lets it pass.
 *
 * y-protocols trusts every peer: any client may send a state under any
 * client id, and with another connection's id it replaces that person's
 * presence for everyone. So the server reads each update itself:
 * - a client id belongs to the connection that first used it in the
 *   document; another person's connection may not use it (the same person's
 *   new connection takes it over: a tab that reconnects keeps its Y.Doc and
 *   its id while the server may not yet have noticed the old connection gone);
 * - the name and colour in a state are the session's, whatever the client sent;
 * - one connection holds at most a few ids per document.
 * The update is then encoded anew from what was checked.
 */
export type AwarenessEntry = { clientId: number; clock: number; state: Record<string, unknown> | null };
export type AwarenessOwner = { socketId: string; userId: number };

/** A tab has one Y.Doc (one id); a restore from the local copy can add one. More is not a browser. */
export const MAX_AWARENESS_IDS_PER_SOCKET = 4;
const MAX_ENTRIES = 16;

/** The entries of a y-protocols awareness update, or null when it is not one (or not a plain state object). */
export function decodeAwareness(update: Uint8Array): AwarenessEntry[] | null {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > MAX_ENTRIES) return null;
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      if (!Number.isSafeInteger(clientId) || !Number.isSafeInteger(clock)) return null;
      if (state !== null && (typeof state !== "object" || Array.isArray(state))) return null;
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
    }
    return decoding.hasContent(decoder) ? null : entries;
  } catch {
    return null;
  }
}

export function encodeAwareness(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}

export type AwarenessVerdict =
  | { ok: true; update: Uint8Array; claimed: number[] }
  | { ok: false; reason: "invalid" | "foreign" | "too_many" };

/**
 * Checks an awareness update of one connection against the document's owners
 * and stamps the session's name and colour into every state. Changes nothing:
 * the caller records `claimed` once it applied the update.
 */
export function vetAwareness(
  update: Uint8Array,
  who: { socketId: string; userId: number; displayName: string },
  owners: ReadonlyMap<number, AwarenessOwner>,
  serverClientId: number,
): AwarenessVerdict {
  const entries = decodeAwareness(update);
  if (!entries) return { ok: false, reason: "invalid" };
  const claimed: number[] = [];
  for (const entry of entries) {
    const owner = owners.get(entry.clientId);
    if (entry.clientId === serverClientId || (owner && owner.userId !== who.userId)) return { ok: false, reason: "foreign" };
    if (owner?.socketId !== who.socketId) claimed.push(entry.clientId);
    if (entry.state) entry.state = { ...entry.state, user: { name: who.displayName, color: caretColor(who.userId) } };
  }
  let held = 0;
  for (const owner of owners.values()) if (owner.socketId === who.socketId) held += 1;
  if (held + claimed.length > MAX_AWARENESS_IDS_PER_SOCKET) return { ok: false, reason: "too_many" };
  return { ok: true, update: encodeAwareness(entries), claimed };
}
