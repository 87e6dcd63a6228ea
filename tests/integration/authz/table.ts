import type { Fixtures } from "./world";

/**
 * The shape of the authorization matrix's expected table (expected/*.ts).
 *
 * Columns, in this order, in every grid:
 *   anon    signed out (for the feed routes: an unknown feed token)
 *   obs     observer without a grant for the group
 *   obs+    observer with an observer grant for the group
 *   other   member of another group only
 *   member  group member (group role "member")
 *   gmod    group moderation (group role "moderation", global role member)
 *   pmod    portal moderator (global role "moderator", not in the group)
 *   admin   admin (not in the group)
 *
 * Rows, per group kind: intern (active), vertraulich (active), archiviert
 * (intern, archived). A case that does not depend on a group gives one grid
 * under `all` and runs once.
 *
 * Cells: "2xx"; "login" (the guard's redirect to /anmelden?redirectTo=…);
 * "redir" (any other redirect); or the status of a refusal: 400, 403, 404,
 * 405, 409, … A "*" after the cell: the case's probe saw the state it
 * targets change (a success that changed nothing, or a refusal that changed
 * something, shows as a mismatch).
 */
export const ROLES = ["anon", "obs", "obs+", "other", "member", "gmod", "pmod", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const KINDS = ["intern", "vertraulich", "archiviert"] as const;
export type Kind = (typeof KINDS)[number];

/** Eight cells separated by spaces, one per role in ROLES order. */
export type Grid = string;
export type Grids = { all: Grid } | Record<Kind, Grid>;

type FieldValues = Record<string, string | string[]>;

export type Case = Grids & {
  /** The urlencoded form of an action (the intent included), built from the fixtures. */
  form?: (fx: Fixtures) => FieldValues;
  /** A multipart form instead (uploads). */
  multipart?: (fx: Fixtures) => FormData;
  /** Search parameters of the URL. */
  query?: (fx: Fixtures) => FieldValues;
  /** Route parameters beyond the entry's (e.g. another group's document id). */
  params?: (fx: Fixtures) => Record<string, string>;
  /** State this case needs that belongs to the acting user (an own request, an own invitation); runs on a fresh database. */
  setup?: (fx: Fixtures) => void;
  /** The state the request targets, read before and after the call; a change marks the cell with "*". */
  probe?: (fx: Fixtures) => unknown;
  /**
   * The case's setup tells the role of the group (an invitation names it): its title in the answer is
   * theirs to see, so the leak check does not apply. Everything else the answer shows is still compared.
   */
  toldOfGroup?: true;
  /** Why a row is expected to fail until a fix lands (an issue finding), shown with a mismatch. */
  finding?: string;
};

export type RouteEntry = {
  /** Route parameters that are not slug, docId, threadId or materialId of the group under test. */
  params?: (fx: Fixtures) => Record<string, string>;
  /** Cases of the loader (usually one, "page"), and variants with other ids. */
  loader?: Record<string, Case>;
  /** Cases of the action: one per intent it multiplexes (the case name is the intent, or intent:variant). */
  action?: Record<string, Case>;
};

export type Table = Record<string, RouteEntry>;

const CELL = /^(2xx|login|redir|[45]\d\d)\*?$/;

/** The cells of a grid by role; throws on a grid that is not eight valid cells. */
export function parseGrid(grid: Grid): Record<Role, string> {
  const cells = grid.trim().split(/\s+/);
  if (cells.length !== ROLES.length || !cells.every((c) => CELL.test(c))) {
    throw new Error(`Grid "${grid}" must have ${ROLES.length} cells (${ROLES.join(" ")}), each 2xx, login, redir or a status, optionally with "*"`);
  }
  return Object.fromEntries(ROLES.map((role, i) => [role, cells[i]])) as Record<Role, string>;
}

/** The group kinds a case runs against, with the grid of each. */
export function gridsOf(c: Case): [Kind, Grid][] {
  if ("all" in c) return [["intern", c.all]];
  return KINDS.map((kind) => [kind, (c as Record<Kind, Grid>)[kind]]);
}
