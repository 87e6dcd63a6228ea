import type { Grids, RouteEntry } from "../table";

/**
 * The four grids most group routes follow, each written once from
 * app/auth/permissions.ts; `ok` is the cell of an allowed call (2xx, redir,
 * or with "*" when the case probes its target). Rows that differ are written
 * out in full where they are used.
 *
 * Everywhere: signed out → login; a vertraulich group someone may not read
 * (observer without grant, member of another group, portal moderator) → 404,
 * as if it did not exist; any other refusal → 403.
 */
//                              anon  obs   obs+  other member gmod  pmod  admin

/** Public: anyone, signed in or not. */
export const PUBLIC =          "2xx   2xx   2xx   2xx   2xx   2xx   2xx   2xx";
/** Every signed-in user (read:portal, read:progress, manage:own-account, the topic intake). */
export const SIGNED_IN =       "login 2xx   2xx   2xx   2xx   2xx   2xx   2xx";
/** Admin and portal moderator (create:group, list:invitations, triage:topic). */
export const PORTAL_MODERATION = "login 403   403   403   403   403   2xx   2xx";

/** A route whose only server code is a loader that is the same for every group kind. */
export const page = (grid: string): RouteEntry => ({ loader: { page: { all: grid } } });

/** read:group (and read:thread, follow:group). */
export const READ = (ok: string): Grids => ({
  intern:                      `login ${ok}   ${ok}   ${ok}   ${ok}   ${ok}   ${ok}   ${ok}`,
  vertraulich:                 `login 404   ${ok}   404   ${ok}   ${ok}   404   ${ok}`,
  archiviert:                  `login ${ok}   ${ok}   ${ok}   ${ok}   ${ok}   ${ok}   ${ok}`,
});

/** Members write (create:thread, reply:thread, create:document, edit:document, upload:material); archived groups are read-only. */
export const WRITE = (ok: string): Grids => ({
  intern:                      `login 403   403   403   ${ok}   ${ok}   403   403`,
  vertraulich:                 `login 404   403   404   ${ok}   ${ok}   404   403`,
  archiviert:                  "login 403   403   403   403   403   403   403",
});

/** manage:members and edit:group: admin, portal moderator or the group moderation; not archived. */
export const MANAGE = (ok: string): Grids => ({
  intern:                      `login 403   403   403   403   ${ok}   ${ok}   ${ok}`,
  vertraulich:                 `login 404   403   404   403   ${ok}   404   ${ok}`,
  archiviert:                  "login 403   403   403   403   403   403   403",
});

/** moderate:thread, set-status:document, delete:document: admin or the group moderation (not the portal moderator); not archived. */
export const MODERATE = (ok: string): Grids => ({
  intern:                      `login 403   403   403   403   ${ok}   403   ${ok}`,
  vertraulich:                 `login 404   403   404   403   ${ok}   404   ${ok}`,
  archiviert:                  "login 403   403   403   403   403   403   403",
});

/** What the rules give no role (an adopted text, a locked thread's posts); the vertraulich group stays hidden from who may not read it. */
export const NOBODY: Grids = {
  intern:                      "login 403   403   403   403   403   403   403",
  vertraulich:                 "login 404   403   404   403   403   404   403",
  archiviert:                  "login 403   403   403   403   403   403   403",
};
