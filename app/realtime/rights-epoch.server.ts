import { findSessionUser } from "../auth/session.server";
import type { PortalSocket } from "./socket.server";

/**
 * The rights epoch: a number that every change of anyone's rights moves on
 * (group visibility and status, membership, group role, observer grant,
 * global role, deactivation, a document's status, a session's end; see
 * rights-recheck.server.ts). What a socket may do in an open document is
 * remembered with the epoch it was decided in; an event that finds the epoch
 * moved decides again before it acts, so an update is always judged by the
 * rights of now, also in the moment between a change and the re-check that
 * it sets off.
 */
let epoch = 0;

export function rightsEpoch(): number {
  return epoch;
}

export function bumpRightsEpoch(): void {
  epoch += 1;
}

/**
 * Reads this socket's user again from its session (role and name may have
 * changed since the handshake). The object is updated in place, as handlers
 * hold it. A session that ended, expired or whose user was deactivated ends
 * the socket: session:ended, then disconnect; returns false.
 */
export function refreshSocketUser(socket: PortalSocket): boolean {
  const found = findSessionUser(socket.data.sessionId);
  if (!found) {
    socket.emit("session:ended", { reason: "session_invalid" });
    socket.disconnect(true);
    return false;
  }
  Object.assign(socket.data.user, found.user);
  socket.data.sessionExpiresAt = found.expiresAt.getTime();
  return true;
}
