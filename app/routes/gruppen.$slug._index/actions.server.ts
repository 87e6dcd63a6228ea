import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { json } from "@remix-run/node";
import { forbidden } from "~/auth/guards.server";
import { can, type Action, type GroupAccess } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import type { Group } from "../../../db/schema";
import { de } from "~/i18n/de";
import { groupTexts as t } from "~/i18n/groups";
import { addMilestone, deleteMilestone, setMilestoneDone } from "~/models/group.server";
import {
  changeMemberRole,
  decideRequest,
  grantObserver,
  inviteToGroup,
  removeMember,
  requestToJoin,
  revokeObserver,
  withdrawRequest,
} from "~/models/membership.server";
import { getUserById } from "~/models/user.server";
import { overviewActionSchema, type OverviewAction } from "./schemas";

type Ctx = { user: SessionUser; group: Group; access: GroupAccess };

/** Which permission each form of the overview needs (one table, checked before anything runs). */
const needs: Record<OverviewAction["intent"], Action | "own"> = {
  join: "request:join",
  withdraw: "own",
  leave: "leave:group",
  "accept-request": "manage:members",
  "decline-request": "manage:members",
  invite: "manage:members",
  "remove-member": "manage:members",
  "set-role": "manage:members",
  "grant-observer": "manage:members",
  "revoke-observer": "manage:members",
  "milestone-add": "edit:group",
  "milestone-done": "edit:group",
  "milestone-open": "edit:group",
  "milestone-delete": "edit:group",
};

const ok = (intent: string, message: string, result?: SubmissionResult<string[]>) => json({ ok: true as const, intent, message, result });
const refuse = (intent: string, message: string, status = 409) =>
  json({ ok: false as const, intent, message, result: undefined }, { status });

/**
 * The overview's forms. Each is parsed with its schema, checked against the
 * permission module, then handed to the membership/group models.
 */
export async function runOverviewAction(formData: FormData, { user, group, access }: Ctx) {
  const submission = parseWithZod(formData, { schema: overviewActionSchema });
  const intent = String(formData.get("intent") ?? "");
  if (submission.status !== "success") {
    if (!(intent in needs)) throw new Response(de.errors.badRequest, { status: 400 });
    return json({ ok: false as const, intent, message: de.validation.formErrors, result: submission.reply() }, { status: 400 });
  }
  const a = submission.value;
  const needed = needs[a.intent];
  // Archived groups and "own" actions are covered by the rules and the where clauses below.
  if (needed !== "own" && !can(user, needed as "read:group", access)) forbidden();
  if (needed === "own" && group.status === "archiviert") forbidden();

  switch (a.intent) {
    case "join": {
      const outcome = requestToJoin(group.id, user.id, a.message ?? "");
      if (outcome === "already_member") return refuse(a.intent, t.join.alreadyMember);
      if (outcome === "already_requested") return refuse(a.intent, t.join.alreadyRequested);
      return ok(a.intent, t.join.requested);
    }
    case "withdraw":
      return withdrawRequest(group.id, user.id) ? ok(a.intent, t.join.withdrawn) : refuse(a.intent, t.requests.gone, 404);
    case "leave": {
      const outcome = removeMember(group.id, user.id, "left");
      return outcome === "done" ? ok(a.intent, t.join.left) : refuse(a.intent, t.join.lastModeration);
    }
    case "accept-request":
    case "decline-request": {
      const decision = a.intent === "accept-request" ? ({ accept: true } as const) : ({ accept: false, reason: a.reason } as const);
      const outcome = decideRequest(group.id, a.requestId, decision, user.id);
      if (outcome.status === "not_found") return refuse(a.intent, t.requests.gone, 404);
      return ok(a.intent, outcome.status === "accepted" ? t.requests.accepted(getUserById(outcome.userId)?.displayName ?? "") : t.requests.declined);
    }
    case "invite": {
      const outcome = inviteToGroup(group.id, a.userId, a.role, user.id);
      const messages = { invited: t.manage.invited, already_member: t.manage.alreadyMember, already_invited: t.manage.alreadyInvited, no_such_user: t.manage.noSuchUser };
      return outcome === "invited" ? ok(a.intent, messages.invited) : refuse(a.intent, messages[outcome]);
    }
    case "remove-member": {
      const outcome = removeMember(group.id, a.userId, "removed", user.id);
      if (outcome === "not_member") return refuse(a.intent, t.manage.noSuchUser, 404);
      if (outcome === "last_moderation") return refuse(a.intent, t.join.lastModeration);
      return ok(a.intent, t.manage.removed(getUserById(a.userId)?.displayName ?? ""));
    }
    case "set-role": {
      const outcome = changeMemberRole(group.id, a.userId, a.role);
      if (outcome === "not_member") return refuse(a.intent, t.manage.noSuchUser, 404);
      if (outcome === "last_moderation") return refuse(a.intent, t.join.lastModeration);
      return ok(a.intent, t.manage.roleChanged);
    }
    case "grant-observer":
      return grantObserver(group.id, a.userId, user.id) ? ok(a.intent, t.manage.granted) : refuse(a.intent, t.manage.noSuchUser, 404);
    case "revoke-observer":
      revokeObserver(group.id, a.userId);
      return ok(a.intent, t.manage.revoked);
    case "milestone-add":
      addMilestone(group.id, a.title, a.dueDate || null, user.id);
      // The form is emptied for the next milestone.
      return ok(a.intent, t.overview.milestoneAdded(a.title), submission.reply({ resetForm: true }));
    case "milestone-done":
    case "milestone-open":
      return setMilestoneDone(group.id, a.milestoneId, a.intent === "milestone-done", user.id)
        ? ok(a.intent, a.intent === "milestone-done" ? t.overview.milestoneDone : t.overview.milestoneReopened)
        : refuse(a.intent, de.errors.notFound, 404);
    case "milestone-delete":
      return deleteMilestone(group.id, a.milestoneId) ? ok(a.intent, t.overview.milestoneDeleted) : refuse(a.intent, de.errors.notFound, 404);
  }
}
