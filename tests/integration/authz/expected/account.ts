import { listActiveSessions } from "~/auth/session.server";
import { listFeedTokens } from "~/models/feed-token.server";
import { listNotifications } from "~/models/notification.server";
import { notificationKinds } from "../../../../db/schema";
import type { Fixtures } from "../world";
import type { Table } from "../table";
import { SIGNED_IN } from "./patterns";
import { NEW_PASSWORD } from "./portal";

/**
 * One's own account, notifications and feeds (manage:own-account,
 * read:portal, manage:feed-tokens: every signed-in user). The ids of
 * someone else's (the group member's) session, notification and feed token
 * must change nothing: the probes watch exactly those.
 */
const memberSessionAlive = (fx: Fixtures) => listActiveSessions(fx.people.member).some((s) => s.id === fx.portal.memberOtherSessionId);
const memberNotificationUnread = (fx: Fixtures) =>
  listNotifications(fx.people.member).notifications.find((n) => n.id === fx.portal.memberNotificationId)?.readAt === null;
const memberFeedTokenActive = (fx: Fixtures) => listFeedTokens(fx.people.member).some((t) => t.id === fx.portal.memberFeedTokenId);

export const accountRoutes: Table = {
  //                            anon  obs   obs+  other member gmod  pmod  admin
  "routes/konto.passwort": {
    loader: { page: { all: SIGNED_IN } },
    action: {
      change: {
        all: SIGNED_IN,
        form: (fx) => ({ currentPassword: fx.actor.password, password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD }),
      },
    },
  },
  "routes/konto.benachrichtigungen": {
    loader: { page: { all: SIGNED_IN } },
    action: {
      save: { all: SIGNED_IN, form: () => Object.fromEntries(notificationKinds.map((k) => [k, "portal"])) },
    },
  },
  "routes/konto.sitzungen": {
    loader: { page: { all: SIGNED_IN } },
    action: {
      // Another user's session id ends nothing (the user id is in the where clause).
      end: {
        all:                   "login 2xx   2xx   2xx   2xx*  2xx   2xx   2xx",
        form: (fx) => ({ intent: "end", sessionId: fx.portal.memberOtherSessionId }),
        probe: memberSessionAlive,
      },
      "end-others": {
        all:                   "login 2xx   2xx   2xx   2xx*  2xx   2xx   2xx",
        form: () => ({ intent: "end-others" }),
        probe: memberSessionAlive,
      },
      "create-feed-token": {
        all: SIGNED_IN,
        form: () => ({ intent: "create-feed-token", label: "Neuer Leser" }),
      },
      "revoke-feed-token": {
        all:                   "login 404   404   404   2xx*  404   404   404",
        form: (fx) => ({ intent: "revoke-feed-token", tokenId: String(fx.portal.memberFeedTokenId) }),
        probe: memberFeedTokenActive,
      },
    },
  },
  "routes/benachrichtigungen._index": {
    loader: { page: { all: SIGNED_IN } },
    action: {
      read: {
        all:                   "login 404   404   404   2xx*  404   404   404",
        form: (fx) => ({ intent: "read", notificationId: String(fx.portal.memberNotificationId) }),
        probe: memberNotificationUnread,
      },
      "read-all": {
        all:                   "login 2xx   2xx   2xx   2xx*  2xx   2xx   2xx",
        form: () => ({ intent: "read-all" }),
        probe: memberNotificationUnread,
      },
    },
  },
  "routes/benachrichtigungen.$id.oeffnen": {
    params: (fx) => ({ id: String(fx.portal.memberNotificationId) }),
    loader: {
      page: {
        all:                   "login 404   404   404   redir* 404  404   404",
        probe: memberNotificationUnread,
      },
    },
  },
  // Feeds: the token in the path is the credential; "anon" holds a well-formed token nobody has.
  "routes/feeds.$token.empfehlungen[.atom]": {
    params: (fx) => ({ token: fx.actor.feedToken }),
    loader: { feed: { all:     "404   2xx   2xx   2xx   2xx   2xx   2xx   2xx" } },
  },
  "routes/feeds.$token.fortschritt[.json]": {
    params: (fx) => ({ token: fx.actor.feedToken }),
    loader: { feed: { all:     "404   2xx   2xx   2xx   2xx   2xx   2xx   2xx" } },
  },
  "routes/feeds.$token.gruppen.$file": {
    params: (fx) => ({ token: fx.actor.feedToken, file: `${fx.group.slug}.atom` }),
    loader: {
      feed: {
        intern:                "404   2xx   2xx   2xx   2xx   2xx   2xx   2xx",
        vertraulich:           "404   404   2xx   404   2xx   2xx   404   2xx",
        archiviert:            "404   2xx   2xx   2xx   2xx   2xx   2xx   2xx",
      },
    },
  },
};
