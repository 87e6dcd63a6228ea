import { sql } from "drizzle-orm";
import type { Db } from "./client.server";
import { groupFollows } from "./schema";

/**
 * Writes the history that existed before the activity feed into
 * `activities`, from the rows themselves (groups, documents and their status
 * changes, threads, replies, members, materials, milestones), each at the
 * time it happened. Leaving a group is not kept anywhere else, so it cannot
 * be recovered. Idempotent: an entry is written only when no entry for the
 * same subject exists, so running it after live recording adds nothing twice.
 * Called by the demo seed after all other seeds.
 */
export function backfillActivities(db: Db): number {
  const statements = [
    // A group is opened.
    sql`insert into activities (group_id, actor_id, kind, subject_id, title, detail, link, created_at)
      select g.id, g.created_by, 'group_created', g.id, g.title, null, '/gruppen/' || g.slug, g.created_at
      from groups g
      where not exists (select 1 from activities a where a.group_id = g.id and a.kind = 'group_created')`,
    // Documents created (deleted ones stay out: the feed would link nowhere).
    sql`insert into activities (group_id, actor_id, kind, subject_id, title, detail, link, created_at)
      select d.group_id, d.created_by, 'document_created', d.id, d.title, d.kind, '/gruppen/' || g.slug || '/dokumente/' || d.id, d.created_at
      from documents d join groups g on g.id = d.group_id
      where d.deleted_at is null
        and not exists (select 1 from activities a where a.kind = 'document_created' and a.subject_id = d.id)`,
    // Every status change; "the same" means the same document, status and moment (within a minute).
    sql`insert into activities (group_id, actor_id, kind, subject_id, title, detail, link, created_at)
      select d.group_id, sc.actor_id, 'document_status', d.id, d.title, sc.to_status, '/gruppen/' || g.slug || '/dokumente/' || d.id, sc.created_at
      from document_status_changes sc join documents d on d.id = sc.document_id join groups g on g.id = d.group_id
      where d.deleted_at is null
        and not exists (select 1 from activities a where a.kind = 'document_status' and a.subject_id = d.id
          and a.detail = sc.to_status and abs(a.created_at - sc.created_at) < 60000)`,
    sql`insert into activities (group_id, actor_id, kind, subject_id, title, detail, link, created_at)
      select t.group_id, t.author_id, 'thread_created', t.id, t.title, null, '/gruppen/' || g.slug || '/diskussion/' || t.id, t.created_at
      from threads t join groups g on g.id = t.group_id
      where not exists (select 1 from activities a where a.kind = 'thread_created' and a.subject_id = t.id)`,
    // Replies: every post but a thread's first (that one is the thread), not deleted or hidden.
    sql`insert into activities (group_id, actor_id, kind, subject_id, title, detail, link, created_at)
      select t.group_id, p.author_id, 'post_created', p.id, t.title, null,
        '/gruppen/' || g.slug || '/diskussion/' || t.id || '#beitrag-' || p.id, p.created_at
      from posts p join threads t on t.id = p.thread_id join groups g on g.id = t.group_id
      where p.deleted_at is null and p.hidden_at is null
        and p.id > (select min(p2.id) from posts p2 where p2.thread_id = p.thread_id)
        and not exists (select 1 from activities a where a.kind = 'post_created' and a.subject_id = p.id)`,
    sql`insert into activities (group_id, actor_id, kind, subject_id, title, detail, link, created_at)
      select m.group_id, m.user_id, 'member_joined', m.user_id, u.display_name, null, '/gruppen/' || g.slug || '#mitglieder', m.joined_at
      from group_members m join users u on u.id = m.user_id join groups g on g.id = m.group_id
      where not exists (select 1 from activities a where a.kind = 'member_joined' and a.group_id = m.group_id and a.subject_id = m.user_id)`,
    sql`insert into activities (group_id, actor_id, kind, subject_id, title, detail, link, created_at)
      select m.group_id, m.uploaded_by, 'material_added', m.id, m.title, null, '/gruppen/' || g.slug || '/materialien', m.created_at
      from materials m join groups g on g.id = m.group_id
      where not exists (select 1 from activities a where a.kind = 'material_added' and a.subject_id = m.id)`,
    // Who added a milestone is not stored; the group's opener set the plan.
    sql`insert into activities (group_id, actor_id, kind, subject_id, title, detail, link, created_at)
      select ms.group_id, g.created_by, 'milestone_added', ms.id, ms.title, ms.due_date, '/gruppen/' || g.slug || '#meilensteine', ms.created_at
      from group_milestones ms join groups g on g.id = ms.group_id
      where not exists (select 1 from activities a where a.kind = 'milestone_added' and a.subject_id = ms.id)`,
    sql`insert into activities (group_id, actor_id, kind, subject_id, title, detail, link, created_at)
      select ms.group_id, null, 'milestone_done', ms.id, ms.title, null, '/gruppen/' || g.slug || '#meilensteine', ms.done_at
      from group_milestones ms join groups g on g.id = ms.group_id
      where ms.done_at is not null
        and not exists (select 1 from activities a where a.kind = 'milestone_done' and a.subject_id = ms.id)`,
  ];
  return db.transaction(() => statements.reduce((n, statement) => n + db.run(statement).changes, 0));
}

/**
 * The demo's history, plus one observer opt-out: the ministry observer
 * does not follow "Verwaltung und regionale Wirtschaft" (and sees on that
 * group's page how to follow it again).
 */
export function seedActivity(db: Db, ctx: { userIds: Record<string, number>; groupIds: Record<string, number> }): void {
  backfillActivities(db);
  const observer = ctx.userIds["beobachtung@ag-portal.test"];
  const groupId = ctx.groupIds["verwaltung-und-regionale-wirtschaft"];
  if (observer && groupId) {
    db.insert(groupFollows).values({ groupId, userId: observer, following: false, updatedAt: new Date() }).onConflictDoNothing().run();
  }
}
