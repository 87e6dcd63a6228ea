import type { DocumentStatus, GlobalRole, GroupRole, GroupStatus, GroupVisibility } from "../../db/schema";
import { isEditableStatus, nextDocumentStatuses } from "../documents/status";

/**
 * The one place that decides "may this user do this on that thing". Loaders,
 * actions, socket handlers and the UI (to hide what a role cannot do) all ask
 * here. Names follow `action:entity`; group-level rules join this table with
 * the working groups.
 */
export type Actor = { id: number; role: GlobalRole } | null;

/** What the permission module needs to know about a group and the actor's place in it. */
export type GroupAccess = {
  status: GroupStatus;
  visibility: GroupVisibility;
  /** The actor's role in this group, or null when not a member. */
  membership: GroupRole | null;
  /** The actor is an observer granted to read this group. */
  observerGrant: boolean;
};

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
  /** Change the given user's global role. */
  "change-role:user": { userId: number };
  /** Manage one's own sessions and password. */
  "manage:own-account": undefined;

  // Working groups
  "read:group": GroupAccess;
  /** Open the group's edit form; change description, goals, milestones. */
  "edit:group": GroupAccess;
  /** Title, address (slug) and Loge: what the group is called and where it is found. A field of the edit form. */
  "change-identity:group": GroupAccess;
  /** intern ↔ vertraulich, i.e. who may read the group. A field of the edit form. */
  "change-visibility:group": GroupAccess;
  /** Change the status (close, archive, reopen). */
  "archive:group": GroupAccess;
  "request:join": GroupAccess;
  /** Decide join requests, invite, remove, change roles, grant observers. */
  "manage:members": GroupAccess;
  "leave:group": GroupAccess;
  /**
   * Accept or decline one's own open invitation into a group (invitedAs: its
   * role, null without one). Needs no read right: the invitation is what
   * lets the person see a vertraulich group's name before joining.
   */
  "answer:group-invitation": { group: GroupAccess; invitedAs: GroupRole | null };
  "upload:material": GroupAccess;
  "delete:material": { group: GroupAccess; uploadedBy: number | null };

  // Documents of a group
  "create:document": GroupAccess;
  /** Rename now; write the text with the co-editor. Only drafts and documents in consultation. */
  "edit:document": { group: GroupAccess; status: DocumentStatus };
  "set-status:document": { group: GroupAccess; status: DocumentStatus };
  "delete:document": GroupAccess;

  // Discussion threads of a group
  /** See threads and posts, join the group's live room. */
  "read:thread": GroupAccess;
  "create:thread": GroupAccess;
  /** Reply in a thread; a locked thread takes replies only from the group moderation. */
  "reply:thread": { group: GroupAccess; locked: boolean };
  /** Authors edit and delete their own posts (deleted ones stay deleted). */
  "edit:post": { group: GroupAccess; authorId: number | null; deleted: boolean };
  "delete:post": { group: GroupAccess; authorId: number | null; deleted: boolean };
  /** "Melden": members report others' posts to the group moderation. */
  "report:post": { group: GroupAccess; authorId: number | null };
  /** Pin and lock threads, hide posts with a reason, see the report queue and earlier versions. */
  "moderate:thread": GroupAccess;

  // Following progress (dashboard, activity, feeds, report, search)
  /** The dashboard, the activity feeds, search and the report: each shows only what the user may read. */
  "read:progress": undefined;
  /** Follow or unfollow a group (its news reach notifications and the digest). */
  "follow:group": GroupAccess;
  /** Create and revoke one's personal feed tokens. */
  "manage:feed-tokens": undefined;

  // Topic intake "Wie weiter?"
  "propose:topic": undefined;
  "support:topic": undefined;
  "comment:topic": undefined;
  /** Move proposals through Neu → In Prüfung → Angenommen / Zusammengeführt / Abgelehnt. */
  "triage:topic": undefined;
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
  // Nor take away their own administration (the last admin would leave nobody to give it back).
  "change-role:user": (actor, target) => actor.role === "admin" && actor.id !== target.userId,
  "manage:own-account": anyone,

  // intern: every signed-in user; vertraulich: members, admins and granted observers.
  "read:group": (actor, g) =>
    g.visibility === "intern" || actor.role === "admin" || g.membership !== null || (actor.role === "observer" && g.observerGrant),
  // Archived groups are read-only for everyone.
  "edit:group": (actor, g) =>
    g.status !== "archiviert" && (isPortalModeration(actor) || g.membership === "moderation"),
  // The group moderation looks after the content; who the group is and who may read it is the
  // portal's moderation's decision, as it was when the group was opened (create:group).
  "change-identity:group": portalModerationOfWritableGroup,
  "change-visibility:group": portalModerationOfWritableGroup,
  "archive:group": (actor) => isPortalModeration(actor),
  // Observers follow groups, they do not join them.
  "request:join": (actor, g) =>
    g.status === "aktiv" && g.membership === null && actor.role !== "observer" && g.visibility === "intern",
  "manage:members": (actor, g) =>
    g.status !== "archiviert" && (isPortalModeration(actor) || g.membership === "moderation"),
  "leave:group": (_actor, g) => g.membership !== null,
  // Observers follow groups, they do not join them (an invitation made before a role change stays unanswerable).
  "answer:group-invitation": (actor, { group, invitedAs }) =>
    invitedAs !== null && group.membership === null && group.status !== "archiviert" && actor.role !== "observer",
  "upload:material": (actor, g) => writesIn(actor, g),
  "delete:material": (actor, { group, uploadedBy }) =>
    group.status !== "archiviert" &&
    (actor.role === "admin" || group.membership === "moderation" || (group.membership !== null && uploadedBy === actor.id)),

  "create:document": (actor, g) => writesIn(actor, g),
  // Observers and non-members never write, whatever the document's status.
  "edit:document": (actor, { group, status }) => writesIn(actor, group) && isEditableStatus(status),
  "set-status:document": (actor, { group, status }) =>
    group.status !== "archiviert" &&
    (actor.role === "admin" || group.membership === "moderation") &&
    nextDocumentStatuses(status).length > 0,
  "delete:document": (actor, g) => g.status !== "archiviert" && (actor.role === "admin" || g.membership === "moderation"),

  "read:thread": (actor, g) => can(actor, "read:group", g),
  // Observers read and never post; archived groups are read-only.
  "create:thread": (actor, g) => writesIn(actor, g),
  "reply:thread": (actor, { group, locked }) => writesIn(actor, group) && (!locked || group.membership === "moderation"),
  "edit:post": (actor, { group, authorId, deleted }) => ownLivePost(actor, group, authorId, deleted),
  "delete:post": (actor, { group, authorId, deleted }) => ownLivePost(actor, group, authorId, deleted),
  "report:post": (actor, { group, authorId }) => group.membership !== null && authorId !== actor.id,
  "moderate:thread": (actor, g) => g.status !== "archiviert" && (actor.role === "admin" || g.membership === "moderation"),

  "read:progress": anyone,
  "follow:group": (actor, g) => can(actor, "read:group", g),
  "manage:feed-tokens": anyone,

  "propose:topic": anyone,
  "support:topic": anyone,
  "comment:topic": anyone,
  "triage:topic": roles("admin", "moderator"),
};

