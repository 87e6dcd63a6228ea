import { Form, Link, useLocation } from "@remix-run/react";
import { FilterSelect } from "~/components/filter-select";
import { activityTexts as t } from "~/i18n/activity";
import { categoryValues } from "./feed-query";
import { FeedList, type FeedEntry } from "./feed-list";

export type FeedPageData = {
  entries: FeedEntry[];
  nextBefore: number | null;
  category: string | null;
  before: number | null;
  now: string;
};

/** Filter (GET form, works without JavaScript), the list, and "Ältere Aktivität" by cursor. */
export function FeedPage({ data, showGroup, emptyText, headingLevel }: { data: FeedPageData; showGroup: boolean; emptyText: string; headingLevel: 2 | 3 }) {
  const location = useLocation();
  const withParams = (set: Record<string, string | null>) => {
    const params = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries(set)) {
      if (v === null) params.delete(k);
      else params.set(k, v);
    }
    const query = params.toString();
    return query ? `${location.pathname}?${query}` : location.pathname;
  };
  return (
    <div className="kern-stack">
      <Form method="get" className="filter-bar" aria-labelledby="aktivitaet-filter">
        <h2 id="aktivitaet-filter" className="kern-sr-only">
          {t.filterTitle}
        </h2>
        <FilterSelect
          name="art"
          label={t.filterKind}
          allLabel={t.filterAll}
          value={data.category ?? undefined}
          options={categoryValues.map((c) => ({ value: c, label: t.categories[c] }))}
        />
        <div className="filter-bar__actions">
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t.filterApply}</span>
          </button>
          {data.category ? (
            <Link className="kern-link" to={location.pathname}>
              {t.filterReset}
            </Link>
          ) : null}
        </div>
      </Form>
      {data.entries.length === 0 ? (
        <p className="kern-body">{data.category ? t.noneFiltered : emptyText}</p>
      ) : (
        <FeedList entries={data.entries} now={data.now} showGroup={showGroup} headingLevel={headingLevel} />
      )}
      {data.nextBefore !== null || data.before !== null ? (
        <nav aria-label={t.paginationLabel} className="activity-more">
          {data.before !== null ? (
            <Link className="kern-link" to={withParams({ vor: null })}>
              {t.newest}
            </Link>
          ) : null}
          {data.nextBefore !== null ? (
            <Link className="kern-link" rel="next" to={withParams({ vor: String(data.nextBefore) })}>
              {t.older}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
