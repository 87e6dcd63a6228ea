import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { proposalStatuses, type ProposalStatus } from "../../../db/schema";
import { invariantResponse, requirePermission, requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { Alert } from "~/components/alert";
import { DataTable } from "~/components/data-table";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FilterSelect } from "~/components/filter-select";
import { de } from "~/i18n/de";
import { topicTexts as t } from "~/i18n/topics";
import { listProposals, toggleSupport, type ProposalSort } from "~/models/topic.server";
import { readFormData } from "~/server/form-data.server";
import { acceptsSupport } from "~/topics/state-machine";
import { SupportButton, TopicStatusBadge } from "~/topics/topic-ui";
import { listQuerySchema, listSupportSchema, proposalSorts } from "./schemas";

export const meta: MetaFunction = () => [{ title: `${t.listTitle} – ${de.portal.name}` }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const query = listQuerySchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const proposals = listProposals(user.id, { status: query.status, sort: query.sortierung });
  return json({
    proposals: proposals.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })),
    query,
    mayPropose: can(user, "propose:topic"),
    maySupport: can(user, "support:topic"),
  });
}

/** The "Unterstützen" toggle of a row; the same model call as on the proposal page. */
export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "support:topic");
  const submission = parseWithZod(await readFormData(args.request), { schema: listSupportSchema });
  invariantResponse(submission.status === "success", de.errors.badRequest, { status: 400 });
  const outcome = toggleSupport(submission.value.proposalId, user.id, false);
  invariantResponse(outcome !== "not_found", t.notFound, { status: 404 });
  return json({ outcome }, { status: outcome === "closed" ? 409 : 200 });
}

const supportMessage = { added: t.supportAdded, removed: t.supportRemoved, closed: t.closedSupport } as const;

export default function TopicList() {
  const { proposals, query, mayPropose, maySupport } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="kern-stack page-wide">
      <h1 className="kern-heading-large">{t.listTitle}</h1>
      <p className="kern-body page-narrow">{t.listIntro}</p>
      {mayPropose ? (
        <p>
          <Link className="kern-btn kern-btn--primary" to="/themen/neu">
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">{t.propose}</span>
          </Link>
        </p>
      ) : null}
      {actionData ? (
        <Alert variant={actionData.outcome === "closed" ? "warning" : "success"}>{supportMessage[actionData.outcome]}</Alert>
      ) : null}

      <section aria-labelledby="auswahl" className="kern-stack">
        <h2 id="auswahl" className="kern-heading-medium">{t.filterTitle}</h2>
        <SortSwitch status={query.status} sort={query.sortierung} />
        <Form method="get" className="filter-bar">
          <input type="hidden" name="sortierung" value={query.sortierung} />
          <FilterSelect name="status" label={t.filterStatus} allLabel={t.filterAll} value={query.status} options={proposalStatuses.map((s) => ({ value: s, label: t.status[s] }))} />
          <div className="filter-bar__actions">
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t.filterApply}</span>
            </button>
            <Link className="kern-link" to={`/themen?sortierung=${query.sortierung}`}>{t.filterReset}</Link>
          </div>
        </Form>
      </section>

      <section aria-labelledby="vorschlaege" className="kern-stack">
        <h2 id="vorschlaege" className="kern-heading-medium">{t.resultCount(proposals.length)}</h2>
        {proposals.length === 0 ? (
          <p className="kern-body">{t.none}</p>
        ) : (
          <DataTable caption={t.listTitle} columns={[t.colTopic, t.colStatus, t.colSupport, t.colComments, t.colAction]}>
            {proposals.map((p) => (
              <tr key={p.id} className="kern-table__row">
                <td className="kern-table__cell">
                  <Link className="kern-link" to={`/themen/${p.id}`}>{p.title}</Link>
                  {p.loge ? <p className="kern-body kern-body--small">{p.loge}</p> : null}
                  <p className="kern-body kern-body--small kern-body--muted">
                    {t.proposedBy(p.proposerName ?? t.unknownPerson, de.common.date(p.createdAt))}
                  </p>
                </td>
                <td className="kern-table__cell">
                  <TopicStatusBadge status={p.status} />
                </td>
                <td className="kern-table__cell">
                  {t.supportShort(p.supports)}
                  {p.supportedByMe ? <p className="kern-body kern-body--small">{t.supportedByMe}</p> : null}
                </td>
                <td className="kern-table__cell">{p.comments}</td>
                <td className="kern-table__cell">
                  {maySupport && acceptsSupport(p.status) ? (
                    <Form method="post" className="inline-form" preventScrollReset>
                      <input type="hidden" name="proposalId" value={p.id} />
                      <SupportButton pressed={p.supportedByMe} label={t.supportLabel(p.title)} small />
                    </Form>
                  ) : (
                    t.noAction
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}

/** Links, not a script: the order is part of the address and works without JavaScript. */
function SortSwitch({ status, sort }: { status?: ProposalStatus; sort: ProposalSort }) {
  const labels: Record<ProposalSort, string> = { unterstuetzung: t.sortBySupport, neu: t.sortByNewest };
  const href = (s: ProposalSort) => `/themen?${new URLSearchParams({ ...(status ? { status } : {}), sortierung: s })}`;
  return (
    <nav aria-labelledby="sortierung-titel">
      <p id="sortierung-titel" className="kern-body kern-body--bold">{t.sortLabel}</p>
      <ul className="kern-list kern-list--horizontal">
        {proposalSorts.map((s) => (
          <li key={s}>
            <Link className="kern-link" to={href(s)} aria-current={s === sort ? "true" : undefined}>
              {s === sort ? <strong>{labels[s]}</strong> : labels[s]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
