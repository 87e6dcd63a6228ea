import { z } from "zod";

/**
 * The socket protocol's event names and payload schemas, shared by client and
 * server (docs/realtime.md). The server refuses any event not listed here.
 */
export const errorCodes = [
  "unauthorized",
  "forbidden_origin",
  "unknown_event",
  "invalid_payload",
  "rate_limited",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export type Ack<T> = (reply: { ok: true; data: T } | { ok: false; error: ErrorCode; message: string }) => void;

export const clientEventSchemas = {
  /** Who am I on this connection? Used by the header's live indicator. */
  "session:whoami": z.object({}).strict().optional(),
} as const;

export type ClientEventName = keyof typeof clientEventSchemas;

export interface ClientToServerEvents {
  "session:whoami": (payload: Record<string, never> | undefined, ack: Ack<{ userId: number; displayName: string }>) => void;
}

export interface ServerToClientEvents {
  /** The session behind this connection ended (logout, deactivation, password change). */
  "session:ended": (payload: { reason: string }) => void;
  /** This user's rights changed (membership, role, grant); the page reloads its data. */
  "rights:changed": (payload: { groupId: number | null; reason: string }) => void;
  /** The server is shutting down; the client reconnects by itself. */
  "server:shutdown": (payload: { reason: string }) => void;
  /** An event of this client was refused; the connection stays. */
  "portal:error": (payload: { code: ErrorCode; message: string; event?: string }) => void;
}

export const rooms = {
  user: (userId: number) => `user:${userId}`,
  session: (sessionId: string) => `session:${sessionId}`,
};
