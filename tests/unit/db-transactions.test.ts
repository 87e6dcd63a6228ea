import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/client.server";

/**
 * Two connections to one file, as the server's loop and its writer thread,
 * or the server and `npm run digest`. A transaction that reads and then
 * writes must not fail because the other connection committed in between
 * (db/client.server.ts, withImmediateTransactions). Within one thread the
 * other connection cannot wait for the lock, so its busy timeout is 0 here
 * and "it waits" shows as "it is refused while the transaction runs".
 */
let dir: string;
let mine: Db;
let other: Db;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-portal-tx-"));
  const file = path.join(dir, "portal.db");
  mine = openDatabase(file);
  other = openDatabase(file);
  other.$client.pragma("busy_timeout = 0");
  mine.$client.exec(
    "CREATE TABLE claims (id INTEGER PRIMARY KEY, who TEXT NOT NULL)"
  );
});
afterEach(() => {
  mine.$client.close();
  other.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** drizzle wraps the SqliteError; its code says which lock failed. */
const sqliteCode = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.cause?.code ?? e?.code;
};
const count = (db: Pick<Db, "get">) =>
  db.get<{ n: number }>(sql`SELECT count(*) AS n FROM claims`).n;

describe("transactions of db/client.server.ts", () => {
  it("take the write lock before their first read, so a commit in between waits instead of breaking them", () => {
    let otherWrite: unknown = null;
    mine.transaction((tx) => {
      expect(count(tx)).toBe(0);
      try {
        other.run(sql`INSERT INTO claims (who) VALUES ('Digest')`);
      } catch (error) {
        otherWrite = error;
      }
      tx.run(sql`INSERT INTO claims (who) VALUES ('Server')`);
    });
    expect(sqliteCode(otherWrite)).toBe("SQLITE_BUSY");
    expect(mine.all<{ who: string }>(sql`SELECT who FROM claims`)).toEqual([
      { who: "Server" },
    ]);
    // The refused writer succeeds once the transaction has committed.
    other.run(sql`INSERT INTO claims (who) VALUES ('Digest')`);
    expect(count(mine)).toBe(2);
  });

  it("would fail with SQLITE_BUSY_SNAPSHOT as DEFERRED: the reason for the default", () => {
    let failure: unknown = null;
    try {
      mine.transaction(
        (tx) => {
          expect(count(tx)).toBe(0);
          other.run(sql`INSERT INTO claims (who) VALUES ('Digest')`);
          tx.run(sql`INSERT INTO claims (who) VALUES ('Server')`);
        },
        { behavior: "deferred" }
      );
    } catch (error) {
      failure = error;
    }
    expect(sqliteCode(failure)).toBe("SQLITE_BUSY_SNAPSHOT");
    expect(count(mine)).toBe(1);
  });

  it("nest as savepoints: an inner failure undoes only the inner part", () => {
    mine.transaction(() => {
      mine.run(sql`INSERT INTO claims (who) VALUES ('außen')`);
      expect(() =>
        mine.transaction(() => {
          mine.run(sql`INSERT INTO claims (who) VALUES ('innen')`);
          throw new Error("innen gescheitert");
        })
      ).toThrow("innen gescheitert");
    });
    expect(mine.all<{ who: string }>(sql`SELECT who FROM claims`)).toEqual([
      { who: "außen" },
    ]);
  });
});
