import { portalEvents } from "../server/events.server";

/**
 * The hook through which a change of someone's rights reaches their open
 * sockets. Models announce; the realtime layer listens (socket.server.ts)
 * and later issues make document and group rooms re-check on it.
 */
export type RightsChange = { userId: number; groupId?: number; reason: string };

export function announceRightsChange(change: RightsChange): void {
  portalEvents.emit("rights:changed", change);
}

export function onRightsChange(listener: (change: RightsChange) => void): () => void {
  portalEvents.on("rights:changed", listener);
  return () => portalEvents.off("rights:changed", listener);
}
