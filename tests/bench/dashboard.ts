/**
 * Dashboard benchmark: `GET /fortschritt` with 200 groups (the database of
 * the groups benchmark, lib/fill-groups-db.ts, plus recommendations with
 * their status history and 12 weeks of activities per group). Target from
 * the progress issue: p95 ≤ 50 ms at 50 connections.
 *
 * Cases:
 * - dashboard: `GET /fortschritt` as a member of 10 groups (every intern
 *   group and its own: the largest page a member gets).
 * - filtered: `GET /fortschritt?loge=…` as the same member (one Loge).
 *
 * Everything else (pinning, runs, validity, report) as in groups.ts, see lib/.
 * Run with `npm run bench:dashboard` (builds first); knobs as in
 * lib/settings.ts, BENCH_CASES a subset of "dashboard,filtered".
 */
import path from "node:path";
import Database from "better-sqlite3";
import { checkSignedInPage, login, signedInAfterRun, type SignedInPage } from "./lib/auth";
import { fillGroupsDb } from "./lib/fill-groups-db";
import { makeTmpDir, runMain, stopAtExit } from "./lib/lifecycle";
import { cpusAllowed, machineInfo, pinSelf } from "./lib/machine";
import { judgeTarget, publish, renderFooter, renderMedianTable, renderPreamble, renderRunsTable, settingsJson, summarizeCase, verdictText } from "./lib/report";
import { measureCases, type BenchCase } from "./lib/runner";
import { migrateDatabase, startPortal, type Portal } from "./lib/server";
import { ACCEPT_ENCODING, GENERATOR_CORE, overallTimeoutMs, READY_TIMEOUT_MS, selectedCases } from "./lib/settings";
import { fmt, log } from "./lib/util";
import { dashboardTexts } from "../../app/i18n/dashboard";

const CASE_NAMES = ["dashboard", "filtered"] as const;
type CaseName = (typeof CASE_NAMES)[number];
const SELECTED = selectedCases(CASE_NAMES);
const TARGET_P95_MS = 50;
const DAY_MS = 86_400_000;
const ACTIVITIES_PER_GROUP = 40;
const RECOMMENDATIONS_PER_GROUP = 4;
const FILTER_LOGE = "Digitales Rathaus";

/** Recommendations with a status history and 12 weeks of activities for every group. */
function fillProgress(databasePath: string) {
  const db = new Database(databasePath);
  const now = Date.now();
  let seed = 20_261_202;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const groupIds = (db.prepare("select id from groups").all() as { id: number }[]).map((r) => r.id);
  const insertDoc = db.prepare("insert into documents (group_id, title, kind, status, created_at, updated_at) values (?, ?, 'empfehlung', ?, ?, ?)");
  const insertChange = db.prepare("insert into document_status_changes (document_id, from_status, to_status, created_at) values (?, ?, ?, ?)");
  const insertActivity = db.prepare("insert into activities (group_id, kind, subject_id, title, link, created_at) values (?, 'post_created', 1, 'Beitrag', '/', ?)");
  const path = ["entwurf", "in_konsultation", "beschlossen", "uebergeben"];
  let docs = 0;
  let activities = 0;
  db.transaction(() => {
    for (const g of groupIds) {
      // Some groups use a Loge the filter case picks.
      if (g % 6 === 0) db.prepare("update groups set loge = ? where id = ?").run(FILTER_LOGE, g);
      for (let i = 0; i < RECOMMENDATIONS_PER_GROUP; i++) {
        const createdAt = now - Math.floor(random() * 100 * DAY_MS);
        const steps = Math.floor(random() * path.length);
        const { lastInsertRowid } = insertDoc.run(g, `Empfehlung ${g}-${i}`, path[steps], createdAt, now);
        for (let s = 1; s <= steps; s++) insertChange.run(lastInsertRowid, path[s - 1], path[s], createdAt + ((now - createdAt) * s) / (steps + 1));
        docs++;
      }
      for (let i = 0; i < ACTIVITIES_PER_GROUP; i++) {
        insertActivity.run(g, now - Math.floor(random() * 84 * DAY_MS));
        activities++;
      }
    }
  })();
  const filtered = (db.prepare("select count(*) n from groups where loge = ?").get(FILTER_LOGE) as { n: number }).n;
  db.close();
  return { docs, activities, filtered };
}

