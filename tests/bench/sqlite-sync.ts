/**
 * SQLite's synchronous=NORMAL vs FULL in WAL mode, for the co-editing log:
 * commit latency of one transaction that appends a batch of Yjs-sized
 * updates, as doc-sync does once per event-loop turn. Run:
 * `tsx tests/bench/sqlite-sync.ts` (result in docs/decisions/004-…).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const COMMITS = Number(process.env.SYNC_COMMITS ?? 2000);

function measure(mode: "NORMAL" | "FULL", batch: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-sync-"));
  const db = new Database(path.join(dir, "bench.db"));
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${mode}`);
  db.exec("CREATE TABLE doc_updates (id INTEGER PRIMARY KEY AUTOINCREMENT, document_id INTEGER, update_bytes BLOB, created_at INTEGER)");
  const insert = db.prepare("INSERT INTO doc_updates (document_id, update_bytes, created_at) VALUES (?, ?, ?)");
  const payload = Buffer.alloc(40, 7); // a typed character is a few dozen bytes as a Yjs update
  const commit = db.transaction(() => {
    for (let i = 0; i < batch; i++) insert.run(1, payload, Date.now());
  });
  const times: number[] = [];
  for (let i = 0; i < COMMITS; i++) {
    const t = process.hrtime.bigint();
    commit();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return { mode, batch, p50: q(0.5), p95: q(0.95), p99: q(0.99), perSecond: Math.round(1000 / (times.reduce((a, b) => a + b, 0) / times.length)) };
}

const rows = [];
for (const batch of [1, 10]) for (const mode of ["NORMAL", "FULL"] as const) for (let run = 0; run < 3; run++) rows.push({ run, ...measure(mode, batch) });
console.log("| mode | batch | run | p50 ms | p95 ms | p99 ms | commits/s |");
console.log("|---|---|---|---|---|---|---|");
for (const r of rows) console.log(`| ${r.mode} | ${r.batch} | ${r.run + 1} | ${r.p50.toFixed(3)} | ${r.p95.toFixed(3)} | ${r.p99.toFixed(3)} | ${r.perSecond} |`);
