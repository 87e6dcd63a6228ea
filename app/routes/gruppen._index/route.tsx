import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { groupStatuses } from "../../../db/schema";
import { requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { FilterSelect } from "~/components/filter-select";
import { GroupBadges } from "~/components/group-badges";
import { Pagination } from "~/components/pagination";
import { loges } from "~/groups/loges";
import { de } from "~/i18n/de";
import { groupTexts as t } from "~/i18n/groups";
import { listGroups } from "~/models/group.server";

export const meta: MetaFunction = () => [{ title: `${t.listTitle} – ${de.portal.name}` }];

// Unknown filter values are ignored rather than refused: a shared link with an old value still works.
const filterSchema = z.object({
  status: z.enum(groupStatuses).optional().catch(undefined),
  loge: z.enum(loges).optional().catch(undefined),
  meine: z.literal("1").optional().catch(undefined),
  seite: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const params = new URL(args.request.url).searchParams;
  const filter = filterSchema.parse(Object.fromEntries(params));
  const list = listGroups(user, { status: filter.status, loge: filter.loge, mine: filter.meine === "1" }, filter.seite ?? 1);
  return json({
    ...list,
    filter,
    mayCreate: can(user, "create:group"),
  });
}

export default function GroupList() {
  const { groups, total, page, pageCount, filter, mayCreate } = useLoaderData<typeof loader>();
  return (
    <div className="kern-stack page-wide">
      <div className="title-row">
        <h1 className="kern-heading-large">{t.listTitle}</h1>
        {mayCreate ? (
          <Link className="kern-btn kern-btn--primary" to="/gruppen/neu">
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">{t.newGroup}</span>
          </Link>
        ) : null}
      </div>
      <p className="kern-body page-narrow">{t.listIntro}</p>

      <Form method="get" className="filter-bar" aria-labelledby="filter-titel">
        <h2 id="filter-titel" className="kern-sr-only">{t.filterTitle}</h2>
        <FilterSelect name="status" label={t.filterStatus} allLabel={t.filterAll} value={filter.status} options={groupStatuses.map((s) => ({ value: s, label: t.status[s] }))} />
        <FilterSelect name="loge" label={t.filterLoge} allLabel={t.filterAll} value={filter.loge} options={loges.map((l) => ({ value: l, label: l }))} />
        <div className="kern-form-check">
          <input className="kern-form-check__checkbox" type="checkbox" id="filter-meine" name="meine" value="1" defaultChecked={filter.meine === "1"} />
          <label className="kern-label" htmlFor="filter-meine">{t.filterMine}</label>
        </div>
        <div className="filter-bar__actions">
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t.filterApply}</span>
          </button>
          <Link className="kern-link" to="/gruppen">{t.filterReset}</Link>
        </div>
      </Form>

      <p className="kern-body" role="status">{t.resultCount(total)}</p>
      {groups.length === 0 ? (
        <p className="kern-body">{t.none}</p>
      ) : (
        <ul className="card-grid card-grid--wide" role="list">
          {groups.map((g) => (
            <li key={g.id} className="kern-card">
              <div className="kern-card__container">
                <div className="kern-card__header">
                  {g.loge ? <p className="kern-preline kern-preline--small">{t.logeLine(g.loge)}</p> : null}
                  <h2 className="kern-title">
                    <Link className="kern-link" to={`/gruppen/${g.slug}`}>{g.title}</Link>
                  </h2>
                </div>
                <div className="kern-card__body kern-stack">
                  <GroupBadges status={g.status} visibility={g.visibility} role={g.myRole} />
                  <p className="kern-body kern-body--small line-clamp">{g.description}</p>
                  <p className="kern-body kern-body--small">
                    {t.members(g.members)} ·{" "}
                    {g.milestonesTotal > 0 ? t.milestonesProgress(g.milestonesDone, g.milestonesTotal) : t.noMilestones}
                  </p>
                  {g.milestonesTotal > 0 ? (
                    <progress className="kern-progress" max={g.milestonesTotal} value={g.milestonesDone} aria-label={t.milestonesProgress(g.milestonesDone, g.milestonesTotal)} />
                  ) : null}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} label={t.pagesLabel} />
    </div>
  );
}
