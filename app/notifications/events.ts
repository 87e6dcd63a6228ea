import type { DocumentStatus, ProposalStatus } from "../../db/schema";

/**
 * What happened, as the data path reports it to the notification fan-out
 * (app/models/notification.server.ts, notify()). The fan-out decides who is
 * told, in which words, and by which delivery each person chose.
 */
export type NotificationEvent =
  /** Users mentioned in a post; only members of the group are notified. */
  | { kind: "mention"; groupId: number; actorId: number; threadId: number; postId: number; mentionedUserIds: number[] }
  /** A reply: told to the thread's starter and everyone who wrote in it (not the actor, not those mentioned in it). */
  | { kind: "reply"; groupId: number; actorId: number; threadId: number; postId: number; mentionedUserIds: number[] }
  | { kind: "new_thread"; groupId: number; actorId: number; threadId: number; mentionedUserIds: number[] }
  | { kind: "new_document"; groupId: number; actorId: number; documentId: number }
  | { kind: "document_status"; groupId: number; actorId: number; documentId: number; toStatus: DocumentStatus }
  | { kind: "join_request_answer"; groupId: number; actorId: number; requesterId: number; accepted: boolean; reason: string | null }
  | { kind: "topic_decision"; proposalId: number; actorId: number; toStatus: ProposalStatus; reason: string | null };
