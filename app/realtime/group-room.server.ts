import { can } from "../auth/permissions";
import type { SessionUser } from "../auth/session.server";
import { getDocument } from "../models/document.server";
import { getGroupAccessById } from "../models/group.server";
import { countUnreadNotifications } from "../models/notification.server";
import { getThread } from "../models/thread.server";
import { portalEvents, type DiscussionChange } from "../server/events.server";
import { logger } from "../server/logger.server";
import { rooms, type Ack, type ErrorCode, type GroupWhere, type PresentWhere } from "./events";
import { peopleIn, removePresent, setPresent } from "./group-presence.server";
import { socketMessages } from "./messages";
import type { PortalServer, PortalSocket } from "./socket.server";

/** Groups one connection may be present in at once (a tab shows one group; a few tabs share a socket at most). */
export const MAX_GROUPS_PER_SOCKET = 5;
/** Typing signals of one socket per thread closer than this are dropped (the client sends every ~2 s). */
const TYPING_MIN_INTERVAL_MS = 1_000;
/** Presence changes of one group within this window go out as one message (many tabs opening at once). */
const PRESENCE_COALESCE_MS = 100;

/** What a socket has joined: per group its place and when it last signalled typing per thread. */
export type JoinedGroups = Map<number, { lastTyping: Map<number, number> }>;

/** A refusal goes to the ack when there is one, else as portal:error; the connection stays either way. */
function refuse<T>(socket: PortalSocket, event: string, ack: Ack<T> | undefined, error: ErrorCode) {
  if (ack) ack({ ok: false, error, message: socketMessages[error] });
  else socket.emit("portal:error", { code: error, message: socketMessages[error], event });
}

/** The group's access for this user when they may read its discussion (the live room's entry rule), else null. */
function readableGroup(user: SessionUser, groupId: number) {
  const found = getGroupAccessById(groupId, user);
  if (!found || !can(user, "read:thread", found.access)) return null;
  return found;
}

/** A thread of this group with what the room needs: its title and whether it is locked. */
function threadForRoom(groupId: number, threadId: number) {
  const thread = getThread(groupId, threadId);
  return thread ? { title: thread.title, locked: thread.lockedAt !== null } : null;
}

/** Where a tab is, with the document's or thread's title; ids of other groups are dropped, never echoed. */
function describe(groupId: number, where: GroupWhere): PresentWhere {
  if (where.documentId !== undefined) {
    const doc = getDocument(groupId, where.documentId);
    return doc ? { area: where.area, documentId: doc.id, title: doc.title } : { area: where.area };
  }
  if (where.threadId !== undefined) {
    const thread = threadForRoom(groupId, where.threadId);
    return thread ? { area: where.area, threadId: where.threadId, title: thread.title } : { area: where.area };
  }
  return { area: where.area };
}

// ── Presence broadcasts, coalesced per group ────────────────────────────────

const dirty = new Set<number>();
let timer: ReturnType<typeof setTimeout> | null = null;
let ioRef: PortalServer | null = null;

function presenceChanged(groupId: number) {
  dirty.add(groupId);
  timer ??= setTimeout(sendPresence, PRESENCE_COALESCE_MS);
}

function sendPresence() {
  timer = null;
  const groups = [...dirty];
  dirty.clear();
  for (const groupId of groups) ioRef?.to(rooms.group(groupId)).emit("group:presence", peopleIn(groupId));
}

// ── Per-socket handlers ─────────────────────────────────────────────────────

