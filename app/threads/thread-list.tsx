import { Link } from "@remix-run/react";
import { DataTable } from "~/components/data-table";
import { de } from "~/i18n/de";
import { discussionTexts as t } from "~/i18n/discussion";
import { threadHref } from "./links";
import { ThreadBadges } from "./thread-badges";

export type ThreadListRow = {
  id: number;
  title: string;
  authorName: string | null;
  createdAt: string;
  lastPostAt: string;
  pinned: boolean;
  locked: boolean;
  documentId: number | null;
  documentTitle: string | null;
  headingText: string | null;
  postCount: number;
  lastPostAuthor: string | null;
  unread: number;
  /** The first unread post's address (app/threads/first-unread.server.ts); null when all is read. */
  firstUnreadHref: string | null;
};

/**
 * The threads of a group: title (with badges and the document it discusses), posts, last post, unread.
 * The title leads to the first unread post when there is one, else to the start of the thread.
 */
export function ThreadList({ slug, threads }: { slug: string; threads: ThreadListRow[] }) {
  const c = t.columns;
  return (
    <DataTable caption={t.listTitle} columns={[c.topic, c.posts, c.lastPost, c.unread]}>
      {threads.map((th) => (
        <tr key={th.id} className={`kern-table__row${th.unread > 0 ? " thread-row--unread" : ""}`}>
          <td className="kern-table__cell">
            <Link className="kern-link thread-row__title" to={th.firstUnreadHref ?? threadHref(slug, th.id)}>
              {th.title}
            </Link>
            <ThreadBadges pinned={th.pinned} locked={th.locked} />
            <p className="kern-body kern-body--small">{t.startedBy(th.authorName ?? t.formerMember, de.common.date(th.createdAt))}</p>
            {th.documentId !== null && th.documentTitle ? (
              <p className="kern-body kern-body--small">
                {th.headingText ? t.aboutHeading(th.documentTitle, th.headingText) : t.aboutDocument(th.documentTitle)}
              </p>
            ) : null}
          </td>
          <td className="kern-table__cell">{th.postCount}</td>
          <td className="kern-table__cell">{t.lastPostBy(th.lastPostAuthor ?? t.formerMember, de.common.dateTime(th.lastPostAt))}</td>
          <td className="kern-table__cell">
            {th.unread > 0 ? (
              <span className="kern-badge kern-badge--success">
                <span className="kern-label">{t.unreadBadge(th.unread)}</span>
              </span>
            ) : (
              t.noneUnread
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
