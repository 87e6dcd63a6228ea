import { getGroupAccessById, getGroupWithAccess } from "~/models/group.server";
import type { Fixtures } from "../world";
import type { Table } from "../table";
import { MANAGE, READ } from "./patterns";

/**
 * The group frame and its settings (app/auth/permissions.ts):
 * read:group: intern → every signed-in user; vertraulich → members, admins
 * and observers with a grant (a portal moderator outside the group too gets
 * 404: confidential groups do not reveal that they exist);
 * edit:group (description, goals, milestones): not archived, admin,
 * moderator or the group moderation;
 * change-identity:group (title, slug, Loge) and change-visibility:group:
 * not archived, admin and moderator only; a form that carries such a field
 * from someone else is refused whole (403), even with the value unchanged;
 * archive:group (status): admin and moderator only;
 * follow:group: whoever may read the group.
 */
const groupState = (fx: Fixtures) => {
  const found = getGroupAccessById(fx.group.id, { id: fx.people.founder, role: "member" })!;
  return found.group;
};
const visibility = (fx: Fixtures) => groupState(fx).visibility;
const title = (fx: Fixtures) => groupState(fx).title;
const description = (fx: Fixtures) => getGroupWithAccess(fx.group.slug, { id: fx.people.founder, role: "member" })!.group.description;

function editForm(fx: Fixtures, changedVisibility: boolean) {
  const flipped = fx.group.visibility === "intern" ? "vertraulich" : "intern";
  return {
    title: `Matrix ${fx.group.slug} überarbeitet`,
    slug: fx.group.slug,
    description: "Neue Beschreibung der Gruppe für die Matrix.",
    goals: "Neue Ziele.",
    visibility: changedVisibility ? flipped : fx.group.visibility,
  };
}

export const groupPageRoutes: Table = {
  //                            anon  obs   obs+  other member gmod  pmod  admin
  "routes/gruppen.$slug": {
    loader: { page: READ("2xx") },
  },
  "routes/gruppen.$slug.aktivitaet": {
    loader: { page: READ("2xx") },
  },
  "routes/gruppen.$slug.folgen": {
    // A GET only goes back to the group; following is for whoever may read the group.
    loader: { page: READ("redir") },
    action: {
      follow: { ...READ("redir"), form: () => ({ intent: "follow" }) },
      unfollow: { ...READ("redir"), form: () => ({ intent: "unfollow" }) },
    },
  },
  "routes/gruppen.$slug.bearbeiten": {
    // Opens for edit:group or archive:group.
    loader: {
      page: {
        intern:                "login 403   403   403   403   2xx   2xx   2xx",
        vertraulich:           "login 404   403   404   403   2xx   404   2xx",
        archiviert:            "login 403   403   403   403   403   2xx   2xx",
      },
    },
    action: {
      status: {
        intern:                "login 403   403   403   403   403   2xx   2xx",
        vertraulich:           "login 404   403   404   403   403   404   2xx",
        archiviert:            "login 403   403   403   403   403   2xx   2xx",
        form: () => ({ intent: "status", status: "abgeschlossen" }),
      },
      // The whole form (title, slug, description, goals; the visibility as it is): admin and portal moderator.
      edit: {
        intern:                "login 403   403   403   403   403   redir* redir*",
        vertraulich:           "login 404   403   404   403   403   404   redir*",
        archiviert:            "login 403   403   403   403   403   403   403",
        form: (fx) => editForm(fx, false),
        probe: title,
      },
      // What the group moderation's form sends: description and goals only (for admin and portal
      // moderator it lacks the title their form requires: 400).
      "edit:content": {
        intern:                "login 403   403   403   403   redir* 400  400",
        vertraulich:           "login 404   403   404   403   redir* 404  400",
        archiviert:            "login 403   403   403   403   403   403   403",
        form: () => ({ description: "Nur die Beschreibung, von der Gruppenmoderation.", goals: "Ziele der Gruppe." }),
        probe: description,
      },
      // Field level: the same form with the visibility changed needs archive:group.
      "edit:visibility": {
        intern:                "login 403   403   403   403   403   redir* redir*",
        vertraulich:           "login 404   403   404   403   403   404   redir*",
        archiviert:            "login 403   403   403   403   403   403   403",
        form: (fx) => editForm(fx, true),
        probe: visibility,
      },
    },
  },
};
