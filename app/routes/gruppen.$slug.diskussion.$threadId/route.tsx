import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Alert } from "~/components/alert";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { de } from "~/i18n/de";
import { discussionTexts as t } from "~/i18n/discussion";
import threadStyles from "~/styles/threads.css";
import { discussionHref, postAnchor, threadHref } from "~/threads/links";
import { PostEditorField } from "~/threads/post-editor";
import { PostItem } from "~/threads/post-item";
import { replyDraftKey, useSentReplies } from "~/threads/reply-draft";
import { ThreadBadges, ThreadReference } from "~/threads/thread-badges";
import { TypingIndicator, useTypingSignal } from "~/threads/typing-indicator";
import { useOptionalUser } from "~/root";
import { useGroupLayout } from "../gruppen.$slug/route";
import { threadAction } from "./actions.server";
import { loadThreadPage } from "./page.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: threadStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const layout = matches.find((m) => m.id === "routes/gruppen.$slug")?.data as { group?: { title: string } } | undefined;
  return [{ title: [data?.thread.title, layout?.group?.title, de.portal.name].filter(Boolean).join(" – ") }];
};

export async function loader(args: LoaderFunctionArgs) {
  return json(loadThreadPage(args));
}

export async function action(args: ActionFunctionArgs) {
  return threadAction(args);
}

type ActionData = { intent: string; ok: boolean; message: string | null; result: SubmissionResult<string[]> | null };

/** The errors and the typed text of a refused form, so nothing typed is lost (also without JavaScript). */
function refused(data: ActionData | undefined, intent: string) {
  if (!data || data.ok || data.intent !== intent || !data.result) return { errors: undefined, text: undefined };
  const initial = data.result.initialValue as Record<string, unknown> | undefined;
  return { errors: data.result.error?.body ?? undefined, text: typeof initial?.body === "string" ? initial.body : undefined };
}