async function bench() {
  pinSelf(GENERATOR_CORE);
  const tmpDir = makeTmpDir();
  const startedAt = new Date();
  log(`generator pid ${process.pid} pinned to core ${GENERATOR_CORE} (Cpus_allowed_list: ${cpusAllowed(process.pid)})`);

  const databasePath = path.join(tmpDir, "portal.db");
  migrateDatabase(databasePath);
  const data = await fillGroupsDb(databasePath);
  const progress = fillProgress(databasePath);
  log(`database filled: ${data.users} users, ${data.groups} groups, ${progress.docs} recommendations, ${progress.activities} activities`);
  const portal = await startPortal(databasePath, { seedDemo: false, onStart: stopAtExit });

  const cookie = await login(portal, data.member.email, data.password);
  const pages: Record<CaseName, SignedInPage> = {
    dashboard: {
      path: "/fortschritt",
      marker: dashboardTexts.summaryGroups(data.member.readableGroups),
      description: `the dashboard of the member (${data.member.readableGroups} groups)`,
      sizeName: "the member's dashboard",
    },
    filtered: {
      path: `/fortschritt?loge=${encodeURIComponent(FILTER_LOGE)}`,
      marker: dashboardTexts.filtered,
      description: "the dashboard filtered by one Loge",
      sizeName: "the filtered dashboard",
    },
  };
  const bytes = {} as Record<CaseName, number>;
  for (const name of CASE_NAMES) bytes[name] = await checkSignedInPage(portal, cookie, pages[name]);
  log(`logged in as member; dashboard ${bytes.dashboard} bytes, filtered ${bytes.filtered} bytes of HTML`);

  const cases: BenchCase[] = SELECTED.map((name) => ({
    name,
    path: pages[name].path,
    headers: headersFor(portal, cookie),
    afterRun: signedInAfterRun(portal, cookie, pages[name], bytes[name]),
  }));
  const runs = await measureCases(portal, cases);

  const summaries = Object.fromEntries(SELECTED.map((name) => [name, summarizeCase(runs, name)])) as Record<CaseName, ReturnType<typeof summarizeCase>>;
  const targets = Object.fromEntries(SELECTED.map((name) => [name, judgeTarget(runs, name, summaries[name], TARGET_P95_MS)]));
  const machine = machineInfo();
  const markdown = [
    ...renderPreamble(`## Dashboard benchmark ${startedAt.toISOString()}`, machine),
    `Database: ${data.users} users, ${data.groups} groups, ${data.memberships} memberships, ${data.milestones} milestones, ` +
      `${progress.docs} recommendations with status history, ${progress.activities} activities in the last 12 weeks. ` +
      `dashboard = GET /fortschritt as a member of ${data.member.groups} groups (${data.member.readableGroups} groups shown, ${bytes.dashboard} bytes); ` +
      `filtered = GET ${pages.filtered.path} (${bytes.filtered} bytes).`,
    "",
    ...renderRunsTable(runs),
    "",
    ...renderMedianTable(SELECTED, summaries),
    "",
    ...SELECTED.map((name) => `Target p95 ≤ ${TARGET_P95_MS} ms for ${name}: ${verdictText(targets[name], summaries[name], name)}.`),
    ...SELECTED.map((name) => `Server CPU per request, ${name}: ${fmt((summaries[name].serverCpuPct.median / 100 / summaries[name].reqPerS.median) * 1000)} ms.`),
    ...renderFooter(runs),
  ].join("\n");
  publish("dashboard", startedAt, markdown, {
    startedAt: startedAt.toISOString(),
    settings: settingsJson(SELECTED),
    machine,
    database: { ...data, ...progress },
    cases: Object.fromEntries(SELECTED.map((name) => [name, { path: pages[name].path, bytes: bytes[name] }])),
    runs,
    summary: { cases: summaries, targets },
  });
}

function headersFor(portal: Portal, cookie: string): Record<string, string> {
  const headers: Record<string, string> = { host: portal.host, cookie };
  if (ACCEPT_ENCODING) headers["accept-encoding"] = ACCEPT_ENCODING;
  return headers;
}

runMain(overallTimeoutMs(CASE_NAMES.length, READY_TIMEOUT_MS + 60_000), bench);
