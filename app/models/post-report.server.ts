import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb, type Db } from "../../db/client.server";
import { postReports, posts, threads, users } from "../../db/schema";
import { hidePost } from "./post.server";

/**
 * "Melden": members report posts; the group moderation works through the
 * queue and either hides the post or dismisses the report. One open report
 * per person and post (a partial unique index).
 */

const reporter = alias(users, "reporter");
const author = alias(users, "author");
const EXCERPT_CHARS = 300;

export function reportPost(postId: number, reporterId: number, reason: string, db: Db = getDb()): "done" | "duplicate" {
  try {
    db.insert(postReports).values({ postId, reporterId, reason, createdAt: new Date() }).run();
    return "done";
  } catch (error) {
    if (error instanceof Error && "code" in error && String(error.code).startsWith("SQLITE_CONSTRAINT")) return "duplicate";
    throw error;
  }
}

/** Open reports of the group's posts, oldest first, with an excerpt of the post. */
export function listOpenReports(groupId: number) {
  return getDb()
    .select({
      id: postReports.id,
      reason: postReports.reason,
      createdAt: postReports.createdAt,
      reporterName: reporter.displayName,
      postId: posts.id,
      postAuthorName: author.displayName,
      excerpt: sql<string>`substr(${posts.bodyText}, 1, ${EXCERPT_CHARS})`,
      postHidden: sql<boolean>`${posts.hiddenAt} is not null`.mapWith(Boolean),
      postDeleted: sql<boolean>`${posts.deletedAt} is not null`.mapWith(Boolean),
      threadId: threads.id,
      threadTitle: threads.title,
    })
    .from(postReports)
    .innerJoin(posts, eq(posts.id, postReports.postId))
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .leftJoin(reporter, eq(reporter.id, postReports.reporterId))
    .leftJoin(author, eq(author.id, posts.authorId))
    .where(and(eq(threads.groupId, groupId), isNull(postReports.resolvedAt)))
    .orderBy(asc(postReports.createdAt), asc(postReports.id))
    .all();
}

export function countOpenReports(groupId: number): number {
  const [{ n }] = getDb()
    .select({ n: count() })
    .from(postReports)
    .innerJoin(posts, eq(posts.id, postReports.postId))
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(and(eq(threads.groupId, groupId), isNull(postReports.resolvedAt)))
    .all();
  return n;
}

/** An open report of this group, for resolving it. */
function getOpenReport(groupId: number, reportId: number) {
  return getDb()
    .select({ id: postReports.id, postId: posts.id, threadId: threads.id, reason: postReports.reason })
    .from(postReports)
    .innerJoin(posts, eq(posts.id, postReports.postId))
    .innerJoin(threads, eq(threads.id, posts.threadId))
    .where(and(eq(postReports.id, reportId), eq(threads.groupId, groupId), isNull(postReports.resolvedAt)))
    .get();
}

/**
 * Resolves a report: "ausgeblendet" hides the post (with the moderation's
 * reason) and closes every open report on it; "abgewiesen" closes this one.
 */
export function resolveReport(
  groupId: number,
  reportId: number,
  resolution: "ausgeblendet" | "abgewiesen",
  actorId: number,
  hideReason?: string,
): boolean {
  const db = getDb();
  const report = getOpenReport(groupId, reportId);
  if (!report) return false;
  const now = new Date();
  db.transaction(() => {
    if (resolution === "ausgeblendet") {
      hidePost(groupId, report.threadId, report.postId, hideReason ?? report.reason, actorId, db);
      db.update(postReports)
        .set({ resolvedAt: now, resolvedBy: actorId, resolution })
        .where(and(eq(postReports.postId, report.postId), isNull(postReports.resolvedAt)))
        .run();
    } else {
      db.update(postReports).set({ resolvedAt: now, resolvedBy: actorId, resolution }).where(eq(postReports.id, reportId)).run();
    }
  });
  return true;
}

/** A post hidden from its thread page settles the open reports about it too. */
export function resolveReportsForPost(postId: number, actorId: number): void {
  getDb()
    .update(postReports)
    .set({ resolvedAt: new Date(), resolvedBy: actorId, resolution: "ausgeblendet" })
    .where(and(eq(postReports.postId, postId), isNull(postReports.resolvedAt)))
    .run();
}
