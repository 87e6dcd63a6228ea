import type Database from "better-sqlite3";

/**
 * What a batch of requests changed in the database, row by row, and whether
 * each changed row belongs to the part of the data the batch was allowed to
 * touch. Tables derived from others (the search index, search_*) and
 * SQLite's own bookkeeping are left out: a change there follows a change in
 * a table that is compared.
 */
type Row = Record<string, unknown>;
export type Snapshot = Map<string, Map<number, { json: string; row: Row }>>;
export type RowChange = { table: string; rowid: number; kind: "inserted" | "updated" | "deleted"; before?: Row; after?: Row };
type ForeignKey = { from: string; table: string; to: string };

const skipped = (name: string) => name.startsWith("sqlite_") || name.startsWith("search_") || name.startsWith("__drizzle");

function comparedTables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[])
    .map((t) => t.name)
    .filter((name) => !skipped(name));
}

const cell = (_key: string, value: unknown) => (Buffer.isBuffer(value) ? value.toString("base64") : value);

export function takeSnapshot(db: Database.Database): Snapshot {
  const snapshot: Snapshot = new Map();
  for (const table of comparedTables(db)) {
    const rows = new Map<number, { json: string; row: Row }>();
    for (const row of db.prepare(`SELECT rowid AS "__rowid", * FROM "${table}"`).all() as Row[]) {
      const { __rowid, ...rest } = row;
      rows.set(Number(__rowid), { json: JSON.stringify(rest, cell), row: rest });
    }
    snapshot.set(table, rows);
  }
  return snapshot;
}

export function diffSnapshots(before: Snapshot, after: Snapshot): RowChange[] {
  const changes: RowChange[] = [];
  for (const [table, rowsAfter] of after) {
    const rowsBefore = before.get(table) ?? new Map();
    for (const [rowid, a] of rowsAfter) {
      const b = rowsBefore.get(rowid);
      if (!b) changes.push({ table, rowid, kind: "inserted", after: a.row });
      else if (b.json !== a.json) changes.push({ table, rowid, kind: "updated", before: b.row, after: a.row });
    }
    for (const [rowid, b] of rowsBefore) if (!rowsAfter.has(rowid)) changes.push({ table, rowid, kind: "deleted", before: b.row });
  }
  return changes;
}

function foreignKeys(db: Database.Database): Map<string, ForeignKey[]> {
  return new Map(comparedTables(db).map((table) => [table, db.prepare(`PRAGMA foreign_key_list("${table}")`).all() as ForeignKey[]]));
}

/**
 * The rows of one world: every row that points (through a foreign key, at
 * any distance) at one of the seed users or groups, and rows inserted in
 * this batch that such a row points at (a user created by accepting the
 * world's invitation). Returned as "table:rowid" keys.
 */
export function worldRows(db: Database.Database, snapshot: Snapshot, seeds: Record<string, number[]>, inserted: Set<string>): Set<string> {
  const fks = foreignKeys(db);
  const ids = new Map<string, Set<unknown>>(Object.entries(seeds).map(([table, list]) => [table, new Set<unknown>(list)]));
  const idsOf = (table: string) => ids.get(table) ?? ids.set(table, new Set()).get(table)!;
  const idOf = (row: Row, rowid: number) => row.id ?? rowid;
  const member = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    // What the world's rows point at: "table:id".
    const pointedAt = new Set<string>();
    for (const [table, rows] of snapshot) {
      const keys = fks.get(table) ?? [];
      for (const [rowid, { row }] of rows) {
        const key = `${table}:${rowid}`;
        const belongs = member.has(key) || idsOf(table).has(idOf(row, rowid)) || keys.some((fk) => row[fk.from] != null && ids.get(fk.table)?.has(row[fk.from]));
        if (!belongs) continue;
        if (!member.has(key)) {
          member.add(key);
          idsOf(table).add(idOf(row, rowid));
          grew = true;
        }
        for (const fk of keys) if (row[fk.from] != null) pointedAt.add(`${fk.table}:${row[fk.from]}`);
      }
    }
    // A row inserted in this batch that a world row points at (a user made by accepting the world's invitation).
    for (const key of inserted) {
      if (member.has(key)) continue;
      const [table, rowid] = [key.slice(0, key.lastIndexOf(":")), Number(key.slice(key.lastIndexOf(":") + 1))];
      const row = snapshot.get(table)?.get(rowid)?.row;
      if (row && pointedAt.has(`${table}:${idOf(row, rowid)}`)) {
        member.add(key);
        idsOf(table).add(idOf(row, rowid));
        grew = true;
      }
    }
  }
  return member;
}

/**
 * The changes a batch was not allowed to make: rows outside its world, or
 * in tables its form does not write. `writes` null: nothing may change but
 * the world's own sessions (used, so their last-use time moves).
 */
export function forbiddenChanges(
  db: Database.Database,
  before: Snapshot,
  after: Snapshot,
  seeds: Record<string, number[]>,
  writes: readonly string[] | null,
): RowChange[] {
  const changes = diffSnapshots(before, after);
  if (changes.length === 0) return [];
  const inserted = new Set(changes.filter((c) => c.kind === "inserted").map((c) => `${c.table}:${c.rowid}`));
  const worldBefore = worldRows(db, before, seeds, new Set());
  const worldAfter = worldRows(db, after, seeds, inserted);
  const allowedTables = new Set([...(writes ?? []), "sessions"]);
  return changes.filter((c) => {
    const key = `${c.table}:${c.rowid}`;
    const inWorld = c.kind === "deleted" ? worldBefore.has(key) : worldAfter.has(key);
    return !inWorld || !allowedTables.has(c.table);
  });
}

/** A changed row in a line, for a failure message. */
export function describeChange(c: RowChange): string {
  const show = (row?: Row) => (row ? JSON.stringify(row, cell).slice(0, 300) : "");
  return `${c.kind} ${c.table}#${c.rowid} ${show(c.before)} → ${show(c.after)}`;
}

/**
 * A snapshot once the server's background work (mails sent after a
 * request, for one) has come to rest: two snapshots in a row that agree.
 */
export async function settledSnapshot(db: Database.Database, withinMs = 20_000): Promise<Snapshot> {
  const deadline = Date.now() + withinMs;
  let previous = takeSnapshot(db);
  for (;;) {
    await new Promise((r) => setTimeout(r, 50));
    const current = takeSnapshot(db);
    if (diffSnapshots(previous, current).length === 0) return current;
    if (Date.now() > deadline) throw new Error(`the database kept changing for ${withinMs / 1000} s after the requests`);
    previous = current;
  }
}
