import { Form, Link } from "@remix-run/react";
import { Section } from "~/components/page-section";
import { de } from "~/i18n/de";
import { discussionTexts as t } from "~/i18n/discussion";
import { newThreadHref, threadHref } from "./links";

export type DocumentThread = {
  id: number;
  title: string;
  headingText: string | null;
  /** The heading's id in the rendered text (app/documents/heading-anchor.ts); null when it is no longer there. */
  headingAnchor: string | null;
  lastPostAt: string;
  postCount: number;
  locked: boolean;
};

type Props = {
  slug: string;
  documentId: number;
  threads: DocumentThread[];
  mayStart: boolean;
  /** The document's headings, for "Abschnitt diskutieren" (empty for those who may not start a thread). */
  headings: { anchor: string; text: string; level: number }[];
};

/**
 * On a document page: the threads that discuss it, each with a link to the
 * heading it is about (text and discussion linked both ways), and for those
 * who may start one, the new-thread form with this document chosen, for the
 * whole document or a section of it (a GET form: works without JavaScript).
 */
export function DocumentThreads({ slug, documentId, threads, mayStart, headings }: Props) {
  // Sub-sections indented by a dash per level below the document's top heading level.
  const top = Math.min(...headings.map((h) => h.level));
  return (
    <Section id="diskussionen" title={t.documentSide.title}>
      {threads.length ? (
        <ul className="kern-list document-threads__list">
          {threads.map((th) => (
            <li key={th.id}>
              <Link className="kern-link" to={threadHref(slug, th.id)}>
                {th.title}
              </Link>
              {th.headingText ? (
                <span className="kern-body kern-body--small">
                  {" – "}
                  {th.headingAnchor ? (
                    <a className="kern-link" href={`#${th.headingAnchor}`}>
                      {t.documentSide.heading(th.headingText)}
                    </a>
                  ) : (
                    t.documentSide.heading(th.headingText)
                  )}
                </span>
              ) : null}
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
      {mayStart && headings.length ? (
        <Form method="get" action={newThreadHref(slug)} className="form-stack document-threads__section">
          <input type="hidden" name="dokument" value={documentId} />
          <div className="kern-form-input">
            {/* Not "abschnitt-…": those ids belong to the headings of the text. */}
            <label className="kern-label" htmlFor="diskussion-abschnitt">
              {t.documentSide.sectionLabel}
            </label>
            <div className="kern-hint" id="diskussion-abschnitt-hinweis">
              {t.documentSide.sectionHint}
            </div>
            <div className="kern-form-input__select-wrapper">
              <select id="diskussion-abschnitt" name="abschnitt" className="kern-form-input__select" aria-describedby="diskussion-abschnitt-hinweis">
                {headings.map((h) => (
                  <option key={h.anchor} value={h.anchor}>
                    {`${"– ".repeat(h.level - top)}${h.text}`}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div>
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t.documentSide.startSection}</span>
            </button>
          </div>
        </Form>
      ) : null}
    </Section>
  );
}
