/**
 * Full-text search at scale: 1,000,000 generated German posts (plus
 * documents) in the real schema with the real triggers, searched through
 * app/models/search.server.ts as a member of some groups, with 1–3 word
 * queries. Target: p95 ≤ 50 ms. A LIKE '%…%' scan over the same posts is
 * measured in the same run as the baseline.
 *
 * `npm run bench:search` — the database is built once into
 * data/bench/search-v2-<posts>.db (several minutes) and reused afterwards.
 * SEARCH_POSTS (default 1000000), SEARCH_RUNS (3), SEARCH_QUERIES (200 per run),
 * SEARCH_LIKE_QUERIES (the first 30 of them also as LIKE scan).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const POSTS = Number(process.env.SEARCH_POSTS ?? 1_000_000);
const RUNS = Number(process.env.SEARCH_RUNS ?? 3);
const QUERIES = Number(process.env.SEARCH_QUERIES ?? 200);
/** The LIKE baseline scans the table: measured on the first of the queries only, to keep a run short. */
const LIKE_QUERIES = Number(process.env.SEARCH_LIKE_QUERIES ?? 30);
const POSTS_PER_THREAD = 40;
const GROUPS = 60;
const DOCUMENTS = 3_000;
// "v2": the word-part index of migration 0007; a database built for the trigram index is not reused.
const dbFile = path.resolve(import.meta.dirname, `../../data/bench/search-v2-${POSTS}.db`);

process.env.DATABASE_PATH = dbFile;
process.env.LOG_LEVEL = "silent";

const { getDb, openDatabase } = await import("../../db/client.server");
const { applyMigrations } = await import("../../db/migrate.server");
const { search } = await import("../../app/models/search.server");
const { indexAllChangedRows } = await import("../../app/models/search-index.server");

// ── Generated German text: sentences from word lists, with compound words ──

const PREFIXES = ["Bürger", "Digital", "Online", "Verwaltungs", "Daten", "Melde", "Bau", "Gewerbe", "Rat", "Service", "Zugangs", "Akten", "Termin", "Steuer", "Sozial", "Fach", "Personal", "Haushalts", "Vergabe", "Schul", "Kita", "Wohn", "Grundsteuer", "Breitband", "Förder", "Straßen", "Wasser", "Umwelt", "Kommunal", "Landes"];
const STEMS = ["amt", "portal", "haus", "antrag", "verfahren", "gesetz", "konto", "leistung", "register", "schutz", "stelle", "plattform", "akte", "bescheid", "beratung", "planung", "verwaltung", "ordnung", "prüfung", "kasse", "büro", "dienst", "konzept", "strategie"];
const SUBJECTS = ["Die Kommune", "Unser Landratsamt", "Das Bürgerbüro", "Die Stadtverwaltung", "Der Zweckverband", "Die Arbeitsgruppe", "Das Ministerium", "Die Gemeinde", "Unser Fachbereich", "Die Geschäftsstelle"];
const VERBS = ["prüft", "plant", "führt ein", "verbessert", "digitalisiert", "beschreibt", "vereinfacht", "bewertet", "übernimmt", "testet"];
const ADVERBS = ["bis Ende des Jahres", "gemeinsam mit dem Landesrechenzentrum", "schrittweise", "im nächsten Quartal", "nach der Sommerpause", "mit wenig Aufwand", "für kleine Gemeinden", "ohne Medienbruch", "barrierefrei", "in drei Pilotkommunen"];
const EXTRAS = ["Wir brauchen dafür eine klare Zuständigkeit.", "Die Schnittstelle zum Fachverfahren fehlt noch.", "Datenschutz und Informationssicherheit sind geklärt.", "Das Onlinezugangsgesetz verlangt das ohnehin.", "Die Bürgerinnen und Bürger erwarten einfache Wege.", "Die Kosten trägt das Land zur Hälfte.", "Eine Schulung der Beschäftigten ist geplant.", "Offen ist, wer den Betrieb übernimmt."];

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T,>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
const compound = () => pick(PREFIXES) + pick(STEMS);
function sentence(): string {
  const s = `${pick(SUBJECTS)} ${pick(VERBS)} das ${compound()} ${pick(ADVERBS)}.`;
  return rand() < 0.5 ? `${s} ${pick(EXTRAS)}` : s;
}
const paragraph = (n: number) => Array.from({ length: n }, sentence).join(" ");

