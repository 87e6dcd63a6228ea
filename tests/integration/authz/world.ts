import type { AppLoadContext } from "@remix-run/node";
import { createSession, validateSessionToken } from "~/auth/session.server";
import { generateSecureRandomString } from "~/auth/tokens.server";
import { createFeedToken } from "~/models/feed-token.server";
import { createInvitation, listOpenInvitations } from "~/models/invitation.server";
import { createProposal } from "~/models/topic.server";
import { setFollowing } from "~/models/follow.server";
import { indexAllChangedRows } from "~/models/search-index.server";
import { listNotifications, notify } from "~/models/notification.server";
import type { GlobalRole } from "../../../db/schema";
import { createTestUser } from "../../fixtures/users";
import { CONFIDENTIAL_NAME, buildGroup, type GroupFixture } from "./group-world";
import { ROLES, type Kind, type Role } from "./table";

/** The acting user of one call. */
export type Actor = {
  role: Role;
  /** Null when signed out. */
  id: number | null;
  email: string | null;
  password: string;
  /** The user's feed token (signed out: a well-formed token nobody holds). */
  feedToken: string;
  auth: AppLoadContext["auth"];
};

/** What the cases of the table build their requests from: the actor, the group under test and the portal's other things. */
export type Fixtures = {
  actor: Actor;
  group: GroupFixture;
  /** The group the "other" role belongs to: its ids are someone else's group's ids. */
  otherGroup: GroupFixture;
  people: { founder: number; member: number; colleague: number; requester: number; invitable: number; observer: number; observerGranted: number };
  portal: {
    /** The group member's e-mail and password (the login form). */
    memberLogin: { email: string; password: string };
    proposalId: number;
    /** A notification of the group member. */
    memberNotificationId: number;
    memberFeedTokenId: number;
    /** A second session of the group member (not the one the member acts with). */
    memberOtherSessionId: string;
    /** An open portal invitation (role member) and its link's token; one with role admin. */
    memberInvitation: { id: number; token: string };
    adminInvitationId: number;
  };
};

export type World = {
  actors: Record<Role, Actor>;
  groups: Record<Kind, GroupFixture>;
  rest: Omit<Fixtures, "actor" | "group">;
};

const globalRoleOf: Record<Exclude<Role, "anon">, GlobalRole> = {
  obs: "observer",
  "obs+": "observer",
  other: "member",
  member: "member",
  gmod: "member",
  pmod: "moderator",
  admin: "admin",
};

async function signedInActor(role: Exclude<Role, "anon">): Promise<Actor> {
  const user = await createTestUser(globalRoleOf[role], `Matrix ${role}`);
  const { token } = createSession(user.id, "authz-matrix");
  return {
    role,
    id: user.id,
    email: user.email,
    password: user.password,
    feedToken: createFeedToken(user.id, "Matrix").token,
    auth: validateSessionToken(token),
  };
}

/**
 * The portal the matrix runs against: one user per role, the intern,
 * vertraulich and archived groups with the same content, a group of the
 * "other" role, and the portal-wide things routes take ids of.
 */
export async function buildWorld(): Promise<World> {
  const signedIn = ROLES.filter((r): r is Exclude<Role, "anon"> => r !== "anon");
  const actors = { anon: { role: "anon", id: null, email: null, password: "", feedToken: generateSecureRandomString() + generateSecureRandomString(), auth: null } } as Record<Role, Actor>;
  for (const role of signedIn) actors[role] = await signedInActor(role);
  const id = (role: Role) => actors[role].id!;

  const founder = (await createTestUser("member", "Gründerin")).id;
  const colleague = (await createTestUser("member", "Kollege")).id;
  const requester = (await createTestUser("member", "Anfragende")).id;
  const invitable = (await createTestUser("member", "Einladbare")).id;
  const groupPeople = { founder, gmod: id("gmod"), member: id("member"), colleague, requester, observerGranted: id("obs+") };

  const groups = {
    intern: await buildGroup("intern", "intern", groupPeople),
    vertraulich: await buildGroup(CONFIDENTIAL_NAME, "vertraulich", groupPeople),
    archiviert: await buildGroup("archiviert", "intern", groupPeople, { archive: true }),
  } satisfies Record<Kind, GroupFixture>;
  // The "other" role is a plain member here; the people it takes ids of are someone else's.
  const otherGroup = await buildGroup("andere", "intern", { ...groupPeople, gmod: colleague, member: id("other"), colleague: invitable });

  // Follows kept from a time they could read the group: the activity feeds must leave it out now.
  for (const role of ["obs", "other", "pmod"] as const) setFollowing(id(role), groups.vertraulich.id, true);
  const memberOtherSessionId = createSession(id("member"), "zweites Gerät").id;
  const memberInvitation = createInvitation({ email: "neu.eingeladen@test.example", role: "member", invitedBy: id("admin") });
  createInvitation({ email: "neue.admin@test.example", role: "admin", invitedBy: id("admin") });
  const openInvitations = listOpenInvitations();
  const invitationId = (email: string) => openInvitations.find((i) => i.email === email)!.id;

  notify({ kind: "mention", groupId: groups.intern.id, actorId: founder, threadId: groups.intern.threadId, postId: groups.intern.openingPostId, mentionedUserIds: [id("member")] });

  indexAllChangedRows();
  return {
    actors,
    groups,
    rest: {
      otherGroup,
      people: { founder, member: id("member"), colleague, requester, invitable, observer: id("obs"), observerGranted: id("obs+") },
      portal: {
        memberLogin: { email: actors.member.email!, password: actors.member.password },
        proposalId: createProposal({ title: "Digitale Akte", description: "Ein Vorschlag für die Matrix.", loge: null, wantsToParticipate: false }, founder).id,
        memberNotificationId: listNotifications(id("member")).notifications.find((n) => n.kind === "mention")!.id,
        memberFeedTokenId: createFeedToken(id("member"), "Zweiter Leser").id,
        memberOtherSessionId,
        memberInvitation: { id: invitationId("neu.eingeladen@test.example"), token: memberInvitation.token },
        adminInvitationId: invitationId("neue.admin@test.example"),
      },
    },
  };
}

export function fixturesFor(world: World, role: Role, kind: Kind): Fixtures {
  return { actor: world.actors[role], group: world.groups[kind], ...world.rest };
}
