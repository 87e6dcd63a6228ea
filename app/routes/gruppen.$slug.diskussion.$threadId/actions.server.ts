import { parseWithZod } from "@conform-to/zod/v4";
import { json, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { forbidden, invariantResponse } from "~/auth/guards.server";
import { can, type GroupAccess } from "~/auth/permissions";
import { requireGroup } from "~/groups/group-guard.server";
import { de } from "~/i18n/de";
import { discussionTexts as t } from "~/i18n/discussion";
import { notify } from "~/models/notification.server";
import { createReply, deletePost, editPost, getPost, hidePost, pageCursorFor } from "~/models/post.server";
import { reportPost, resolveReportsForPost } from "~/models/post-report.server";
import { getThread, setLocked, setPinned, type ThreadRow } from "~/models/thread.server";
import { readFormData } from "~/server/form-data.server";
import { threadHref } from "~/threads/links";
import { mentionableMembers } from "~/threads/members.server";
import { parsePostBody } from "~/threads/post-body.server";
import { isThreadIntent, threadActionSchemas, type ThreadIntent } from "~/threads/schemas";

type Ctx = {
  user: ReturnType<typeof requireGroup>["user"];
  group: ReturnType<typeof requireGroup>["group"];
  access: GroupAccess;
  thread: ThreadRow;
};

/** The group (readable, else 404) and one of its threads (another group's id is a 404 too). */
export function requireThread(args: { request: Request; context: ActionFunctionArgs["context"]; params: ActionFunctionArgs["params"] }) {
  const found = requireGroup(args);
  if (!can(found.user, "read:thread", found.access)) throw new Response(t.errors.threadNotFound, { status: 404 });
  const id = Number(args.params.threadId);
  const thread = Number.isSafeInteger(id) && id > 0 ? getThread(found.group.id, id) : undefined;
  invariantResponse(thread, t.errors.threadNotFound, { status: 404 });
  return { ...found, thread };
}

/**
 * Every form on the thread page posts here with an intent. Permission is
 * checked before the input is read further, so a refused post stores nothing
 * and never reaches the text checks.
 */
export async function threadAction(args: ActionFunctionArgs) {
  const ctx = requireThread(args);
  const formData = await readFormData(args.request);
  const intent = formData.get("intent");
  invariantResponse(isThreadIntent(intent), de.errors.badRequest, { status: 400 });
  authorize(ctx, intent);
  return handlers[intent](ctx, formData);
}

const locked = (ctx: Ctx) => ctx.thread.lockedAt !== null;

/** The checks that do not need the submitted values (the post-level ones follow in the handlers). */
function authorize(ctx: Ctx, intent: ThreadIntent) {
  const { user, access } = ctx;
  const ok =
    intent === "reply"
      ? can(user, "reply:thread", { group: access, locked: locked(ctx) })
      : intent === "pin" || intent === "unpin" || intent === "lock" || intent === "unlock" || intent === "hide"
        ? can(user, "moderate:thread", access)
        : // edit, delete, report: members only; the author check comes with the post.
          access.membership !== null && can(user, "read:thread", access);
  if (!ok) forbidden();
}

function invalid(intent: ThreadIntent, reply: unknown) {
  return json({ intent, ok: false as const, message: null, result: reply }, { status: 400 });
}

function done(intent: ThreadIntent, message: string) {
  return json({ intent, ok: true as const, message, result: null });
}

/** Where a post is shown: the page that holds it, scrolled to it. */
function toPost(ctx: Ctx, postId: number) {
  return redirect(threadHref(ctx.group.slug, ctx.thread.id, { ...pageCursorFor(ctx.thread.id, postId), postId }));
}

function requirePost(ctx: Ctx, postId: number) {
  const post = getPost(ctx.group.id, ctx.thread.id, postId);
  invariantResponse(post, t.errors.postNotFound, { status: 404 });
  return post;
}

type Handler = (ctx: Ctx, formData: FormData) => Response | Promise<Response>;

const handlers: Record<ThreadIntent, Handler> = {
  reply(ctx, formData) {
    const submission = parseWithZod(formData, { schema: threadActionSchemas.reply });
    if (submission.status !== "success") return invalid("reply", submission.reply());
    const { body, bodyJson, quotedPostId } = submission.value;
    if (quotedPostId !== undefined) requirePost(ctx, quotedPostId);
    const parsed = parsePostBody({ json: bodyJson, text: body }, mentionableMembers(ctx.group.id));
    if (!parsed.ok) return invalid("reply", submission.reply({ fieldErrors: { body: [parsed.error] } }));
    const created = createReply(ctx.group.id, ctx.thread.id, ctx.user.id, {
      body: parsed.body,
      quotedPostId: quotedPostId ?? null,
    });
    invariantResponse(created, t.errors.threadNotFound, { status: 404 });
    const mentioned = parsed.body.mentionedUserIds.filter((id) => id !== ctx.user.id);
    const event = { groupId: ctx.group.id, actorId: ctx.user.id, threadId: ctx.thread.id, postId: created.postId, mentionedUserIds: mentioned };
    notify({ kind: "reply", ...event });
    if (mentioned.length) notify({ kind: "mention", ...event });
    return toPost(ctx, created.postId);
  },

  edit(ctx, formData) {
    const submission = parseWithZod(formData, { schema: threadActionSchemas.edit });
    if (submission.status !== "success") return invalid("edit", submission.reply());
    const { postId, body, bodyJson } = submission.value;
    const post = requirePost(ctx, postId);
    // In a locked thread only those who may still reply change text.
    const mayEdit =
      can(ctx.user, "edit:post", { group: ctx.access, authorId: post.authorId, deleted: post.deletedAt !== null }) &&
      post.hiddenAt === null &&
      can(ctx.user, "reply:thread", { group: ctx.access, locked: locked(ctx) });
    if (!mayEdit) forbidden();
    const members = mentionableMembers(ctx.group.id);
    const parsed = parsePostBody({ json: bodyJson, text: body }, members);
    if (!parsed.ok) return invalid("edit", submission.reply({ fieldErrors: { body: [parsed.error] } }));
    const before = parsePostBody({ json: post.body }, members);
    editPost(ctx.group.id, ctx.thread.id, postId, parsed.body, ctx.user.id);
    // Only people newly mentioned by the edit are told.
    const already = new Set(before.ok ? before.body.mentionedUserIds : []);
    const added = parsed.body.mentionedUserIds.filter((id) => id !== ctx.user.id && !already.has(id));
    if (added.length) notify({ kind: "mention", groupId: ctx.group.id, actorId: ctx.user.id, threadId: ctx.thread.id, postId, mentionedUserIds: added });
    return toPost(ctx, postId);
  },

  delete(ctx, formData) {
    const submission = parseWithZod(formData, { schema: threadActionSchemas.delete });
    if (submission.status !== "success") return invalid("delete", submission.reply());
    const post = requirePost(ctx, submission.value.postId);
    if (!can(ctx.user, "delete:post", { group: ctx.access, authorId: post.authorId, deleted: post.deletedAt !== null })) forbidden();
    deletePost(ctx.group.id, ctx.thread.id, post.id, ctx.user.id);
    return toPost(ctx, post.id);
  },

  report(ctx, formData) {
    const submission = parseWithZod(formData, { schema: threadActionSchemas.report });
    if (submission.status !== "success") return invalid("report", submission.reply());
    const post = requirePost(ctx, submission.value.postId);
    if (!can(ctx.user, "report:post", { group: ctx.access, authorId: post.authorId })) forbidden();
    const outcome = reportPost(post.id, ctx.user.id, submission.value.reason);
    return outcome === "done" ? done("report", t.thread.reported) : done("report", t.thread.alreadyReported);
  },

  hide(ctx, formData) {
    const submission = parseWithZod(formData, { schema: threadActionSchemas.hide });
    if (submission.status !== "success") return invalid("hide", submission.reply());
    const post = requirePost(ctx, submission.value.postId);
    if (hidePost(ctx.group.id, ctx.thread.id, post.id, submission.value.reason, ctx.user.id)) resolveReportsForPost(post.id, ctx.user.id);
    return done("hide", t.thread.hidden);
  },

  pin: (ctx) => moderate(ctx, "pin", () => setPinned(ctx.group.id, ctx.thread.id, true, ctx.user.id), t.thread.pinnedDone),
  unpin: (ctx) => moderate(ctx, "unpin", () => setPinned(ctx.group.id, ctx.thread.id, false, ctx.user.id), t.thread.unpinnedDone),
  lock: (ctx) => moderate(ctx, "lock", () => setLocked(ctx.group.id, ctx.thread.id, true, ctx.user.id), t.thread.lockedDone),
  unlock: (ctx) => moderate(ctx, "unlock", () => setLocked(ctx.group.id, ctx.thread.id, false, ctx.user.id), t.thread.unlockedDone),
};

function moderate(ctx: Ctx, intent: ThreadIntent, change: () => boolean, message: string) {
  invariantResponse(change(), t.errors.threadNotFound, { status: 404 });
  return done(intent, message);
}
