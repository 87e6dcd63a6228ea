import type { GlobalRole } from "../../db/schema";

/**
 * The one place that decides "may this user do this on that thing". Loaders,
 * actions, socket handlers and the UI (to hide what a role cannot do) all ask
 * here. Names follow `action:entity`; group-level rules join this table with
 * the working groups.
 */
export type Actor = { id: number; role: GlobalRole } | null;

export type PermissionTargets = {
  /** See signed-in pages at all. */
  "read:portal": undefined;
  /** Open a working group. */
  "create:group": undefined;
  /** Invite someone with the given global role. */
  "invite:user": { role: GlobalRole };
  /** See and revoke open invitations. */
  "list:invitations": undefined;
  /** See the user administration. */
  "list:users": undefined;
  /** Deactivate or reactivate the given user. */
  "deactivate:user": { userId: number; role: GlobalRole };
  /** Manage one's own sessions and password. */
  "manage:own-account": undefined;
};

export type Action = keyof PermissionTargets;

type Rule<A extends Action> = (actor: NonNullable<Actor>, target: PermissionTargets[A]) => boolean;

const anyone = () => true;
const roles =
  (...allowed: GlobalRole[]) =>
  (actor: NonNullable<Actor>) =>
    allowed.includes(actor.role);

const rules: { [A in Action]: Rule<A> } = {
  "read:portal": anyone,
  "create:group": roles("admin", "moderator"),
  // Moderators bring in members and observers; only admins hand out moderation or admin rights.
  "invite:user": (actor, target) =>
    actor.role === "admin" ||
    (actor.role === "moderator" && (target.role === "member" || target.role === "observer")),
  "list:invitations": roles("admin", "moderator"),
  "list:users": roles("admin"),
  // An admin cannot lock themselves out.
  "deactivate:user": (actor, target) => actor.role === "admin" && actor.id !== target.userId,
  "manage:own-account": anyone,
};

/** Signed-out actors may do nothing on the portal; every rule starts from a signed-in user. */
export function can<A extends Action>(
  actor: Actor,
  action: A,
  ...target: PermissionTargets[A] extends undefined ? [] : [PermissionTargets[A]]
): boolean {
  if (!actor) return false;
  return (rules[action] as Rule<A>)(actor, target[0] as PermissionTargets[A]);
}

/** Roles a given actor may invite (for the invitation form's choices). */
export function invitableRoles(actor: Actor, all: readonly GlobalRole[]): GlobalRole[] {
  return all.filter((role) => can(actor, "invite:user", { role }));
}