export default function ThreadPage() {
  const { group } = useGroupLayout();
  const data = useLoaderData<typeof loader>();
  const { thread, posts, page, dividerBefore, firstUnread, quote, editing, members, may } = data;
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const reply = refused(actionData, "reply");
  const edit = refused(actionData, "edit");
  const base = threadHref(group.slug, thread.id);
  // The live layer (app/threads/typing-indicator.tsx) plugs in here: the reply editor's onTyping
  // sends the typing signal, <TypingIndicator groupId threadId /> shows it above the reply form.
  const onTyping = useTypingSignal(group.id, thread.id);
  const user = useOptionalUser();
  const draftKey = user ? replyDraftKey(user.id, thread.id) : undefined;
  const sentReplies = useSentReplies(actionData?.intent === "reply" && !actionData.ok, draftKey ?? null);

  return (
    <div className="kern-stack thread-page">
      <p className="kern-body kern-body--small">
        <Link className="kern-link" to={discussionHref(group.slug)}>
          {t.thread.back}
        </Link>
      </p>
      <h2 className="kern-heading-large">{thread.title}</h2>
      <ThreadBadges pinned={thread.pinned} locked={thread.locked} />
      <p className="kern-body kern-body--small">{t.startedBy(thread.authorName ?? t.formerMember, de.common.date(thread.createdAt))}</p>
      <ThreadReference slug={group.slug} document={thread.document} heading={thread.heading} />

      {actionData?.message ? <Alert variant={actionData.ok ? "success" : "danger"}>{actionData.message}</Alert> : null}
      {thread.locked ? <Alert variant="info">{may.moderate ? t.thread.lockedNotice : t.thread.lockedNoReply}</Alert> : null}

      {may.moderate ? (
        <section aria-labelledby="thema-moderation" className="thread-moderation">
          <h3 id="thema-moderation" className="kern-heading-small">
            {t.moderation.title}
          </h3>
          <div className="button-row button-row--start">
            <Form method="post" className="inline-form">
              <button type="submit" name="intent" value={thread.pinned ? "unpin" : "pin"} className="kern-btn kern-btn--secondary kern-btn--small">
                <span className="kern-label">{thread.pinned ? t.moderation.unpin : t.moderation.pin}</span>
              </button>
            </Form>
            <Form method="post" className="inline-form">
              <button type="submit" name="intent" value={thread.locked ? "unlock" : "lock"} className="kern-btn kern-btn--secondary kern-btn--small">
                <span className="kern-label">{thread.locked ? t.moderation.unlock : t.moderation.lock}</span>
              </button>
            </Form>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="beitraege" className="kern-stack">
        <h2 id="beitraege" className="kern-sr-only">
          {t.thread.postsTitle}
        </h2>
        {firstUnread ? (
          <p className="kern-body">
            <a className="kern-link" href={firstUnread.onPage ? `#${postAnchor(firstUnread.id)}` : firstUnread.href}>
              {t.thread.firstUnread}
            </a>
          </p>
        ) : null}
        {page.hasEarlier && page.first !== null ? (
          <nav aria-label={t.thread.pagination} className="thread-pager">
            <Link className="kern-link" to={threadHref(group.slug, thread.id, { before: page.first })} rel="prev">
              {t.thread.earlier}
            </Link>
          </nav>
        ) : null}
        <ol className="post-list">
          {posts.map((post) => (
            <li key={post.id}>
              {post.id === dividerBefore ? (
                <p className="unread-divider" id="neu">
                  <span>{t.thread.newSinceLastVisit}</span>
                </p>
              ) : null}
              <PostItem
                post={post}
                editor={
                  editing?.id === post.id ? (
                    <Form method="post" className="form-stack" key={`edit-${post.id}`}>
                      <input type="hidden" name="intent" value="edit" />
                      <input type="hidden" name="postId" value={post.id} />
                      <PostEditorField
                        name="body"
                        id={`bearbeiten-${post.id}`}
                        label={t.fields.edit}
                        members={members}
                        defaultJson={edit.text === undefined ? editing.json : null}
                        defaultText={edit.text ?? editing.text}
                        errors={edit.errors}
                        autoFocus
                      />
                      <div className="button-row button-row--start">
                        <button type="submit" className="kern-btn kern-btn--primary kern-btn--small">
                          <span className="kern-label">{t.submitEdit}</span>
                        </button>
                        <Link className="kern-link" to={`${base}#${postAnchor(post.id)}`}>
                          {t.cancelEdit}
                        </Link>
                      </div>
                    </Form>
                  ) : undefined
                }
              />
            </li>
          ))}
        </ol>
        {page.hasLater && page.last !== null ? (
          <nav aria-label={t.thread.pagination} className="thread-pager">
            <Link className="kern-link" to={threadHref(group.slug, thread.id, { after: page.last })} rel="next">
              {t.thread.later}
            </Link>
          </nav>
        ) : null}
      </section>

      <section aria-labelledby="antworten" className="kern-stack">
        <h2 id="antworten" className="kern-heading-medium" tabIndex={-1}>
          {t.thread.replyTitle}
        </h2>
        <TypingIndicator groupId={group.id} threadId={thread.id} />
        {may.reply ? (
          // A new, empty form only after one's own reply went through: live updates (others' posts change
          // the page data) and choosing a quote keep what is being written.
          <Form method="post" className="form-stack form-stack--wide" key={`antwort-${thread.id}-${sentReplies}`} preventScrollReset>
            <input type="hidden" name="intent" value="reply" />
            {quote ? (
              <div className="reply-quote">
                <input type="hidden" name="quotedPostId" value={quote.id} />
                <p className="kern-body kern-body--small">{t.thread.quoting(quote.authorName ?? t.formerMember)}</p>
                <blockquote className="post-quote">
                  <p className="kern-body post-quote__text">{quote.excerpt}</p>
                </blockquote>
                <p className="kern-body kern-body--small">
                  <Link className="kern-link" to={`${base}#antworten`} preventScrollReset>
                    {t.thread.removeQuote}
                  </Link>
                </p>
              </div>
            ) : null}
            <PostEditorField
              name="body"
              id="antwort"
              label={t.fields.reply}
              members={members}
              defaultText={reply.text}
              errors={reply.errors}
              onTyping={onTyping}
              draftKey={draftKey}
            />
            <div>
              <button type="submit" className="kern-btn kern-btn--primary">
                <span className="kern-label">{t.submitReply}</span>
              </button>
            </div>
          </Form>
        ) : (
          <p className="kern-body">{thread.locked && may.member ? t.thread.lockedNoReply : may.observer ? t.observerNote : group.status === "archiviert" ? t.archivedNote : t.thread.noReply}</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
