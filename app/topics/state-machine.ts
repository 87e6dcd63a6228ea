import type { ProposalStatus } from "../../db/schema";
import { topicTexts as t } from "../i18n/topics";

/**
 * The life of a topic proposal, as a pure module (no database): the model,
 * the route's schemas and the UI all ask here which step is allowed and what
 * it needs.
 *
 *   neu ─┬─► in_pruefung ─┬─► angenommen        (opens a working group)
 *        │                ├─► zusammengefuehrt  (links an existing group)
 *        │                └─► abgelehnt         (with a reason)
 *        ├─► zusammengefuehrt
 *        └─► abgelehnt
 */
const transitions: Record<ProposalStatus, readonly ProposalStatus[]> = {
  neu: ["in_pruefung", "zusammengefuehrt", "abgelehnt"],
  in_pruefung: ["angenommen", "zusammengefuehrt", "abgelehnt"],
  angenommen: [],
  zusammengefuehrt: [],
  abgelehnt: [],
};

/** The statuses a proposal may move to from here; empty for the final ones. */
export function nextStatuses(status: ProposalStatus): readonly ProposalStatus[] {
  return transitions[status] ?? [];
}

/** Decided proposals: no further transitions, no more support (comments stay open). */
export function isFinal(status: ProposalStatus): boolean {
  return nextStatuses(status).length === 0;
}

/** Open proposals can still be supported. */
export function acceptsSupport(status: ProposalStatus): boolean {
  return !isFinal(status);
}

export type TransitionInput = {
  /** Why; required for abgelehnt. */
  reason?: string | null;
  /** The existing group; required for zusammengefuehrt. */
  groupId?: number | null;
};

export type TransitionField = "to" | "reason" | "groupId";
export type TransitionCheck = { ok: true } | { ok: false; field: TransitionField; error: string };

/** What the target status needs, whatever the current one is (used by the form schema too). */
export function checkTransitionInput(to: ProposalStatus, input: TransitionInput): TransitionCheck {
  if (to === "abgelehnt" && !input.reason?.trim()) return { ok: false, field: "reason", error: t.reasonRequired };
  if (to === "zusammengefuehrt" && !(typeof input.groupId === "number" && Number.isInteger(input.groupId) && input.groupId > 0)) {
    return { ok: false, field: "groupId", error: t.groupRequired };
  }
  return { ok: true };
}

/** Whether `from → to` is allowed with this input; the error is German and names the field it belongs to. */
export function checkTransition(from: ProposalStatus, to: ProposalStatus, input: TransitionInput = {}): TransitionCheck {
  if (!nextStatuses(from).includes(to)) {
    return { ok: false, field: "to", error: t.transitionNotAllowed(t.status[from] ?? from, t.status[to] ?? to) };
  }
  return checkTransitionInput(to, input);
}
