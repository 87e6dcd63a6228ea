import { onRightsChange } from "../auth/rights-hook.server";
import { portalEvents } from "../server/events.server";
import { hasDocsIn, recheckSocketDocs, type DocScope } from "./doc-sync.server";
import { recheckSocketGroups } from "./group-room.server";
import { rooms } from "./events";
import { bumpRightsEpoch, refreshSocketUser } from "./rights-epoch.server";
import type { PortalServer, PortalSocket } from "./socket.server";

/** How often sockets are looked at for sessions that expired while they stayed open. */
const EXPIRY_SWEEP_MS = 60_000;

/**
 * Every change that can alter someone's rights reaches the open sockets it
 * touches, in the same turn of the event loop as the change (the models emit
 * synchronously after writing):
 * - rights:changed (membership, group role, observer grant, global role,
 *   deactivation) — that person's sockets: all their documents and groups;
 * - group:changed (visibility, status) — every socket with the group's room or
 *   one of its documents open;
 * - document:changed (status, deletion) — the document's sockets;
 * - sessions:invalidated — the epoch moves; socket.server.ts closes the sockets.
 * Each re-check reads the socket's user anew from its session, then decides
 * its documents (doc:closed / doc:mode) and group rooms (group:closed) again.
 * Every change also moves the rights epoch, so an update that arrives in
 * between is judged by the new rights (rights-epoch.server.ts).
 */
export function attachRightsRechecks(io: PortalServer): () => void {
  const recheck = (socket: PortalSocket, scope: DocScope) => {
    if (!refreshSocketUser(socket)) return;
    recheckSocketDocs(socket, scope);
    recheckSocketGroups(socket, scope.groupId);
  };
  const socketsIn = (room: string) =>
    [...(io.sockets.adapter.rooms.get(room) ?? [])].flatMap((id) => io.sockets.sockets.get(id) ?? []);

  const stopRights = onRightsChange(({ userId, groupId, reason }) => {
    bumpRightsEpoch();
    // The pages reload their data; the sockets are decided again at once (a global role touches every group).
    io.to(rooms.user(userId)).emit("rights:changed", { groupId: groupId ?? null, reason });
    for (const socket of socketsIn(rooms.user(userId))) recheck(socket, {});
  });
  const onGroupChanged = ({ groupId }: { groupId: number }) => {
    bumpRightsEpoch();
    for (const socket of io.sockets.sockets.values()) {
      if (socket.data.groups?.has(groupId) || hasDocsIn(socket, { groupId })) recheck(socket, { groupId });
    }
  };
  const onDocumentChanged = ({ documentId }: { documentId: number }) => {
    bumpRightsEpoch();
    for (const socket of socketsIn(rooms.doc(documentId))) {
      if (refreshSocketUser(socket)) recheckSocketDocs(socket, { documentId });
    }
  };
  const onSessionsInvalidated = () => bumpRightsEpoch();
  portalEvents.on("group:changed", onGroupChanged);
  portalEvents.on("document:changed", onDocumentChanged);
  portalEvents.on("sessions:invalidated", onSessionsInvalidated);

  // A session can also end by running out; its sockets notice within the sweep.
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const socket of io.sockets.sockets.values()) {
      if (socket.data.sessionExpiresAt <= now) refreshSocketUser(socket);
    }
  }, EXPIRY_SWEEP_MS);
  sweep.unref();

  return () => {
    stopRights();
    portalEvents.off("group:changed", onGroupChanged);
    portalEvents.off("document:changed", onDocumentChanged);
    portalEvents.off("sessions:invalidated", onSessionsInvalidated);
    clearInterval(sweep);
  };
}
