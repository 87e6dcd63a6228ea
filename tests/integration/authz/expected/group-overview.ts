import { inviteToGroup, listMembers, listOpenRequests, requestToJoin } from "~/models/membership.server";
import type { Fixtures } from "../world";
import type { Case, Table } from "../table";
import { MANAGE, READ } from "./patterns";

/**
 * The group overview's forms (app/routes/gruppen.$slug._index/actions.server.ts),
 * one case per intent. From app/auth/permissions.ts:
 * request:join: active, intern, not a member, not an observer;
 * leave:group: members (the table sets no status condition);
 * manage:members and edit:group (milestones): not archived, admin, moderator
 * or the group moderation; answering one's own request or invitation: the
 * person it belongs to, not in an archived group.
 */

const managing = (form: (fx: Fixtures) => Record<string, string>): Case => ({ ...MANAGE("2xx"), form });

/** Whether the acting user is a member of the group under test (an accepted invitation makes them one). */
const actorIsMember = (fx: Fixtures) => fx.actor.id !== null && listMembers(fx.group.id).some((m) => m.userId === fx.actor.id);

/** The acting user's own open invitation, as the group moderation would send it (the model invites neither members nor observers). */

const ownInvitation = (fx: Fixtures) => {
  if (fx.actor.id !== null) inviteToGroup(fx.group.id, fx.actor.id, "member", fx.people.founder);
};

export const groupOverviewRoutes: Table = {
  // The invitee's own invitation (answer:group-invitation): not observers (they are not invited), not members,
  // not in an archived group; no read right needed, so an invitee answers a vertraulich group they cannot read yet.
  // Whoever has none to answer goes to the group if they may read it, and gets the group's 404 if not.
  //                            anon  obs   obs+  other member gmod  pmod  admin
  "routes/gruppen.$slug_.einladung": {
    loader: {
      page: {
        intern:                "login redir redir 2xx   redir redir 2xx   2xx",
        vertraulich:           "login 404   redir 2xx   redir redir 2xx   2xx",
        archiviert:            "login redir redir redir redir redir redir redir",
        setup: ownInvitation,
        toldOfGroup: true,
      },
    },
    action: {
      "accept-invite": {
        intern:                "login 404   404   redir* 404  404   redir* redir*",
        vertraulich:           "login 404   404   redir* 404  404   redir* redir*",
        archiviert:            "login 404   404   404   404   404   404   404",
        form: () => ({ intent: "accept-invite" }),
        setup: ownInvitation,
        toldOfGroup: true,
        probe: actorIsMember,
      },
      "decline-invite": {
        intern:                "login 404   404   redir 404   404   redir redir",
        vertraulich:           "login 404   404   redir 404   404   redir redir",
        archiviert:            "login 404   404   404   404   404   404   404",
        form: () => ({ intent: "decline-invite" }),
        setup: ownInvitation,
        toldOfGroup: true,
        probe: actorIsMember,
      },
    },
  },
  "routes/gruppen.$slug._index": {
    loader: { page: READ("2xx") },
    action: {
      //                        anon  obs   obs+  other member gmod  pmod  admin
      join: {
        intern:                "login 403   403   2xx   403   403   2xx   2xx",
        vertraulich:           "login 404   403   404   403   403   404   403",
        archiviert:            "login 403   403   403   403   403   403   403",
        form: () => ({ intent: "join", message: "Ich möchte mitarbeiten." }),
      },
      // The actor's own open request, where the actor could have made one (not members, not observers).
      withdraw: {
        intern:                "login 404   404   2xx   404   404   2xx   2xx",
        vertraulich:           "login 404   404   404   404   404   404   2xx",
        archiviert:            "login 403   403   403   403   403   403   403",
        form: () => ({ intent: "withdraw" }),
        setup: (fx) => {
          if (fx.actor.id !== null && !fx.actor.role.startsWith("obs")) requestToJoin(fx.group.id, fx.actor.id, "Bitte aufnehmen.");
        },
      },
      // The group has a second moderation (its founder), so the group moderation may leave too.
      leave: {
        intern:                "login 403   403   403   2xx   2xx   403   403",
        vertraulich:           "login 404   403   404   2xx   2xx   404   403",
        archiviert:            "login 403   403   403   2xx   2xx   403   403",
        form: () => ({ intent: "leave" }),
      },
      "accept-request": managing((fx) => ({ intent: "accept-request", requestId: String(fx.group.requestId) })),
      // Another group's request id: found nowhere here, and still open there.
      "accept-request:other-group": {
        ...MANAGE("404"),
        form: (fx) => ({ intent: "accept-request", requestId: String(fx.otherGroup.requestId) }),
        probe: (fx) => listOpenRequests(fx.otherGroup.id).map((r) => r.id),
      },
      "decline-request": managing((fx) => ({ intent: "decline-request", requestId: String(fx.group.requestId), reason: "Die Gruppe ist voll." })),
      invite: managing((fx) => ({ intent: "invite", userId: String(fx.people.invitable), role: "member" })),
      "remove-member": managing((fx) => ({ intent: "remove-member", userId: String(fx.people.colleague) })),
      "set-role": managing((fx) => ({ intent: "set-role", userId: String(fx.people.colleague), role: "moderation" })),
      "grant-observer": managing((fx) => ({ intent: "grant-observer", userId: String(fx.people.observer) })),
      "revoke-observer": managing((fx) => ({ intent: "revoke-observer", userId: String(fx.people.observerGranted) })),
      "milestone-add": managing(() => ({ intent: "milestone-add", title: "Neuer Meilenstein", dueDate: "" })),
      "milestone-done": managing((fx) => ({ intent: "milestone-done", milestoneId: String(fx.group.openMilestoneId) })),
      "milestone-open": managing((fx) => ({ intent: "milestone-open", milestoneId: String(fx.group.doneMilestoneId) })),
      "milestone-delete": managing((fx) => ({ intent: "milestone-delete", milestoneId: String(fx.group.openMilestoneId) })),
    },
  },
};
