import { io, type Socket } from "socket.io-client";

/**
 * A socket.io client for the live group rooms that records what the server
 * sends, shared by the group-room integration tests.
 */

export type RoomEvents = {
  presence: { groupId: number; people: { userId: number; displayName: string; where: Record<string, unknown> }[] }[];
  discussion: { groupId: number; threadId: number; kind: string; postId?: number }[];
  typing: unknown[];
  closed: unknown[];
  errors: unknown[];
};

/**
 * A connected socket with this session cookie (null: signed out), recording
 * what the server sends. `opened` collects the sockets for the cleanup.
 */
export async function connectRoom(origin: string, cookie: string | null, opened: Socket[]): Promise<{ socket: Socket; seen: RoomEvents }> {
  const headers: Record<string, string> = { origin };
  if (cookie) headers.cookie = cookie;
  const socket = io(origin, { transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: headers });
  opened.push(socket);
  const seen: RoomEvents = { presence: [], discussion: [], typing: [], closed: [], errors: [] };
  socket.on("group:presence", (p) => seen.presence.push(p));
  socket.on("group:discussion", (e) => seen.discussion.push(e));
  socket.on("group:typing", (e) => seen.typing.push(e));
  socket.on("group:closed", (e) => seen.closed.push(e));
  socket.on("portal:error", (e) => seen.errors.push(e));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (e) => reject(e));
  });
  return { socket, seen };
}

export const joinRoom = (socket: Socket, groupId: number, where: Record<string, unknown> = { area: "ueberblick" }) =>
  socket.emitWithAck("group:join", { groupId, where });

export const lastPresence = (seen: RoomEvents, groupId: number) => seen.presence.filter((p) => p.groupId === groupId).at(-1);
