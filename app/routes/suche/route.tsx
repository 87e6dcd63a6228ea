import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { Alert } from "~/components/alert";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/filter-select";
import { de } from "~/i18n/de";
import { searchTexts as t } from "~/i18n/search";
import { listGroupTitles } from "~/models/group.server";
import { search } from "~/models/search.server";
import { KIND_PARAMS, kindFromParam, SEARCH_KINDS } from "~/search/kinds";
import { ResultList } from "./result-list";
import { searchParamsSchema } from "./schemas";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: [data?.q ? t.resultsFor(data.q) : t.title, de.portal.name].join(" – ") },
];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const params = searchParamsSchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const q = params.q?.trim() ?? "";
  const kind = kindFromParam(params.typ ?? null);
  // The result filters by permission itself; this list only offers the groups the user may read.
  const groups = listGroupTitles(user);
  // No "q" at all: the empty form. An empty or unusable "q": a German message, status 200.
  const result = params.q === undefined ? null : search(user, { q, kind, groupId: params.gruppe, page: params.seite ?? 1 });
  return json({ q, typ: params.typ, gruppe: params.gruppe, groups, result });
}

export default function SearchPage() {
  const { q, typ, gruppe, groups, result } = useLoaderData<typeof loader>();
  const problem = result && !result.ok ? (result.reason === "too_long" ? t.tooLong : t.empty) : null;
  return (
    <div className="kern-stack page-wide">
      <h1 className="kern-heading-large">{t.title}</h1>
      <p className="kern-body page-narrow">{t.intro}</p>

      <Form method="get" action="/suche" className="filter-bar" role="search" aria-label={t.pageFormLabel}>
        <div className={`kern-form-input${problem ? " kern-form-input--error" : ""}`}>
          <label className="kern-label" htmlFor="suche-q">
            {t.field}
          </label>
          <div className="kern-hint" id="suche-q-hint">
            {t.fieldHint}
          </div>
          {problem ? (
            <p className="kern-error" id="suche-q-error" role="alert">
              <span className="kern-icon kern-icon--danger kern-icon--md" aria-hidden="true" />
              <span className="kern-body">{problem}</span>
            </p>
          ) : null}
          <input
            id="suche-q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={400}
            className={`kern-form-input__input${problem ? " kern-form-input__input--error" : ""}`}
            aria-describedby={problem ? "suche-q-hint suche-q-error" : "suche-q-hint"}
            aria-invalid={problem ? true : undefined}
          />
        </div>
        <FilterSelect name="typ" label={t.filterType} allLabel={t.filterAll} value={typ} options={SEARCH_KINDS.map((k) => ({ value: KIND_PARAMS[k], label: t.kindFilter[k] }))} />
        <FilterSelect name="gruppe" label={t.filterGroup} allLabel={t.filterAll} value={gruppe ? String(gruppe) : undefined} options={groups.map((g) => ({ value: String(g.id), label: g.title }))} />
        <div className="filter-bar__actions">
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-icon kern-icon--search" aria-hidden="true" />
            <span className="kern-label">{t.submit}</span>
          </button>
        </div>
      </Form>

      {result?.ok ? (
        <section className="kern-stack" aria-labelledby="suche-ergebnisse">
          <h2 id="suche-ergebnisse" className="kern-heading-medium">
            {t.resultsFor(q)}
          </h2>
          {result.fallback ? <Alert variant="info">{t.shortQuery}</Alert> : null}
          {result.indexing ? <Alert variant="info">{t.indexing}</Alert> : null}
          <p className="kern-body" role="status">
            {result.hits.length ? t.pageHits(result.hits.length, result.page) : t.none(q)}
          </p>
          {result.hits.length ? <ResultList hits={result.hits} /> : null}
          <PrevNext page={result.page} hasNext={result.hasNext} />
        </section>
      ) : null}
    </div>
  );
}

/** Previous/next links keeping the query and filters; the total is not counted (a large index would pay for it on every page). */
function PrevNext({ page, hasNext }: { page: number; hasNext: boolean }) {
  const location = useLocation();
  if (page === 1 && !hasNext) return null;
  const hrefFor = (n: number) => {
    const params = new URLSearchParams(location.search);
    if (n === 1) params.delete("seite");
    else params.set("seite", String(n));
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <nav aria-label={t.pagesLabel} className="pagination">
      {page > 1 ? (
        <Link className="kern-link" to={hrefFor(page - 1)} rel="prev">
          {de.pagination.previous}
        </Link>
      ) : null}
      <span className="kern-body" aria-current="page">
        {t.page(page)}
      </span>
      {hasNext ? (
        <Link className="kern-link" to={hrefFor(page + 1)} rel="next">
          {de.pagination.next}
        </Link>
      ) : null}
    </nav>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
