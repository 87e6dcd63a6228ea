import { Link, useLocation } from "@remix-run/react";
import { de } from "~/i18n/de";

/** Previous/next links that keep the current filters; plain links, so they work without JavaScript. */
export function Pagination({ page, pageCount, label, param = "seite" }: { page: number; pageCount: number; label: string; param?: string }) {
  const location = useLocation();
  if (pageCount <= 1) return null;
  const hrefFor = (n: number) => {
    const params = new URLSearchParams(location.search);
    if (n === 1) params.delete(param);
    else params.set(param, String(n));
    const query = params.toString();
    return query ? `${location.pathname}?${query}` : location.pathname;
  };
  return (
    <nav aria-label={label} className="pagination">
      {page > 1 ? (
        <Link className="kern-link" to={hrefFor(page - 1)} rel="prev">
          {de.pagination.previous}
        </Link>
      ) : null}
      <span className="kern-body" aria-current="page">
        {de.pagination.pageOf(page, pageCount)}
      </span>
      {page < pageCount ? (
        <Link className="kern-link" to={hrefFor(page + 1)} rel="next">
          {de.pagination.next}
        </Link>
      ) : null}
    </nav>
  );
}
