import { Link } from "@remix-run/react";
import { discussionTexts as t } from "~/i18n/discussion";

/** "Angeheftet" and "Geschlossen" as KERN badges with text (not colour alone). */
export function ThreadBadges({ pinned, locked }: { pinned: boolean; locked: boolean }) {
  if (!pinned && !locked) return null;
  return (
    <p className="badge-row">
      {pinned ? (
        <span className="kern-badge kern-badge--info">
          <span className="kern-label">{t.pinned}</span>
        </span>
      ) : null}
      {locked ? (
        <span className="kern-badge kern-badge--warning">
          <span className="kern-label">{t.locked}</span>
        </span>
      ) : null}
    </p>
  );
}

/** The document (and section) a thread discusses, linked to that place in the document. */
export function ThreadReference({
  slug,
  document,
  heading,
}: {
  slug: string;
  document: { id: number; title: string } | null;
  heading: { text: string; anchor: string } | null;
}) {
  if (!document) return null;
  const href = `/gruppen/${slug}/dokumente/${document.id}${heading?.anchor ? `#${heading.anchor}` : ""}`;
  return (
    <p className="kern-body thread-reference">
      <Link className="kern-link" to={href}>
        {heading ? t.aboutHeading(document.title, heading.text) : t.aboutDocument(document.title)}
      </Link>
    </p>
  );
}
