import type { Table } from "../table";
import { PORTAL_MODERATION, PUBLIC, SIGNED_IN, page } from "./patterns";

/**
 * Portal-wide pages (no group in the path), from app/auth/permissions.ts:
 * read:portal, read:progress, manage:own-account, propose/support/comment
 * topics: every signed-in user; create:group, list:invitations,
 * triage:topic: admin and moderator; list:users, deactivate:user: admin
 * (never themselves); invite:user: moderators only members and observers.
 */
export const NEW_PASSWORD = "Neues-Matrix-Passwort-2025!";

export const portalRoutes: Table = {
  //                            anon  obs   obs+  other member gmod  pmod  admin
  root: page(PUBLIC),
  "routes/$": {
    params: () => ({ "*": "gibt-es-nicht" }),
    loader: { page: { all:     "404   404   404   404   404   404   404   404" } },
    action: { post: { all:     "404   404   404   404   404   404   404   404", form: () => ({}) } },
  },
  "routes/_index": page(PUBLIC),
  "routes/impressum": page(PUBLIC),
  "routes/datenschutz": page(PUBLIC),
  "routes/barrierefreiheit": page(PUBLIC),
  "routes/anmelden": {
    // Signed in: the login page sends on; logging in (again) is anyone's right.
    loader: { page: { all:     "2xx   redir redir redir redir redir redir redir" } },
    action: {
      login: {
        all:                   "redir redir redir redir redir redir redir redir",
        form: (fx) => ({ email: fx.portal.memberLogin.email, password: fx.portal.memberLogin.password }),
      },
    },
  },
  "routes/abmelden": {
    loader: { page: { all:     "redir redir redir redir redir redir redir redir" } },
    action: { logout: { all:   "redir redir redir redir redir redir redir redir", form: () => ({}) } },
  },
  "routes/einladung.$token": {
    // The link is the credential: whoever holds it may see and accept the invitation.
    params: (fx) => ({ token: fx.portal.memberInvitation.token }),
    loader: { page: { all: PUBLIC } },
    action: {
      accept: {
        all:                   "redir redir redir redir redir redir redir redir",
        form: () => ({ displayName: "Neue Person", password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD }),
      },
    },
  },
  "routes/einladungen": {
    loader: { page: { all: PORTAL_MODERATION } },
    action: {
      "invite:member": {
        all: PORTAL_MODERATION,
        form: () => ({ intent: "invite", email: "matrix.neu@test.example", role: "member" }),
      },
      // Only admins hand out moderation or admin rights.
      "invite:moderator": {
        all:                   "login 403   403   403   403   403   403   2xx",
        form: () => ({ intent: "invite", email: "matrix.neu@test.example", role: "moderator" }),
      },
      "revoke:member": {
        all: PORTAL_MODERATION,
        form: (fx) => ({ intent: "revoke", invitationId: String(fx.portal.memberInvitation.id) }),
      },
      "revoke:admin": {
        all:                   "login 403   403   403   403   403   403   2xx",
        form: (fx) => ({ intent: "revoke", invitationId: String(fx.portal.adminInvitationId) }),
      },
    },
  },
  "routes/verwaltung.benutzer": {
    loader: { page: { all:     "login 403   403   403   403   403   403   2xx" } },
    action: {
      deactivate: {
        all:                   "login 403   403   403   403   403   403   2xx",
        form: (fx) => ({ intent: "deactivate", userId: String(fx.people.requester) }),
      },
      reactivate: {
        all:                   "login 403   403   403   403   403   403   2xx",
        form: (fx) => ({ intent: "reactivate", userId: String(fx.people.requester) }),
      },
      // An admin cannot lock themselves out.
      "deactivate:self": {
        all:                   "login 403   403   403   403   403   403   403",
        form: (fx) => ({ intent: "deactivate", userId: String(fx.actor.id ?? fx.people.requester) }),
      },
      "set-role": {
        all:                   "login 403   403   403   403   403   403   2xx",
        form: (fx) => ({ intent: "set-role", userId: String(fx.people.requester), role: "observer" }),
      },
      // Nor take away their own administration.
      "set-role:self": {
        all:                   "login 403   403   403   403   403   403   403",
        form: (fx) => ({ intent: "set-role", userId: String(fx.actor.id ?? fx.people.requester), role: "member" }),
      },
    },
  },
  "routes/gruppen._index": page(SIGNED_IN),
  "routes/gruppen.neu": {
    loader: { page: { all: PORTAL_MODERATION } },
    action: {
      create: {
        all:                   "login 403   403   403   403   403   redir redir",
        form: () => ({ title: "Neue Matrix-Gruppe", description: "Eine neue Gruppe für die Matrix.", visibility: "intern" }),
      },
    },
  },
  "routes/suche": {
    loader: { page: { all: SIGNED_IN, query: () => ({ q: "Matrix" }) } },
  },
  "routes/aktivitaet": page(SIGNED_IN),
  "routes/fortschritt._index": page(SIGNED_IN),
  "routes/fortschritt_.bericht": {
    loader: { page: { all: SIGNED_IN } },
    action: {
      // Choosing a group one may not read is refused like an unknown one.
      "choose-group": {
        intern:                "login redir redir redir redir redir redir redir",
        vertraulich:           "login 400   redir 400   redir redir 400   redir",
        archiviert:            "login redir redir redir redir redir redir redir",
        form: (fx) => ({ umfang: "auswahl", gruppen: String(fx.group.id), format: "csv" }),
      },
    },
  },
  "routes/fortschritt_.bericht.datei": {
    // Groups the user may not read are left out of the file, not refused.
    loader: {
      file: {
        intern: SIGNED_IN,
        vertraulich: SIGNED_IN,
        archiviert: SIGNED_IN,
        query: (fx) => ({ umfang: "auswahl", gruppen: String(fx.group.id), format: "csv" }),
      },
    },
  },
  "routes/themen._index": {
    loader: { page: { all: SIGNED_IN } },
    action: {
      support: {
        all: SIGNED_IN,
        form: (fx) => ({ intent: "support", proposalId: String(fx.portal.proposalId) }),
      },
    },
  },
  "routes/themen.neu": {
    loader: { page: { all: SIGNED_IN } },
    action: {
      propose: {
        all:                   "login redir redir redir redir redir redir redir",
        form: () => ({ title: "Offene Schnittstellen", description: "Ein Vorschlag aus der Matrix." }),
      },
    },
  },
  "routes/themen.$id": {
    params: (fx) => ({ id: String(fx.portal.proposalId) }),
    loader: { page: { all: SIGNED_IN } },
    action: {
      support: { all: SIGNED_IN, form: () => ({ intent: "support" }) },
      comment: { all: SIGNED_IN, form: () => ({ intent: "comment", body: "Guter Vorschlag." }) },
      "triage:review": {
        all: PORTAL_MODERATION,
        form: () => ({ intent: "triage", to: "in_pruefung" }),
      },
      // Merging names a group: one the moderator may not read is refused like an unknown one.
      "triage:merge": {
        intern: PORTAL_MODERATION,
        vertraulich:           "login 403   403   403   403   403   400   2xx",
        archiviert: PORTAL_MODERATION,
        form: (fx) => ({ intent: "triage", to: "zusammengefuehrt", groupId: String(fx.group.id) }),
      },
    },
  },
};