// ── Build (once) ────────────────────────────────────────────────────────────

function build() {
  const tmp = `${dbFile}.building`;
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  const started = performance.now();
  const db = openDatabase(tmp);
  applyMigrations(db);
  const sqlite = db.$client;
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -400000");
  const now = Date.now();
  const user = sqlite.prepare("insert into users (email, display_name, role, password_hash, created_at) values (?, ?, 'member', 'x', ?)");
  const group = sqlite.prepare("insert into groups (slug, title, description, goals, status, visibility, created_at, updated_at) values (?, ?, ?, ?, 'aktiv', ?, ?, ?)");
  const member = sqlite.prepare("insert into group_members (group_id, user_id, role, joined_at) values (?, ?, 'member', ?)");
  const thread = sqlite.prepare("insert into threads (group_id, author_id, title, created_at, last_post_at) values (?, ?, ?, ?, ?)");
  const post = sqlite.prepare("insert into posts (thread_id, author_id, body, body_text, created_at) values (?, ?, '{}', ?, ?)");
  const doc = sqlite.prepare("insert into documents (group_id, title, kind, status, created_by, created_at, updated_at) values (?, ?, 'empfehlung', 'entwurf', ?, ?, ?)");
  const content = sqlite.prepare("insert into document_contents (document_id, json, text, html, updated_at) values (?, '{}', ?, '', ?)");
  sqlite.transaction(() => {
    for (let u = 1; u <= 50; u++) user.run(`person${u}@bench.example`, `Person ${u}`, now);
    // Every sixth group is vertraulich; the searching person (user 1) is a member of every fourth group.
    for (let g = 1; g <= GROUPS; g++) {
      group.run(`gruppe-${g}`, `Arbeitsgruppe ${compound()} ${g}`, paragraph(2), paragraph(1), g % 6 === 0 ? "vertraulich" : "intern", now, now);
      member.run(g, 2 + (g % 40), now);
      if (g % 4 === 0) member.run(g, 1, now);
    }
    for (let d = 0; d < DOCUMENTS; d++) {
      const id = doc.run(1 + (d % GROUPS), `Empfehlung zum ${compound()}`, 2, now, now).lastInsertRowid;
      content.run(id, Array.from({ length: 8 }, () => paragraph(4)).join("\n\n"), now);
    }
  })();
  // Posts in chunks: one transaction each keeps the FTS5 pending data bounded.
  const CHUNK = 50_000;
  let threadId = 0;
  for (let done = 0; done < POSTS; done += CHUNK) {
    sqlite.transaction(() => {
      for (let i = done; i < Math.min(POSTS, done + CHUNK); i++) {
        if (i % POSTS_PER_THREAD === 0) threadId = Number(thread.run(1 + (i % GROUPS), 2, `Frage zum ${compound()}`, now, now).lastInsertRowid);
        post.run(threadId, 2 + (i % 48), paragraph(1 + Math.floor(rand() * 3)), now + i);
      }
    })();
    process.stdout.write(`  ${Math.min(POSTS, done + CHUNK).toLocaleString("de-DE")} Beiträge (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  fs.renameSync(tmp, dbFile);
  // The triggers filled search_docs and marked every row; the tokens are made as the server makes them.
  const indexing = performance.now();
  const live = getDb().$client;
  live.pragma("cache_size = -400000");
  indexAllChangedRows();
  live.exec("INSERT INTO search_fts(search_fts) VALUES('optimize')");
  live.pragma("wal_checkpoint(TRUNCATE)");
  console.log(`  Suchindex in ${((performance.now() - indexing) / 1000).toFixed(0)} s`);
  return (performance.now() - started) / 1000;
}

// ── Measure ─────────────────────────────────────────────────────────────────

const FIXED = ["rathaus", "zugang", "bürgeramt", "Buergerportal", "onlinezugangsgesetz", "Schnittstelle Fachverfahren", "breitbandplanung", "kita antrag", "Landratsamt prüft Grundsteuerbescheid", "zuständigkeit"];
function queries(n: number): string[] {
  const out = [...FIXED];
  const words = [...PREFIXES, ...STEMS.filter((s) => s.length >= 4), "Pilotkommunen", "Sommerpause", "Landesrechenzentrum", "Informationssicherheit", "Schulung", "Betrieb", "Medienbruch"];
  while (out.length < n) {
    const k = 1 + Math.floor(rand() * 3);
    out.push(Array.from({ length: k }, () => (rand() < 0.5 ? compound() : pick(words))).join(" "));
  }
  return out.slice(0, n);
}

/** The way without an index: LIKE '%…%' per term on posts and thread titles, same permission rule, newest first. */
function likeBaseline(sqlite: ReturnType<typeof getDb>["$client"], q: string) {
  const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
  const where = terms.map(() => "(p.body_text LIKE ? OR t.title LIKE ?)").join(" AND ");
  return sqlite
    .prepare(
      `SELECT p.id FROM posts p JOIN threads t ON t.id = p.thread_id
       WHERE p.deleted_at IS NULL AND p.hidden_at IS NULL AND ${where}
         AND t.group_id IN (SELECT g.id FROM groups g WHERE g.visibility = 'intern' OR EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id AND m.user_id = 1))
       ORDER BY p.id DESC LIMIT 21`,
    )
    .all(...terms.flatMap((t) => [`%${t}%`, `%${t}%`]));
}

const quantile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
function stats(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), p99: quantile(s, 0.99), max: s[s.length - 1] };
}

async function main() {
  let buildSeconds: number | null = null;
  if (!fs.existsSync(dbFile)) {
    console.log(`Baue ${dbFile} mit ${POSTS.toLocaleString("de-DE")} Beiträgen …`);
    buildSeconds = build();
  }
  const sqlite = getDb().$client;
  const counts = sqlite.prepare("SELECT (SELECT count(*) FROM posts) AS posts, (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM search_docs) AS indexed").get();
  const sizeMb = fs.statSync(dbFile).size / 1024 / 1024;
  const actor = { id: 1, role: "member" } as Parameters<typeof search>[0];
  const list = queries(QUERIES);
  // Warm-up: the page cache and prepared statements, as on a running server.
  for (const q of list.slice(0, 20)) search(actor, { q });
  const runs: { fts: ReturnType<typeof stats>; like: ReturnType<typeof stats>; hits: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const fts: number[] = [];
    const like: number[] = [];
    let hits = 0;
    for (const [i, q] of list.entries()) {
      let t = performance.now();
      const r = search(actor, { q });
      fts.push(performance.now() - t);
      if (r.ok && r.hits.length) hits++;
      if (i >= LIKE_QUERIES) continue;
      t = performance.now();
      likeBaseline(sqlite, q);
      like.push(performance.now() - t);
    }
    runs.push({ fts: stats(fts), like: stats(like), hits });
    console.log(`Lauf ${run + 1}: FTS p50 ${runs[run].fts.p50.toFixed(1)} ms, p95 ${runs[run].fts.p95.toFixed(1)} ms; LIKE p50 ${runs[run].like.p50.toFixed(1)} ms, p95 ${runs[run].like.p95.toFixed(1)} ms; ${hits}/${list.length} Anfragen mit Treffern`);
  }
  const median = (f: (r: (typeof runs)[number]) => number) => [...runs].map(f).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  const slowest = list
    .map((q) => {
      const t = performance.now();
      search(actor, { q });
      return { q, ms: performance.now() - t };
    })
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);
  const summary = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join("/")}`,
    counts,
    dbSizeMb: Math.round(sizeMb),
    buildSeconds,
    queries: list.length,
    likeQueries: Math.min(LIKE_QUERIES, list.length),
    median: {
      ftsP50: median((r) => r.fts.p50),
      ftsP95: median((r) => r.fts.p95),
      ftsP99: median((r) => r.fts.p99),
      likeP50: median((r) => r.like.p50),
      likeP95: median((r) => r.like.p95),
    },
    slowest,
  };
  console.log(JSON.stringify(summary, null, 2));
  console.log(summary.median.ftsP95 <= 50 ? "Ziel p95 ≤ 50 ms: erreicht" : "Ziel p95 ≤ 50 ms: NICHT erreicht");
}

await main();
