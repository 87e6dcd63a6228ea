import type { AppLoadContext } from "@remix-run/node";
import type { GlobalRole } from "../../db/schema";
import { forbidden, requireUser } from "~/auth/guards.server";
import { can, type Action, type GroupAccess } from "~/auth/permissions";
import { groupTexts as t } from "~/i18n/groups";
import { getGroupWithAccess } from "~/models/group.server";
import { myOpenInvitation } from "~/models/membership.server";

type Args = { request: Request; context: AppLoadContext; params: Record<string, string | undefined> };
type GroupAction = Extract<Action, "read:group" | "edit:group" | "archive:group" | "request:join" | "manage:members" | "leave:group" | "upload:material" | "create:document" | "delete:document" | "create:thread" | "moderate:thread">;

/**
 * The group of a /gruppen/:slug route, with the signed-in user's access.
 * A group the user may not read answers 404 like a missing one, so
 * confidential groups do not reveal that they exist. Any other refused
 * action answers 403.
 */
export function requireGroup(args: Args, action: GroupAction = "read:group") {
  const user = requireUser(args);
  const found = getGroupWithAccess(args.params.slug ?? "", user);
  if (!found || !can(user, "read:group", found.access)) groupNotFound();
  if (action !== "read:group" && !can(user, action, found.access)) forbidden();
  return { user, group: found.group, access: found.access };
}

/**
 * The group of /gruppen/:slug/einladung with the signed-in user's open
 * invitation into it, if they may answer it ("answer:group-invitation").
 * The invitation opens this one page of a group the user may not read
 * (a vertraulich one); to everyone else, without such an invitation, that
 * group answers 404 exactly like a missing one. A readable group comes
 * back with `invitation: null` when there is nothing to answer.
 */
export function requireGroupInvitation(args: Args) {
  const user = requireUser(args);
  const found = getGroupWithAccess(args.params.slug ?? "", user);
  if (!found) groupNotFound();
  const invitation = myOpenInvitation(found.group.id, user.id) ?? null;
  const mayAnswer = can(user, "answer:group-invitation", { group: found.access, invitedAs: invitation?.role ?? null });
  const mayRead = can(user, "read:group", found.access);
  if (!mayAnswer && !mayRead) groupNotFound();
  return { user, group: found.group, mayRead, invitation: mayAnswer ? invitation : null };
}

/** Missing and unreadable groups answer alike, so confidential groups do not reveal that they exist. */
function groupNotFound(): never {
  throw new Response(t.notFound, { status: 404 });
}

/** What the UI may offer this user in this group (the same rules as the guards). */
export function groupAbilities(user: { id: number; role: GlobalRole }, access: GroupAccess) {
  return {
    edit: can(user, "edit:group", access),
    archive: can(user, "archive:group", access),
    requestJoin: can(user, "request:join", access),
    manageMembers: can(user, "manage:members", access),
    leave: can(user, "leave:group", access),
    upload: can(user, "upload:material", access),
    createThread: can(user, "create:thread", access),
    moderateThread: can(user, "moderate:thread", access),
  };
}
