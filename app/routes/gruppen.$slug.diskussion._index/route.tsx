import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden, invariantResponse } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { Alert } from "~/components/alert";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Pagination } from "~/components/pagination";
import { requireGroup } from "~/groups/group-guard.server";
import { de } from "~/i18n/de";
import { discussionTexts as t } from "~/i18n/discussion";
import { countOpenReports } from "~/models/post-report.server";
import { markAllRead } from "~/models/thread-read.server";
import { listThreads } from "~/models/thread.server";
import { readFormData } from "~/server/form-data.server";
import threadStyles from "~/styles/threads.css";
import { firstUnreadIn } from "~/threads/first-unread.server";
import { discussionHref, newThreadHref, positiveIntParam } from "~/threads/links";
import { markAllReadSchema } from "~/threads/schemas";
import { ThreadList } from "~/threads/thread-list";
import { useGroupLayout } from "../gruppen.$slug/route";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: threadStyles }];

export const meta: MetaFunction = ({ matches }) => {
  const layout = matches.find((m) => m.id === "routes/gruppen.$slug")?.data as { group?: { title: string } } | undefined;
  return [{ title: [t.title, layout?.group?.title, de.portal.name].filter(Boolean).join(" – ") }];
};

export async function loader(args: LoaderFunctionArgs) {
  const { user, group, access } = requireGroup(args);
  if (!can(user, "read:thread", access)) throw new Response(t.errors.threadNotFound, { status: 404 });
  const page = positiveIntParam(new URL(args.request.url).searchParams.get("seite")) ?? 1;
  const list = listThreads(group.id, user.id, page);
  const moderate = can(user, "moderate:thread", access);
  return json({
    threads: list.threads.map((th) => ({
      ...th,
      createdAt: th.createdAt.toISOString(),
      lastPostAt: th.lastPostAt.toISOString(),
      // A thread with unread posts opens at the first of them (the right page, scrolled to it).
      firstUnreadHref: th.unread > 0 ? (firstUnreadIn(group.slug, th.id, user.id)?.href ?? null) : null,
    })),
    page: list.page,
    pageCount: list.pageCount,
    anyUnread: list.threads.some((th) => th.unread > 0),
    openReports: moderate ? countOpenReports(group.id) : null,
    observer: user.role === "observer" && access.membership === null,
  });
}

/** "Alle als gelesen markieren"; reading is per person, so everyone who may read may do it. */
export async function action(args: ActionFunctionArgs) {
  const { user, group, access } = requireGroup(args);
  if (!can(user, "read:thread", access)) forbidden();
  const submission = parseWithZod(await readFormData(args.request), { schema: markAllReadSchema });
  invariantResponse(submission.status === "success", de.errors.badRequest, { status: 400 });
  markAllRead(group.id, user.id);
  return json({ message: t.markedAllRead });
}

export default function DiscussionTab() {
  const { group, may } = useGroupLayout();
  const { threads, page, pageCount, anyUnread, openReports, observer } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="kern-stack">
      {actionData?.message ? <Alert variant="success">{actionData.message}</Alert> : null}
      <section aria-labelledby="themen" className="kern-stack">
        <div className="thread-list__head">
          <h2 id="themen" className="kern-heading-medium">
            {t.listTitle}
          </h2>
          {may.createThread ? (
            <Link className="kern-btn kern-btn--primary" to={newThreadHref(group.slug)}>
              <span className="kern-label">{t.newThread}</span>
            </Link>
          ) : null}
        </div>
        <p className="kern-body">{t.intro}</p>
        {openReports !== null ? (
          <p className="kern-body">
            <Link className="kern-link" to={`${discussionHref(group.slug)}/meldungen`}>
              {t.reportQueueCount(openReports)}
            </Link>
          </p>
        ) : null}
        {threads.length === 0 ? (
          <p className="kern-body">{t.empty}</p>
        ) : (
          <ThreadList slug={group.slug} threads={threads} />
        )}
        <Pagination page={page} pageCount={pageCount} label={t.listPagination} />
        {anyUnread ? (
          <Form method="post">
            <button type="submit" name="intent" value="mark-all-read" className="kern-btn kern-btn--secondary kern-btn--small">
              <span className="kern-label">{t.markAllRead}</span>
            </button>
          </Form>
        ) : null}
        {may.createThread ? null : (
          <p className="kern-body kern-body--small">{observer ? t.observerNote : group.status === "archiviert" ? t.archivedNote : t.noCreate}</p>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
