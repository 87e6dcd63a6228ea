import type Database from "better-sqlite3";

/**
 * What makes two requests "the same page" for the rendered-page cache
 * (docs/decisions/007-rendered-page-cache.md). The key changes whenever
 * anything the page shows could have changed, so nothing is ever invalidated
 * by hand.
 */

/** Relative dates, "overdue" and "today" may be this stale at most. */
export const TIME_BUCKET_MS = 60_000;

// `/gruppen/neu` is the form for a new group, not a group overview.
const GROUP_OVERVIEW = /^\/gruppen\/(?!neu$)[^/]+$/;

/**
 * Pages whose loaders read only the database, the signed-in user and the clock:
 * the signed-in home, the group list, a group's overview tab and the dashboard.
 * Pages that show in-memory state (document presence) or files stay out.
 */
export function isCacheablePath(pathname: string): boolean {
  return pathname === "/" || pathname === "/gruppen" || pathname === "/fortschritt" || GROUP_OVERVIEW.test(pathname);
}

type VersionStatements = { dataVersion: Database.Statement<[], number>; totalChanges: Database.Statement<[], number> };
const statements = new WeakMap<Database.Database, VersionStatements>();

/**
 * A value that differs after every committed write to the database file.
 * `PRAGMA data_version` changes when another connection (another process such
 * as `npm run digest`, or a second connection in this one) commits, but not for
 * this connection's own commits; `total_changes()` counts the rows this
 * connection inserted, updated or deleted (triggers included). Together they
 * cover every write. Both are read from prepared statements: a few microseconds.
 */
export function dataVersion(sqlite: Database.Database): string {
  let prepared = statements.get(sqlite);
  if (!prepared) {
    prepared = {
      dataVersion: sqlite.prepare<[], number>("PRAGMA data_version").pluck(),
      totalChanges: sqlite.prepare<[], number>("SELECT total_changes()").pluck(),
    };
    statements.set(sqlite, prepared);
  }
  return `${prepared.dataVersion.get()}.${prepared.totalChanges.get()}`;
}

export type PageKeyParts = {
  userId: number;
  sessionId: string;
  method: string;
  /** Path and query as requested: `?_data=…` and filters are different pages. */
  url: string;
  dataVersion: string;
  now: number;
  buildVersion: string;
};

/** The start of the time bucket `now` falls in; entries for it expire at its end. */
export function timeBucket(now: number): number {
  return Math.floor(now / TIME_BUCKET_MS) * TIME_BUCKET_MS;
}

export function pageCacheKey(parts: PageKeyParts): string {
  // Session as well as user: after logging out or in another browser, a page
  // rendered for one session (with its flash state) is never shown to another.
  return [
    parts.userId,
    parts.sessionId,
    parts.method,
    parts.url,
    parts.dataVersion,
    timeBucket(parts.now),
    parts.buildVersion,
  ].join("\n");
}