export function registerGroupRoom(socket: PortalSocket): void {
  const joined: JoinedGroups = (socket.data.groups = new Map());
  const user = socket.data.user;

  socket.on("group:join", ({ groupId, where }, ack) => {
    if (!joined.has(groupId) && joined.size >= MAX_GROUPS_PER_SOCKET) return refuse(socket, "group:join", ack, "too_many_groups");
    if (!readableGroup(user, groupId)) return refuse(socket, "group:join", ack, "group_not_found");
    if (!joined.has(groupId)) joined.set(groupId, { lastTyping: new Map() });
    void socket.join(rooms.group(groupId));
    setPresent(groupId, socket.id, { userId: user.id, displayName: user.displayName }, describe(groupId, where));
    ack?.({ ok: true, data: peopleIn(groupId) });
    presenceChanged(groupId);
  });

  socket.on("group:where", ({ groupId, where }, ack) => {
    if (!joined.has(groupId)) return refuse(socket, "group:where", ack, "group_not_joined");
    if (!readableGroup(user, groupId)) {
      closeGroup(socket, groupId, "no_access");
      return refuse(socket, "group:where", ack, "group_not_found");
    }
    setPresent(groupId, socket.id, { userId: user.id, displayName: user.displayName }, describe(groupId, where));
    presenceChanged(groupId);
    ack?.({ ok: true, data: {} });
  });

  socket.on("group:leave", ({ groupId }, ack) => {
    leaveGroup(socket, groupId);
    ack?.({ ok: true, data: {} });
  });

  socket.on("group:typing", ({ groupId, threadId }, ack) => {
    const state = joined.get(groupId);
    if (!state) return refuse(socket, "group:typing", ack, "group_not_joined");
    const found = readableGroup(user, groupId);
    if (!found) {
      closeGroup(socket, groupId, "no_access");
      return refuse(socket, "group:typing", ack, "group_not_found");
    }
    const thread = threadForRoom(groupId, threadId);
    if (!thread) return refuse(socket, "group:typing", ack, "group_not_found");
    // Only who may reply may be seen typing: observers, non-members, locked threads (unless moderation) are refused.
    if (!can(user, "reply:thread", { group: found.access, locked: thread.locked })) return refuse(socket, "group:typing", ack, "group_forbidden");
    const now = Date.now();
    if (now - (state.lastTyping.get(threadId) ?? 0) >= TYPING_MIN_INTERVAL_MS) {
      // Old entries only throttle; forgetting them lets at most one extra signal through.
      if (state.lastTyping.size >= 20) state.lastTyping.clear();
      state.lastTyping.set(threadId, now);
      socket.to(rooms.group(groupId)).emit("group:typing", { groupId, threadId, userId: user.id, displayName: user.displayName });
    }
    ack?.({ ok: true, data: {} });
  });

  socket.on("disconnect", () => {
    for (const groupId of [...joined.keys()]) leaveGroup(socket, groupId);
  });
}

/** Leaves a group's room: the others see the person gone with the next presence message. */
export function leaveGroup(socket: PortalSocket, groupId: number): void {
  socket.data.groups?.delete(groupId);
  void socket.leave(rooms.group(groupId));
  if (removePresent(groupId, socket.id)) presenceChanged(groupId);
}

function closeGroup(socket: PortalSocket, groupId: number, reason: string) {
  leaveGroup(socket, groupId);
  socket.emit("group:closed", { groupId, reason });
}

/**
 * Rights changed: this socket's group rooms (or one of them) are checked again
 * (its user already read anew from the session); who may no longer read a
 * group leaves its room at once and is told why (group:closed).
 */
export function recheckSocketGroups(socket: PortalSocket, onlyGroupId?: number): void {
  for (const groupId of [...(socket.data.groups?.keys() ?? [])]) {
    if (onlyGroupId !== undefined && groupId !== onlyGroupId) continue;
    if (!socket.connected) return;
    if (!readableGroup(socket.data.user, groupId)) closeGroup(socket, groupId, "no_access");
  }
}

/**
 * The process-wide side of the group rooms: discussion changes go to the
 * group's room, notification changes to the users' rooms (group changes
 * re-check the rooms through rights-recheck.server.ts). Returns a function
 * that stops listening (shutdown).
 */
export function attachGroupRooms(io: PortalServer): () => void {
  ioRef = io;
  const onDiscussion = ({ groupId, threadId, kind, postId }: DiscussionChange) => {
    // The actor is not sent: the viewers reload the data the page shows, with their own rights.
    io.to(rooms.group(groupId)).emit("group:discussion", postId === undefined ? { groupId, threadId, kind } : { groupId, threadId, kind, postId });
  };
  const onNotifications = ({ userIds }: { userIds: number[] }) => {
    for (const userId of new Set(userIds)) {
      try {
        io.to(rooms.user(userId)).emit("notifications:count", { unread: countUnreadNotifications(userId) });
      } catch (error) {
        logger.error({ err: error, userId }, "counting unread notifications failed");
      }
    }
  };
  portalEvents.on("discussion:changed", onDiscussion);
  portalEvents.on("notifications:changed", onNotifications);
  return () => {
    portalEvents.off("discussion:changed", onDiscussion);
    portalEvents.off("notifications:changed", onNotifications);
    if (timer) clearTimeout(timer);
    timer = null;
    dirty.clear();
    ioRef = null;
  };
}
