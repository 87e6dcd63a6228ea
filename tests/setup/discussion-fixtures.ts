import Database from "better-sqlite3";
import { expect } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { addLena, demoEmails, userIdsOf, type DemoName } from "./fixture-rows";
import { PortalClient } from "./http-client";

/**
 * Discussion fixtures over HTTP, shared by the thread tests: the demo people
 * signed in, threads and replies written through the real actions, and the
 * discussion rows read straight from the test server's database.
 */

/** A signed-in client per demo person, plus a signed-out one as `anonymous`. */
export async function signInDemo<N extends DemoName>(origin: string, names: readonly N[]): Promise<Record<N | "anonymous", PortalClient>> {
  const clients = {} as Record<N | "anonymous", PortalClient>;
  for (const name of names) {
    clients[name] = new PortalClient(origin);
    await clients[name].login(demoEmails[name], DEMO_PASSWORD);
  }
  clients.anonymous = new PortalClient(origin);
  return clients;
}

export const newThreadForm = (client: PortalClient, slug: string, fields: Record<string, string>) => client.post(`/gruppen/${slug}/diskussion/neu`, fields);
/** A post to the thread page's action (every form there sends an intent). */
export const threadAct = (client: PortalClient, slug: string, threadId: number, fields: Record<string, string>) =>
  client.post(`/gruppen/${slug}/diskussion/${threadId}`, fields);

/** Starts a thread through the form; returns its id. */
export async function startThread(client: PortalClient, slug: string, title: string, body = "Erster Beitrag zum Thema.") {
  const res = await newThreadForm(client, slug, { title, body });
  expect(res.status, await res.clone().text()).toBe(302);
  const id = Number(/\/diskussion\/(\d+)/.exec(res.headers.get("location") ?? "")?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

/** Replies through the thread action; returns the new post's id. */
export async function replyTo(client: PortalClient, slug: string, threadId: number, body: string, extra: Record<string, string> = {}) {
  const res = await threadAct(client, slug, threadId, { intent: "reply", body, ...extra });
  expect(res.status, await res.clone().text()).toBe(302);
  const id = Number(/#beitrag-(\d+)$/.exec(res.headers.get("location") ?? "")?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

export type PostRow = {
  id: number;
  thread_id: number;
  author_id: number;
  body: string;
  body_text: string;
  edited_at: number | null;
  deleted_at: number | null;
  hidden_at: number | null;
  hidden_reason: string | null;
  quoted_post_id: number | null;
};
export type ThreadRow = { id: number; group_id: number; pinned_at: number | null; locked_at: number | null; document_id: number | null; heading_text: string | null };

/**
 * Everything a discussion action may write; a refused request must leave all
 * of it as it was. Of notifications, not the mail columns: the server's mail
 * scheduler sets those on its own time.
 */
const DISCUSSION_SNAPSHOT = {
  threads: "select * from threads order by id",
  posts: "select * from posts order by id",
  post_versions: "select * from post_versions order by id",
  post_reports: "select * from post_reports order by id",
  thread_reads: "select * from thread_reads order by thread_id, user_id",
  notifications: "select id, user_id, kind, group_id, actor_id, link, read_at from notifications order by id",
  activities: "select * from activities order by id",
} as const;

/** Reads of the discussion tables of a test server's database. */
export function discussionRows(db: Database.Database) {
  const count = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  return {
    counts: () => ({ threads: count("threads"), posts: count("posts"), versions: count("post_versions"), reports: count("post_reports") }),
    post: (id: number) => db.prepare("select * from posts where id = ?").get(id) as PostRow,
    thread: (id: number) => db.prepare("select * from threads where id = ?").get(id) as ThreadRow,
    postsOf: (threadId: number) => db.prepare("select id from posts where thread_id = ? order by id").all(threadId) as { id: number }[],
    /** Every row of every discussion table, to compare before and after a refused request. */
    snapshot: () => Object.fromEntries(Object.entries(DISCUSSION_SNAPSHOT).map(([table, query]) => [table, db.prepare(query).all()])),
  };
}

/**
 * The test server's database opened for the role tests: the discussion rows
 * reader, Lena added (the member of another group), and the ids of the five
 * people every role table uses.
 */
export function openRoleFixtures(dbPath: string) {
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 5000");
  const rows = discussionRows(db);
  addLena(db);
  const ids = userIdsOf(db, ["moderation", "anna", "jonas", "lena", "observer"] as const);
  return { db, rows, ids };
}
