import { listOpenReports } from "~/models/post-report.server";
import type { Case, Table } from "../table";
import type { Fixtures } from "../world";
import { MODERATE, NOBODY, READ, WRITE } from "./patterns";

/**
 * The Diskussion tab (app/auth/permissions.ts): read:thread = read:group;
 * create:thread and reply:thread: members of a group that is not archived
 * (a locked thread: the group moderation only); edit:post and delete:post:
 * the author, a member, live post, not archived; report:post: members, not
 * their own post (the table sets no status condition); moderate:thread (pin,
 * lock, hide, the report queue): admin or the group moderation, not archived
 * (a portal moderator is not the group's moderation).
 */
const moderating = (form: (fx: Fixtures) => Record<string, string>): Case => ({ ...MODERATE("2xx"), form });

export const discussionRoutes: Table = {
  "routes/gruppen.$slug.diskussion._index": {
    loader: { page: READ("2xx") },
    action: { "mark-all-read": { ...READ("2xx"), form: () => ({ intent: "mark-all-read" }) } },
  },
  "routes/gruppen.$slug.diskussion.neu": {
    loader: { page: WRITE("2xx") },
    action: { create: { ...WRITE("redir"), form: () => ({ title: "Neue Frage", body: "Wie gehen wir vor?" }) } },
  },
  "routes/gruppen.$slug.diskussion.meldungen": {
    loader: { page: MODERATE("2xx") },
    action: {
      dismiss: moderating((fx) => ({ intent: "dismiss", reportId: String(fx.group.reportId) })),
      // Another group's report id: found nowhere here, and still open there.
      "dismiss:other-group": {
        ...MODERATE("404"),
        form: (fx) => ({ intent: "dismiss", reportId: String(fx.otherGroup.reportId) }),
        probe: (fx) => listOpenReports(fx.otherGroup.id).map((r) => r.id),
      },
      "hide-reported": moderating((fx) => ({ intent: "hide-reported", reportId: String(fx.group.reportId), reason: "Nicht sachlich." })),
    },
  },
  "routes/gruppen.$slug.diskussion.$threadId": {
    loader: {
      page: READ("2xx"),
      // A thread id of another group in this group's path.
      "other-groups-thread": {
        //                      anon  obs   obs+  other member gmod  pmod  admin
        intern:                "login 404   404   404   404   404   404   404",
        vertraulich:           "login 404   404   404   404   404   404   404",
        archiviert:            "login 404   404   404   404   404   404   404",
        params: (fx) => ({ threadId: String(fx.otherGroup.threadId) }),
      },
    },
    action: {
      reply: { ...WRITE("redir"), form: () => ({ intent: "reply", body: "Noch eine Antwort." }) },
      "reply:locked": {
        //                      anon  obs   obs+  other member gmod  pmod  admin
        intern:                "login 403   403   403   403   redir 403   403",
        vertraulich:           "login 404   403   404   403   redir 404   403",
        archiviert:            "login 403   403   403   403   403   403   403",
        params: (fx) => ({ threadId: String(fx.group.lockedThreadId) }),
        form: () => ({ intent: "reply", body: "Trotzdem noch etwas." }),
      },
      // The member's own reply: only its author edits or deletes it.
      edit: {
        intern:                "login 403   403   403   redir 403   403   403",
        vertraulich:           "login 404   403   404   redir 403   404   403",
        archiviert:            "login 403   403   403   403   403   403   403",
        form: (fx) => ({ intent: "edit", postId: String(fx.group.memberPostId), body: "Geänderte Antwort." }),
      },
      delete: {
        intern:                "login 403   403   403   redir 403   403   403",
        vertraulich:           "login 404   403   404   redir 403   404   403",
        archiviert:            "login 403   403   403   403   403   403   403",
        form: (fx) => ({ intent: "delete", postId: String(fx.group.memberPostId) }),
      },
      // The founder's opening post: members report it.
      report: {
        intern:                "login 403   403   403   2xx   2xx   403   403",
        vertraulich:           "login 404   403   404   2xx   2xx   404   403",
        archiviert:            "login 403   403   403   2xx   2xx   403   403",
        form: (fx) => ({ intent: "report", postId: String(fx.group.openingPostId), reason: "Bitte prüfen." }),
      },
      // The member's own post: nobody reports their own.
      "report:own": {
        intern:                "login 403   403   403   403   2xx   403   403",
        vertraulich:           "login 404   403   404   403   2xx   404   403",
        archiviert:            "login 403   403   403   403   2xx   403   403",
        form: (fx) => ({ intent: "report", postId: String(fx.group.memberPostId), reason: "Eigener Beitrag." }),
      },
      // In a locked thread only those who may still reply change text: not even the author.
      "edit:locked-thread": {
        ...NOBODY,
        params: (fx) => ({ threadId: String(fx.group.lockedThreadId) }),
        form: (fx) => ({ intent: "edit", postId: String(fx.group.lockedMemberPostId), body: "Nachträglich geändert." }),
      },
      hide: moderating((fx) => ({ intent: "hide", postId: String(fx.group.memberPostId), reason: "Nicht sachlich." })),
      pin: moderating(() => ({ intent: "pin" })),
      unpin: moderating(() => ({ intent: "unpin" })),
      lock: moderating(() => ({ intent: "lock" })),
      unlock: moderating(() => ({ intent: "unlock" })),
    },
  },
};
