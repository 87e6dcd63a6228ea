/**
 * Working-groups benchmark: the group pages with a database in full use
 * (2,000 users, 200 groups; lib/fill-groups-db.ts). Target from the
 * working-groups issue: p95 ≤ 50 ms at 50 connections.
 *
 * Cases:
 * - list: `GET /gruppen`, the overview of all groups, as a member who
 *   belongs to 10 groups (sees every intern group and its own: 178 cards).
 * - overview: `GET /gruppen/<slug>`, one group's Überblick with 20 members
 *   and 5 open join requests, as its group moderation (who also gets the
 *   management parts: requests, invite picker, open invitations).
 *
 * Before the server starts, the database is migrated (db/migrate-cli.ts)
 * and filled directly with better-sqlite3; the server then runs with
 * SEED_DEMO=false, so the database holds exactly that data. Everything else
 * (pinning, runs, validity, report) as in http.ts, see lib/. A run is also
 * invalid when a response is smaller than the page checked before the runs,
 * or the page is not the expected one after the run.
 *
 * Run with `BENCH_SUITE=groups npm run bench` (builds first); knobs as in
 * lib/settings.ts, BENCH_CASES a subset of "list,overview".
 */
import path from "node:path";
import { groupTexts } from "../../app/i18n/groups";
import { checkSignedInPage, login, signedInAfterRun, type SignedInPage } from "./lib/auth";
import { fillGroupsDb, type GroupsDbInfo } from "./lib/fill-groups-db";
import { makeTmpDir, runMain, stopAtExit } from "./lib/lifecycle";
import { cpusAllowed, machineInfo, pinSelf } from "./lib/machine";
import { judgeTarget, publish, renderFooter, renderMedianTable, renderPreamble, renderRunsTable, settingsJson, summarizeCase, verdictText } from "./lib/report";
import { measureCases, type BenchCase } from "./lib/runner";
import { migrateDatabase, startPortal, type Portal } from "./lib/server";
import { ACCEPT_ENCODING, GENERATOR_CORE, overallTimeoutMs, READY_TIMEOUT_MS, selectedCases } from "./lib/settings";
import { fmt, log } from "./lib/util";

const CASE_NAMES = ["list", "overview"] as const;
type CaseName = (typeof CASE_NAMES)[number];
const SELECTED = selectedCases(CASE_NAMES);
const TARGET_P95_MS = 50;

async function bench() {
  pinSelf(GENERATOR_CORE);
  const tmpDir = makeTmpDir();
  const startedAt = new Date();
  log(`generator pid ${process.pid} pinned to core ${GENERATOR_CORE} (Cpus_allowed_list: ${cpusAllowed(process.pid)})`);

  const databasePath = path.join(tmpDir, "portal.db");
  migrateDatabase(databasePath);
  const data = await fillGroupsDb(databasePath);
  log(
    `database filled in ${fmt(data.seconds, 1)} s: ${data.users} users, ${data.groups} groups (${data.vertraulich} vertraulich), ` +
      `${data.memberships} memberships, ${data.milestones} milestones, ${data.openRequests} open requests, ${fmt(data.databaseBytes / 1e6, 1)} MB`,
  );
  const portal = await startPortal(databasePath, { seedDemo: false, onStart: stopAtExit });

  const pages = pagesFor(data);
  const memberCookie = await login(portal, data.member.email, data.password);
  const moderationCookie = await login(portal, data.moderation.email, data.password);
  const cookies: Record<CaseName, string> = { list: memberCookie, overview: moderationCookie };
  const bytes = {} as Record<CaseName, number>;
  for (const name of CASE_NAMES) bytes[name] = await checkSignedInPage(portal, cookies[name], pages[name]);
  await checkSignedInPage(portal, moderationCookie, { ...pages.overview, marker: `${groupTexts.overview.membersTitle} (${data.target.members})` });
  log(`logged in as member and as group moderation; list ${bytes.list} bytes, overview ${bytes.overview} bytes of HTML`);

  const cases: BenchCase[] = SELECTED.map((name) => ({
    name,
    path: pages[name].path,
    headers: headersFor(portal, cookies[name]),
    afterRun: signedInAfterRun(portal, cookies[name], pages[name], bytes[name]),
  }));
  const runs = await measureCases(portal, cases);

  const summaries = Object.fromEntries(CASE_NAMES.map((name) => [name, summarizeCase(runs, name)])) as Record<CaseName, ReturnType<typeof summarizeCase>>;
  const targets = Object.fromEntries(CASE_NAMES.map((name) => [name, judgeTarget(runs, name, summaries[name], TARGET_P95_MS)]));
  const machine = machineInfo();
  const markdown = [
    ...renderPreamble(`## Groups benchmark ${startedAt.toISOString()}`, machine),
    `Database: ${data.users} users, ${data.groups} groups (${data.vertraulich} vertraulich; ${JSON.stringify(data.byStatus)}), ` +
      `${data.memberships} memberships, ${data.milestones} milestones, ${data.openRequests} open join requests. ` +
      `list = GET /gruppen as a member of ${data.member.groups} groups (${data.member.readableGroups} groups listed, ${bytes.list} bytes); ` +
      `overview = GET ${pages.overview.path} as its group moderation (${data.target.members} members, ${data.target.openRequests} open requests, ` +
      `${data.target.invitable} people in the invite picker, ${bytes.overview} bytes).`,
    "",
    ...renderRunsTable(runs),
    "",
    ...renderMedianTable(SELECTED, summaries),
    "",
    ...SELECTED.map((name) => `Target p95 ≤ ${TARGET_P95_MS} ms for ${name}: ${verdictText(targets[name], summaries[name], name)}.`),
    ...SELECTED.map((name) => `Server CPU per request, ${name}: ${fmt(cpuMsPerRequest(summaries[name]))} ms (median CPU % / median req/s).`),
    ...renderFooter(runs),
  ].join("\n");
  const json = {
    startedAt: startedAt.toISOString(),
    settings: settingsJson(SELECTED),
    machine,
    database: data,
    cases: Object.fromEntries(CASE_NAMES.map((name) => [name, { path: pages[name].path, bytes: bytes[name] }])),
    runs,
    summary: { cases: summaries, targets },
  };
  publish("groups", startedAt, markdown, json);
}

function pagesFor(data: GroupsDbInfo): Record<CaseName, SignedInPage> {
  return {
    list: {
      path: "/gruppen",
      marker: groupTexts.resultCount(data.member.readableGroups),
      description: `the group list of the member (${data.member.readableGroups} groups)`,
      sizeName: "the member's group list",
    },
    overview: {
      path: `/gruppen/${data.target.slug}`,
      marker: `${groupTexts.requests.title} (${data.target.openRequests})`,
      description: "the group overview as seen by its moderation",
      sizeName: "the moderation's group overview",
    },
  };
}

function headersFor(portal: Portal, cookie: string): Record<string, string> {
  const headers: Record<string, string> = { host: portal.host, cookie };
  if (ACCEPT_ENCODING) headers["accept-encoding"] = ACCEPT_ENCODING;
  return headers;
}

/** Server CPU time per request in ms: CPU share of one core divided by throughput. */
function cpuMsPerRequest(s: ReturnType<typeof summarizeCase>): number {
  return (s.serverCpuPct.median / 100 / s.reqPerS.median) * 1000;
}

// Beyond http.ts: migrating and filling the database.
runMain(overallTimeoutMs(CASE_NAMES.length, READY_TIMEOUT_MS + 60_000), bench);
