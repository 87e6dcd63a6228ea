import { Form, Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { de } from "~/i18n/de";
import { discussionTexts as t } from "~/i18n/discussion";
import { postAnchor } from "./links";

export type PostView = {
  id: number;
  authorName: string | null;
  createdAt: string;
  editedAt: string | null;
  state: "visible" | "deleted" | "hidden";
  /** Server-rendered from the post schema (renderPostHtml); null when the viewer may not see the text. */
  html: string | null;
  hiddenReason: string | null;
  hiddenByName: string | null;
  quote: { id: number; authorName: string | null; excerpt: string | null; onPage: boolean; cursor: { after?: number } | null } | null;
  versions: { id: number; writtenAt: string; html: string }[];
  may: { quote: boolean; edit: boolean; delete: boolean; report: boolean; hide: boolean };
};

/** The current URL with some search parameters changed, for the no-JavaScript links (quote, edit). */
function useHrefWith() {
  const location = useLocation();
  return (changes: Record<string, string | null>, hash?: string) => {
    const params = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) params.delete(k);
      else params.set(k, v);
    }
    const query = params.toString();
    return `${location.pathname}${query ? `?${query}` : ""}${hash ? `#${hash}` : ""}`;
  };
}

/** One post: author, time, edit marker, quote block, text (or its notice), and the actions this viewer may take. */
export function PostItem({ post, editor }: { post: PostView; editor?: ReactNode }) {
  const hrefWith = useHrefWith();
  const author = post.authorName ?? t.formerMember;
  const when = de.common.dateTime(post.createdAt);
  const headingId = `${postAnchor(post.id)}-kopf`;
  return (
    <article id={postAnchor(post.id)} className={`post post--${post.state}`} aria-labelledby={headingId} tabIndex={-1}>
      <header className="post__header">
        <h3 id={headingId} className="post__author kern-heading-x-small">
          <span className="kern-sr-only">{t.post.label(author, when)}</span>
          <span aria-hidden="true">{author}</span>
        </h3>
        <p className="kern-body kern-body--small post__meta">
          <a className="kern-link" href={`#${postAnchor(post.id)}`}>
            <time dateTime={post.createdAt}>{when}</time>
          </a>
          {post.editedAt && post.state === "visible" ? <span className="post__edited"> · {t.post.edited(de.common.dateTime(post.editedAt))}</span> : null}
        </p>
      </header>

      {post.quote && post.state === "visible" ? <QuoteBlock quote={post.quote} hrefWith={hrefWith} /> : null}

      {editor ? (
        editor
      ) : post.state === "deleted" ? (
        <p className="kern-body post__notice">{t.post.deleted}</p>
      ) : post.state === "hidden" ? (
        <>
          <p className="kern-body post__notice">
            {post.hiddenByName ? t.post.hiddenForModeration(post.hiddenReason ?? "", post.hiddenByName) : t.post.hiddenNotice(post.hiddenReason ?? "")}
          </p>
          {post.html ? <div className="post__body post__body--hidden" dangerouslySetInnerHTML={{ __html: post.html }} /> : null}
        </>
      ) : (
        <div className="post__body" dangerouslySetInnerHTML={{ __html: post.html ?? "" }} />
      )}

      {post.versions.length ? (
        <details className="post__versions">
          <summary className="kern-body kern-body--small">{t.post.versions(post.versions.length)}</summary>
          <ol className="post__version-list">
            {post.versions.map((v) => (
              <li key={v.id}>
                <p className="kern-body kern-body--small">{t.post.versionOf(de.common.dateTime(v.writtenAt))}</p>
                <div className="post__body" dangerouslySetInnerHTML={{ __html: v.html }} />
              </li>
            ))}
          </ol>
        </details>
      ) : null}

      {editor ? null : <PostActions post={post} author={author} when={when} hrefWith={hrefWith} />}
    </article>
  );
}