function ownLivePost(actor: NonNullable<Actor>, group: GroupAccess, authorId: number | null, deleted: boolean): boolean {
  return writesIn(actor, group) && authorId === actor.id && !deleted;
}

/**
 * Writing in a group (documents, threads, posts, materials): its members, while
 * it is not archived. Observers never write, also where they are still listed
 * as members (a member whose global role became observer keeps the membership
 * row, and its reading rights, until the group removes it).
 */
function writesIn(actor: NonNullable<Actor>, g: GroupAccess): boolean {
  return g.status !== "archiviert" && g.membership !== null && actor.role !== "observer";
}

function isPortalModeration(actor: NonNullable<Actor>): boolean {
  return actor.role === "admin" || actor.role === "moderator";
}

/** Archived groups are read-only for everyone, the portal's moderation included. */
function portalModerationOfWritableGroup(actor: NonNullable<Actor>, group: GroupAccess): boolean {
  return group.status !== "archiviert" && isPortalModeration(actor);
}

/** Signed-out actors may do nothing on the portal; every rule starts from a signed-in user. */
export function can<A extends Action>(
  actor: Actor,
  action: A,
  ...target: PermissionTargets[A] extends undefined ? [] : [PermissionTargets[A]]
): boolean {
  if (!actor) return false;
  return (rules[action] as Rule<A>)(actor, target[0] as PermissionTargets[A]);
}

/**
 * The fields of a group's edit form and the permission each one needs. The
 * form shows only the fields the user may change, and the action refuses a
 * submitted field outside them (a forged form changes nothing).
 */
const groupFieldRules = {
  title: "change-identity:group",
  slug: "change-identity:group",
  loge: "change-identity:group",
  description: "edit:group",
  goals: "edit:group",
  visibility: "change-visibility:group",
} as const satisfies Record<string, Action>;
export type GroupField = keyof typeof groupFieldRules;
export const groupFields = Object.keys(groupFieldRules) as readonly GroupField[];

/** The fields of the group's edit form this actor may change, in the form's order. */
export function editableGroupFields(actor: Actor, group: GroupAccess): GroupField[] {
  return groupFields.filter((field) => can(actor, groupFieldRules[field], group));
}

/** Roles a given actor may invite (for the invitation form's choices). */
export function invitableRoles(actor: Actor, all: readonly GlobalRole[]): GlobalRole[] {
  return all.filter((role) => can(actor, "invite:user", { role }));
}
