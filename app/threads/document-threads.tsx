import { Link } from "@remix-run/react";
import { Section } from "~/components/page-section";
import { de } from "~/i18n/de";
import { discussionTexts as t } from "~/i18n/discussion";
import { newThreadHref, threadHref } from "./links";

export type DocumentThread = {
  id: number;
  title: string;
  headingText: string | null;
  lastPostAt: string;
  postCount: number;
  locked: boolean;
};

/**
 * On a document page: the threads that discuss it (text and discussion linked
 * both ways), and a link that opens the new-thread form with this document chosen.
 */
export function DocumentThreads({ slug, documentId, threads, mayStart }: { slug: string; documentId: number; threads: DocumentThread[]; mayStart: boolean }) {
  return (
    <Section id="diskussionen" title={t.documentSide.title}>
      {threads.length ? (
        <ul className="kern-list document-threads__list">
          {threads.map((th) => (
            <li key={th.id}>
              <Link className="kern-link" to={threadHref(slug, th.id)}>
                {th.title}
              </Link>
              {th.headingText ? <span className="kern-body kern-body--small"> – {t.documentSide.heading(th.headingText)}</span> : null}
              <span className="kern-body kern-body--small"> ({t.documentSide.threadLine(th.postCount, de.common.date(th.lastPostAt))}{th.locked ? `, ${t.locked}` : ""})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="kern-body">{t.documentSide.empty}</p>
      )}
      {mayStart ? (
        <p className="kern-body">
          <Link className="kern-link" to={newThreadHref(slug, documentId)}>
            {t.documentSide.start}
          </Link>
        </p>
      ) : null}
    </Section>
  );
}