function QuoteBlock({ quote, hrefWith }: { quote: NonNullable<PostView["quote"]>; hrefWith: ReturnType<typeof useHrefWith> }) {
  if (!quote.excerpt) {
    return <p className="kern-body kern-body--small post-quote post-quote--gone">{t.post.quoteGone}</p>;
  }
  const href = quote.onPage
    ? `#${postAnchor(quote.id)}`
    : hrefWith({ nach: quote.cursor?.after !== undefined ? String(quote.cursor.after) : null, vor: null, zitat: null, bearbeiten: null }, postAnchor(quote.id));
  return (
    <blockquote className="post-quote">
      <p className="kern-body kern-body--small post-quote__author">{t.post.quoteOf(quote.authorName ?? t.formerMember)}</p>
      <p className="kern-body post-quote__text">{quote.excerpt}</p>
      <p className="kern-body kern-body--small">
        <a className="kern-link" href={href}>
          {t.post.toQuoted}
        </a>
      </p>
    </blockquote>
  );
}

/** Small forms and links; each one works without JavaScript. */
function PostActions({ post, author, when, hrefWith }: { post: PostView; author: string; when: string; hrefWith: ReturnType<typeof useHrefWith> }) {
  const { may } = post;
  if (!may.quote && !may.edit && !may.delete && !may.report && !may.hide) return null;
  return (
    <div className="post__actions">
      {may.quote ? (
        <Link className="kern-link kern-body--small" to={hrefWith({ zitat: String(post.id), bearbeiten: null }, "antworten")} aria-label={t.post.quoteLabel(author)} preventScrollReset>
          {t.post.quote}
        </Link>
      ) : null}
      {may.edit ? (
        <Link className="kern-link kern-body--small" to={hrefWith({ bearbeiten: String(post.id), zitat: null }, postAnchor(post.id))} aria-label={t.post.editLabel(when)} preventScrollReset>
          {t.post.edit}
        </Link>
      ) : null}
      {may.delete ? (
        <Form method="post" className="inline-form" preventScrollReset>
          <input type="hidden" name="postId" value={post.id} />
          <button type="submit" name="intent" value="delete" className="kern-btn kern-btn--tertiary kern-btn--x-small" aria-label={t.post.deleteLabel(when)}>
            <span className="kern-label">{t.post.delete}</span>
          </button>
        </Form>
      ) : null}
      {may.report ? <ReasonForm post={post} intent="report" summary={t.post.report} label={t.fields.reportReason} hint={t.fields.reportReasonHint} submit={t.post.reportSubmit} /> : null}
      {may.hide ? <ReasonForm post={post} intent="hide" summary={t.post.hide} label={t.fields.hideReason} hint={t.fields.hideReasonHint} submit={t.post.hideSubmit} /> : null}
    </div>
  );
}

/** "Melden" and "Ausblenden": a reason is needed, so the form folds out (native <details>, no script). */
function ReasonForm({ post, intent, summary, label, hint, submit }: { post: PostView; intent: "report" | "hide"; summary: string; label: string; hint: string; submit: string }) {
  const id = `${intent}-${post.id}`;
  return (
    <details className="post__fold">
      <summary className="kern-link kern-body--small">{summary}</summary>
      <Form method="post" className="form-stack post__fold-form" preventScrollReset>
        <input type="hidden" name="postId" value={post.id} />
        <div className="kern-form-input">
          <label className="kern-label" htmlFor={id}>
            {label}
          </label>
          <div className="kern-hint" id={`${id}-hint`}>
            {hint}
          </div>
          <textarea id={id} name="reason" required maxLength={500} rows={2} aria-describedby={`${id}-hint`} className="kern-form-input__input" />
        </div>
        <div>
          <button type="submit" name="intent" value={intent} className="kern-btn kern-btn--secondary kern-btn--small">
            <span className="kern-label">{submit}</span>
          </button>
        </div>
      </Form>
    </details>
  );
}
