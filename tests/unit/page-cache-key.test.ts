import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { dataVersion, isCacheablePath, pageCacheKey, type PageKeyParts } from "../../app/server/http/page-cache-key.server";

describe("isCacheablePath", () => {
  it.each(["/", "/gruppen", "/fortschritt", "/gruppen/digitales-rathaus"])("allows %s", (p) => {
    expect(isCacheablePath(p)).toBe(true);
  });
  it.each(["/gruppen/neu", "/gruppen/x/diskussion", "/gruppen/x/dokumente/3", "/gruppen/", "/themen", "/fortschritt/bericht", "/konto/sitzungen", "/aktivitaet"])(
    "leaves out %s",
    (p) => expect(isCacheablePath(p)).toBe(false),
  );
});

describe("pageCacheKey", () => {
  const base: PageKeyParts = { userId: 1, sessionId: "s1", method: "GET", url: "/", dataVersion: "1.0", now: 120_000, buildVersion: "b1" };
  it("changes with each part that decides what the page shows", () => {
    const key = pageCacheKey(base);
    for (const change of [
      { userId: 2 },
      { sessionId: "s2" },
      { method: "HEAD" },
      { url: "/?_data=root" },
      { dataVersion: "1.1" },
      { now: 180_000 },
      { buildVersion: "b2" },
    ]) {
      expect(pageCacheKey({ ...base, ...change }), JSON.stringify(change)).not.toBe(key);
    }
  });
  it("stays the same within one minute", () => {
    expect(pageCacheKey({ ...base, now: 179_999 })).toBe(pageCacheKey(base));
  });
});

describe("dataVersion", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("changes on this connection's writes and on commits by another connection, not on reads or no-op writes", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "page-cache-key-"));
    const file = path.join(dir, "t.db");
    const mine = new Database(file);
    mine.pragma("journal_mode = WAL");
    mine.exec("create table t (x integer)");
    const other = new Database(file);
    try {
      const v0 = dataVersion(mine);
      mine.prepare("select * from t").all();
      mine.prepare("update t set x = 1 where 0").run();
      expect(dataVersion(mine)).toBe(v0);
      mine.prepare("insert into t values (1)").run();
      const v1 = dataVersion(mine);
      expect(v1).not.toBe(v0);
      other.prepare("update t set x = 2").run();
      const v2 = dataVersion(mine);
      expect(v2).not.toBe(v1);
      // A transaction in another connection counts once it commits.
      other.exec("begin immediate; delete from t");
      expect(dataVersion(mine)).toBe(v2);
      other.exec("commit");
      expect(dataVersion(mine)).not.toBe(v2);
    } finally {
      other.close();
      mine.close();
    }
  });
});
