import { inviteToGroup, listOpenRequests, requestToJoin } from "~/models/membership.server";
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

/** The acting user's own open invitation, as the group moderation would send it (the model invites neither members nor observers). */
const ownInvitation = (fx: Fixtures) => {
  if (fx.actor.id !== null) inviteToGroup(fx.group.id, fx.actor.id, "member", fx.people.founder);
};

export const groupOverviewRoutes: Table = {
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
      // An invitee who may not read a vertraulich group must still be able to answer the invitation.
      "accept-invite": {
        intern:                "login 404   404   2xx   404   404   2xx   2xx",
        vertraulich:           "login 404   404   2xx   404   404   2xx   2xx",
        archiviert:            "login 403   403   403   403   403   403   403",
        form: () => ({ intent: "accept-invite" }),
        setup: ownInvitation,
        finding: "issue 18 finding 11: an invitation to a vertraulich group must be acceptable by the invitee (today the group guard answers 404 first)",
      },
      "decline-invite": {
        intern:                "login 404   404   2xx   404   404   2xx   2xx",
        vertraulich:           "login 404   404   2xx   404   404   2xx   2xx",
        archiviert:            "login 403   403   403   403   403   403   403",
        form: () => ({ intent: "decline-invite" }),
        setup: ownInvitation,
        finding: "issue 18 finding 11: an invitation to a vertraulich group must be answerable by the invitee",
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
