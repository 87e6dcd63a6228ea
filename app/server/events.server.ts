import { EventEmitter } from "node:events";
import { singleton } from "./singleton.server";

/**
 * In-process events from the data path to the realtime layer. Routes run in
 * the Remix bundle and sockets in server.ts's module graph; a process-wide
 * emitter joins the two without either importing the other.
 */
export type PortalEvents = {
  /** Sessions ended: these ids, or all of a user's when sessionIds is "all". */
  "sessions:invalidated": [{ userId: number; sessionIds: string[] | "all"; reason: string }];
  /** A user's rights changed (deactivation, group membership or role); see auth/rights-hook.server.ts. */
  "rights:changed": [{ userId: number; groupId?: number; reason: string }];
  /** A document's status changed or it was deleted: open editors re-check their rights. */
  "document:changed": [{ documentId: number; reason: string }];
  /** A group's status or visibility may have changed: its live room re-checks who may stay. */
  "group:changed": [{ groupId: number; reason: string }];
  /** Something changed in a group's discussion: viewers of the group's live room reload it. */
  "discussion:changed": [DiscussionChange];
  /** These users' notifications changed (new, read): their bells get the new count. */
  "notifications:changed": [{ userIds: number[] }];
};

export type DiscussionChangeKind =
  | "thread_created"
  | "post_created"
  | "post_edited"
  | "post_deleted"
  | "post_hidden"
  | "thread_pinned"
  | "thread_locked";
export type DiscussionChange = { groupId: number; threadId: number; kind: DiscussionChangeKind; postId?: number; actorId: number };

export const portalEvents = singleton("portalEvents", () => {
  const emitter = new EventEmitter<PortalEvents>();
  emitter.setMaxListeners(50);
  return emitter;
});
