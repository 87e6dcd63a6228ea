import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/auth/permissions";
import { getPost, listPostsPage, listVersions, pageCursorFor, shortenExcerpt, type PostCursor } from "~/models/post.server";
import { getLastRead, markRead } from "~/models/thread-read.server";
import { firstUnreadIn } from "~/threads/first-unread.server";
import { positiveIntParam } from "~/threads/links";
import { postPlainText, renderPostHtml } from "~/threads/post-body.server";
import { dividerBeforeId } from "~/threads/unread";
import { mentionableMembers } from "~/threads/members.server";
import { requireThread } from "./actions.server";

/**
 * Everything the thread page shows, with the rights decided here: the text
 * of a deleted post never leaves the server, a hidden one only for the
 * group moderation, and earlier versions only for the group moderation.
 * Viewing a page moves the read mark up to its last post.
 */
export function loadThreadPage(args: LoaderFunctionArgs) {
  const { user, group, access, thread } = requireThread(args);
  const url = new URL(args.request.url);
  const cursor: PostCursor = {
    after: positiveIntParam(url.searchParams.get("nach")),
    before: positiveIntParam(url.searchParams.get("vor")),
  };
  const lastRead = getLastRead(thread.id, user.id);
  const firstUnread = firstUnreadIn(group.slug, thread.id, user.id);
  const page = listPostsPage(thread.id, cursor.before !== undefined ? { before: cursor.before } : { after: cursor.after });
  const divider = dividerBeforeId(
    page.posts.map((p) => ({ id: p.id, authorId: p.authorId, deleted: p.deletedAt !== null, hidden: p.hiddenAt !== null })),
    user.id,
    lastRead,
  );
  const lastShown = page.posts.at(-1)?.id;
  if (lastShown !== undefined && lastShown > (lastRead ?? 0)) markRead(thread.id, user.id, lastShown);

  const moderate = can(user, "moderate:thread", access);
  const locked = thread.lockedAt !== null;
  const member = access.membership !== null;
  const mayReply = can(user, "reply:thread", { group: access, locked });
  const versions = moderate ? listVersions(page.posts.filter((p) => p.versionCount > 0).map((p) => p.id)) : [];
  const onPage = new Set(page.posts.map((p) => p.id));

  const posts = page.posts.map((p) => {
    const deleted = p.deletedAt !== null;
    const hidden = p.hiddenAt !== null;
    const own = p.authorId === user.id;
    const state = deleted ? ("deleted" as const) : hidden ? ("hidden" as const) : ("visible" as const);
    const showText = state === "visible" || (state === "hidden" && moderate);
    return {
      id: p.id,
      authorName: p.authorName,
      createdAt: p.createdAt.toISOString(),
      editedAt: p.editedAt?.toISOString() ?? null,
      state,
      html: showText ? renderPostHtml(p.body) : null,
      hiddenReason: hidden ? p.hiddenReason : null,
      hiddenByName: hidden && moderate ? p.hiddenByName : null,
      quote:
        p.quotedPostId !== null
          ? {
              id: p.quotedPostId,
              authorName: p.quotedGone ? null : p.quotedAuthorName,
              excerpt: p.quotedGone || p.quotedExcerpt === null ? null : shortenExcerpt(p.quotedExcerpt),
              onPage: onPage.has(p.quotedPostId),
              cursor: p.quotedGone ? null : pageCursorFor(thread.id, p.quotedPostId),
            }
          : null,
      versions: versions
        .filter((v) => v.postId === p.id)
        .map((v) => ({ id: v.id, writtenAt: v.writtenAt.toISOString(), html: renderPostHtml(v.body) })),
      may: {
        quote: mayReply && state === "visible",
        edit: state === "visible" && own && member && mayReply,
        delete: !deleted && can(user, "delete:post", { group: access, authorId: p.authorId, deleted }),
        report: state === "visible" && can(user, "report:post", { group: access, authorId: p.authorId }),
        hide: state === "visible" && moderate,
      },
    };
  });

  // ?zitat= pre-fills the reply with a quote, ?bearbeiten= opens a post's edit form (both work without JavaScript).
  const quoteId = positiveIntParam(url.searchParams.get("zitat"));
  const quoted = quoteId && mayReply ? getPost(group.id, thread.id, quoteId) : undefined;
  const editId = positiveIntParam(url.searchParams.get("bearbeiten"));
  const editable = posts.find((p) => p.id === editId && p.may.edit);
  const editingPost = editable ? getPost(group.id, thread.id, editable.id) : undefined;

  return {
    thread: {
      id: thread.id,
      title: thread.title,
      authorName: thread.authorName,
      createdAt: thread.createdAt.toISOString(),
      pinned: thread.pinnedAt !== null,
      locked,
      document: thread.documentId !== null ? { id: thread.documentId, title: thread.documentTitle ?? "" } : null,
      heading: thread.documentId !== null && thread.headingText ? { text: thread.headingText, anchor: thread.headingAnchor ?? "" } : null,
    },
    posts,
    page: { hasEarlier: page.hasEarlier, hasLater: page.hasLater, first: page.posts[0]?.id ?? null, last: lastShown ?? null },
    dividerBefore: divider,
    firstUnread: firstUnread ? { ...firstUnread, onPage: onPage.has(firstUnread.id) } : null,
    quote:
      quoted && !quoted.deletedAt && !quoted.hiddenAt
        ? { id: quoted.id, authorName: quoted.authorName, excerpt: shortenExcerpt(quoted.bodyText) }
        : null,
    editing: editingPost ? { id: editingPost.id, json: editingPost.body, text: postPlainText(editingPost.body) } : null,
    members: mentionableMembers(group.id),
    may: { reply: mayReply, moderate, observer: user.role === "observer" && !member, member },
  };
}
