import { z } from "zod";
import { decodeWire } from "./wire";

/**
 * The socket protocol's event names and payload schemas, shared by client and
 * server (docs/realtime.md). The server refuses any event not listed here.
 */
export const errorCodes = [
  "unauthorized",
  "not_found",
  "forbidden",
  "read_only",
  "not_joined",
  "too_many_documents",
  "too_many_groups",
  "group_not_found",
  "group_forbidden",
  "group_not_joined",
  "storage_failed",
  "forbidden_origin",
  "unknown_event",
  "invalid_payload",
  "ack_required",
  "rate_limited",
  "presence_refused",
  "too_many_connections",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export type Ack<T> = (reply: { ok: true; data: T } | { ok: false; error: ErrorCode; message: string }) => void;

/** Largest Yjs update accepted in one message; larger ones are refused before decoding. */
export const MAX_UPDATE_BYTES = 256 * 1024;
const MAX_VECTOR_BYTES = 64 * 1024;
const bytes = (max: number) =>
  z.instanceof(Uint8Array).refine((b) => b.byteLength > 0 && b.byteLength <= max, { message: "size" });
/** Canonical base64: groups of four, padding only at the end (Buffer.from would skip stray characters). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/**
 * Updates as the portal's clients send them: base64 text, one WebSocket frame
 * (binary would be a header frame plus an attachment frame, app/realtime/wire.ts).
 * The text's length is checked before it is read or decoded; binary is still
 * taken (a tab opened before an update of the portal).
 */
const wireBytes = (max: number) =>
  z.union([
    bytes(max),
    z
      .string()
      .min(1)
      .max(Math.ceil(max / 3) * 4)
      .regex(BASE64)
      .transform((text) => decodeWire(text))
      .refine((b) => b.byteLength > 0 && b.byteLength <= max, { message: "size" }),
  ]);
const documentId = z.number().int().positive();
const id = z.number().int().positive();

/** The areas of a group page (its tabs); a document or thread narrows it down. */
export const groupAreas = ["ueberblick", "dokumente", "diskussion", "materialien", "aktivitaet"] as const;
export type GroupArea = (typeof groupAreas)[number];
const groupWhere = z
  .object({ area: z.enum(groupAreas), documentId: id.optional(), threadId: id.optional() })
  .strict();
export type GroupWhere = z.infer<typeof groupWhere>;
/** Where a person is, as the server tells it: with the document's or thread's title when known. */
export type PresentWhere = GroupWhere & { title?: string };
export type PresentPerson = { userId: number; displayName: string; initials: string; where: PresentWhere };
export type GroupPresence = { groupId: number; people: PresentPerson[]; total: number };

export const clientEventSchemas = {
  /** Who am I on this connection? Used by the header's live indicator. */
  "session:whoami": z.object({}).strict().optional(),
  /** Open a document: the client's state vector; answered with what it lacks. */
  "doc:join": z.object({ documentId, stateVector: bytes(MAX_VECTOR_BYTES) }).strict(),
  /** A Yjs update (base64, or binary); acknowledged once it is stored. */
  "doc:update": z.object({ documentId, update: wireBytes(MAX_UPDATE_BYTES) }).strict(),
  /** A y-protocols awareness update (who is here, caret, selection; base64, or binary). */
  "doc:awareness": z.object({ documentId, update: wireBytes(MAX_VECTOR_BYTES) }).strict(),
  "doc:leave": z.object({ documentId }).strict(),
  /** Be present in a group's live room: where in the group this tab is; answered with who is there. */
  "group:join": z.object({ groupId: id, where: groupWhere }).strict(),
  /** The tab moved within the group (another tab, document or thread). */
  "group:where": z.object({ groupId: id, where: groupWhere }).strict(),
  "group:leave": z.object({ groupId: id }).strict(),
  /** Someone types a reply in a thread; relayed to the others in the group's room. */
  "group:typing": z.object({ groupId: id, threadId: id }).strict(),
} as const;

export type ClientEventName = keyof typeof clientEventSchemas;

/** Events whose answer is the point (a join's state, an update's durability): refused without an ack callback. */
export const eventsNeedingAck: ReadonlySet<string> = new Set<ClientEventName>(["doc:join", "doc:update", "group:join"]);

export interface ClientToServerEvents {
  "session:whoami": (payload: Record<string, never> | undefined, ack: Ack<{ userId: number; displayName: string }>) => void;
  "doc:join": (
    payload: { documentId: number; stateVector: Uint8Array },
    ack: Ack<{ update: Uint8Array; stateVector: Uint8Array; readOnly: boolean }>,
  ) => void;
  /** The handler gets the update decoded: the socket middleware hands on the schema's output. */
  "doc:update": (payload: { documentId: number; update: Uint8Array | string }, ack: Ack<Record<string, never>>) => void;
  "doc:awareness": (payload: { documentId: number; update: Uint8Array | string }) => void;
  "doc:leave": (payload: { documentId: number }, ack?: Ack<Record<string, never>>) => void;
  "group:join": (payload: { groupId: number; where: GroupWhere }, ack: Ack<GroupPresence>) => void;
  "group:where": (payload: { groupId: number; where: GroupWhere }, ack?: Ack<Record<string, never>>) => void;
  "group:leave": (payload: { groupId: number }, ack?: Ack<Record<string, never>>) => void;
  "group:typing": (payload: { groupId: number; threadId: number }, ack?: Ack<Record<string, never>>) => void;
}

export interface ServerToClientEvents {
  /** The session behind this connection ended (logout, deactivation, password change). */
  "session:ended": (payload: { reason: string }) => void;
  /** This user's rights changed (membership, role, grant); the page reloads its data. */
  "rights:changed": (payload: { groupId: number | null; reason: string }) => void;
  /** The server is shutting down; the client reconnects by itself. */
  "server:shutdown": (payload: { reason: string }) => void;
  /** Other clients' Yjs updates for an open document (one turn's merged), base64 (app/realtime/wire.ts). */
  "doc:update": (payload: { documentId: number; update: string }) => void;
  /** Awareness of the others (who is here, carets), base64 (app/realtime/wire.ts). */
  "doc:awareness": (payload: { documentId: number; update: string }) => void;
  /** The client's rights on an open document changed (e.g. decided → read-only). */
  "doc:mode": (payload: { documentId: number; readOnly: boolean }) => void;
  /** The client may no longer read the document; it was left on its behalf. */
  "doc:closed": (payload: { documentId: number; reason: string }) => void;
  /** This user's number of unread notifications (the bell in the header). */
  "notifications:count": (payload: { unread: number }) => void;
  /** Who is in the group right now (one entry per person, merged over their tabs). */
  "group:presence": (payload: GroupPresence) => void;
  /** Something changed in the group's discussion; the page reloads its data. */
  "group:discussion": (payload: { groupId: number; threadId: number; kind: string; postId?: number }) => void;
  /** Someone (not this user) is typing a reply in a thread of the group. */
  "group:typing": (payload: { groupId: number; threadId: number; userId: number; displayName: string }) => void;
  /** The user may no longer read the group; the room was left on their behalf. */
  "group:closed": (payload: { groupId: number; reason: string }) => void;
  /** An event of this client was refused; the connection stays. */
  "portal:error": (payload: { code: ErrorCode; message: string; event?: string }) => void;
}

export const rooms = {
  doc: (documentId: number) => `doc:${documentId}`,
  group: (groupId: number) => `group:${groupId}`,
  user: (userId: number) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
};
