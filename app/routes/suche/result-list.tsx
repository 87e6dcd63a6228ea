import { Link } from "@remix-run/react";
import { searchTexts as t } from "~/i18n/search";
import type { SearchHit } from "~/models/search.server";
import { threadHref } from "~/threads/links";

/** Where a hit lives: documents open the document page, posts jump to the post in its thread. */
export function hitHref(hit: SearchHit): string {
  const slug = hit.group?.slug ?? "";
  switch (hit.kind) {
    case "group":
      return `/gruppen/${slug}`;
    case "document":
      return `/gruppen/${slug}/dokumente/${hit.id}`;
    case "post":
      // The thread page starts after the cursor, so the post is on the page the anchor points into.
      return threadHref(slug, hit.threadId ?? 0, { after: hit.id - 1, postId: hit.id });
    case "topic":
      return `/themen/${hit.id}`;
    case "material":
      return `/gruppen/${slug}/materialien`;
  }
}

const badgeVariant = { group: "info", document: "success", post: "warning", topic: "info", material: "info" } as const;

export function ResultList({ hits }: { hits: SearchHit[] }) {
  return (
    <ol className="search-results" role="list">
      {hits.map((hit) => (
        <li key={`${hit.kind}-${hit.id}`} className="search-result kern-stack">
          <p className="search-result__meta kern-body kern-body--small">
            <span className={`kern-badge kern-badge--${badgeVariant[hit.kind]}`}>
              <span className="kern-label kern-label--small">{t.kinds[hit.kind]}</span>
            </span>{" "}
            {hit.group && hit.kind !== "group" ? (
              <Link className="kern-link" to={`/gruppen/${hit.group.slug}`}>
                {t.inGroup(hit.group.title)}
              </Link>
            ) : null}
          </p>
          <h3 className="kern-heading-x-small">
            <Link className="kern-link" to={hitHref(hit)}>
              {hit.kind === "post" ? t.inThread(hit.title) : hit.title}
            </Link>
          </h3>
          {/* Escaped by highlightExcerpt (app/search/highlight.ts); the only markup in it is our <mark>. */}
          <p className="kern-body search-result__snippet" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
        </li>
      ))}
    </ol>
  );
}
