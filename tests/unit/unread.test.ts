import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "../../db/client.server";
import { posts, threadReads, threads } from "../../db/schema";
import {
  countUnreadInGroup,
  firstUnreadPostId,
  getLastRead,
  markAllRead,
  markRead,
  outerThreadId,
  unreadCountSql,
} from "~/models/thread-read.server";
import { dividerBeforeId, type UnreadPost } from "~/threads/unread";
import { makeGroup, makePost, makeThread, makeUser } from "../setup/notification-fixtures";
import { useTempDatabase } from "../setup/test-db";

vi.hoisted(() => {
  process.env.LOG_LEVEL = "silent";
});

/**
 * The unread rules as production runs them: the SQL of
 * app/models/thread-read.server.ts against a migrated temporary database.
 * Unread = above the read mark, by someone else (a former member's post,
 * author null, counts), neither deleted nor hidden; the mark only moves forward.
 */

let cleanup: () => void;
const u = {} as Record<"me" | "anna" | "ben", number>;

beforeAll(() => {
  ({ cleanup } = useTempDatabase());
  u.me = makeUser("Mira Leserin");
  u.anna = makeUser("Anna Schmidt");
  u.ben = makeUser("Ben Weber");
});

afterAll(() => cleanup());

/** The per-thread count as the thread list computes it (unreadCountSql over the threads table). */
const unread = (threadId: number, viewerId: number) =>
  Number(getDb().select({ n: unreadCountSql(outerThreadId, viewerId) }).from(threads).where(eq(threads.id, threadId)).get()!.n);
const setPost = (id: number, change: Partial<typeof posts.$inferInsert>) => getDb().update(posts).set(change).where(eq(posts.id, id)).run();

/**
 * A thread with, in order: Anna, me, Anna, Anna (deleted), Ben, Ben (hidden),
 * a former member (author gone). Returns the thread and its post ids.
 */
function mixedThread(groupId: number) {
  const t = makeThread(groupId, u.anna, "Gemischtes Thema");
  const p = [u.anna, u.me, u.anna, u.anna, u.ben, u.ben, u.ben].map((author, i) => makePost(t, author, `Beitrag ${i + 1}`));
  setPost(p[3], { deletedAt: new Date() });
  setPost(p[5], { hiddenAt: new Date(), hiddenBy: u.anna, hiddenReason: "Nicht zum Thema" });
  setPost(p[6], { authorId: null });
  return { t, p };
}

describe("the unread count of a thread (unreadCountSql) and its first unread post", () => {
  it("never opened: every post of others counts, own, deleted and hidden ones do not, a former member's does", () => {
    const { t, p } = mixedThread(makeGroup("Gruppe eins", []));
    expect(getLastRead(t, u.me)).toBeNull();
    expect(unread(t, u.me)).toBe(4); // p1, p3, p5, p7
    expect(firstUnreadPostId(t, u.me)).toBe(p[0]);
    // Per viewer: for Anna, her own posts do not count, mine does.
    expect(unread(t, u.anna)).toBe(3); // p2, p5, p7
    expect(firstUnreadPostId(t, u.anna)).toBe(p[1]);
  });

  it("counts only above the read mark, per person", () => {
    const { t, p } = mixedThread(makeGroup("Gruppe zwei", []));
    markRead(t, u.me, p[2]);
    expect(getLastRead(t, u.me)).toBe(p[2]);
    expect(unread(t, u.me)).toBe(2); // p5, p7
    expect(firstUnreadPostId(t, u.me)).toBe(p[4]);
    expect(unread(t, u.anna)).toBe(3); // my mark is mine only
    markRead(t, u.me, p[6]);
    expect(unread(t, u.me)).toBe(0);
    expect(firstUnreadPostId(t, u.me)).toBeNull();
    // A new post above the mark is unread again; a post hidden later stops counting.
    const later = makePost(t, u.ben, "Später");
    expect(unread(t, u.me)).toBe(1);
    expect(firstUnreadPostId(t, u.me)).toBe(later);
    setPost(later, { hiddenAt: new Date(), hiddenBy: u.anna, hiddenReason: "Spam" });
    expect(unread(t, u.me)).toBe(0);
  });
});

describe("the read mark (markRead)", () => {
  it("only moves forward: an older page does not make newer posts unread", () => {
    const { t, p } = mixedThread(makeGroup("Gruppe drei", []));
    markRead(t, u.me, p[4]);
    markRead(t, u.me, p[0]);
    expect(getLastRead(t, u.me)).toBe(p[4]);
    expect(unread(t, u.me)).toBe(1);
    markRead(t, u.me, p[6]);
    expect(getLastRead(t, u.me)).toBe(p[6]);
    // One row per person and thread, whatever the number of visits.
    expect(getDb().select().from(threadReads).where(and(eq(threadReads.threadId, t), eq(threadReads.userId, u.me))).all()).toHaveLength(1);
  });
});

describe("per group: countUnreadInGroup and markAllRead", () => {
  it("sums the group's threads only and marks them all read for one person only", () => {
    const group = makeGroup("Gruppe fünf", []);
    const other = makeGroup("Andere Gruppe", []);
    const first = mixedThread(group); // 4 unread for me
    const second = makeThread(group, u.anna, "Zweites Thema");
    makePost(second, u.anna, "Eins");
    makePost(second, u.me, "Meins");
    const empty = makeThread(group, u.anna, "Thema ohne Beiträge");
    const elsewhere = makeThread(other, u.anna, "Woanders");
    makePost(elsewhere, u.anna, "Woanders eins");

    expect(countUnreadInGroup(group, u.me)).toBe(5);
    expect(countUnreadInGroup(other, u.me)).toBe(1);
    expect(countUnreadInGroup(makeGroup("Leere Gruppe", []), u.me)).toBe(0);
    markRead(first.t, u.me, first.p[2]);
    expect(countUnreadInGroup(group, u.me)).toBe(3);

    markAllRead(group, u.me);
    expect(countUnreadInGroup(group, u.me)).toBe(0);
    // Up to each thread's newest post, deleted or hidden ones included; a thread without posts gets no mark.
    expect(getLastRead(first.t, u.me)).toBe(first.p[6]);
    expect(getLastRead(empty, u.me)).toBeNull();
    expect(countUnreadInGroup(other, u.me)).toBe(1);
    expect(countUnreadInGroup(group, u.ben)).toBe(6); // p1, p2, p3, p7 and both posts of the second thread
  });
});

describe("the divider 'neu seit Ihrem letzten Besuch' (dividerBeforeId)", () => {
  const ME = 7;
  const post = (id: number, authorId: number | null = 1, extra: Partial<UnreadPost> = {}): UnreadPost => ({ id, authorId, deleted: false, hidden: false, ...extra });
  const page = [post(20), post(21, ME), post(22), post(23)];

  it("goes before the first unread post of the page for someone who was here before", () => {
    expect(dividerBeforeId(page, ME, 21)).toBe(22);
    expect(dividerBeforeId(page, ME, 19)).toBe(20);
    expect(dividerBeforeId([...page].reverse(), ME, 21)).toBe(22);
    expect(dividerBeforeId([post(20, 1, { deleted: true }), post(21, 1, { hidden: true }), post(22, null)], ME, 19)).toBe(22);
  });

  it("is absent on a first visit and when nothing on the page is new", () => {
    expect(dividerBeforeId(page, ME, null)).toBeNull();
    expect(dividerBeforeId(page, ME, 23)).toBeNull();
    expect(dividerBeforeId([post(30, ME)], ME, 10)).toBeNull();
  });
});
