import type { NotificationDelivery, NotificationKind } from "../../db/schema";

/**
 * How each kind is delivered until a user chooses otherwise. What concerns
 * the person directly (mentioned, answer to their own request or proposal)
 * comes at once; what happens around them in their groups is collected in
 * the morning digest, so nobody gets a mail for every document and reply.
 */
export const defaultDelivery: Record<NotificationKind, NotificationDelivery> = {
  mention: "sofort",
  join_request_answer: "sofort",
  topic_decision: "sofort",
  reply: "digest",
  new_thread: "digest",
  new_document: "digest",
  document_status: "digest",
};

export type DeliveryPreferences = Record<NotificationKind, NotificationDelivery>;

/** A user's stored choices laid over the defaults. */
export function withDefaults(stored: { kind: NotificationKind; delivery: NotificationDelivery }[]): DeliveryPreferences {
  const prefs = { ...defaultDelivery };
  for (const row of stored) prefs[row.kind] = row.delivery;
  return prefs;
}
