import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { invariantResponse } from "~/auth/guards.server";
import { Alert } from "~/components/alert";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireGroup } from "~/groups/group-guard.server";
import { de } from "~/i18n/de";
import { discussionTexts as t } from "~/i18n/discussion";
import { pageCursorFor } from "~/models/post.server";
import { listOpenReports, resolveReport } from "~/models/post-report.server";
import { readFormData } from "~/server/form-data.server";
import threadStyles from "~/styles/threads.css";
import { discussionHref, threadHref } from "~/threads/links";
import { isQueueIntent, queueActionSchemas } from "~/threads/schemas";
import { useGroupLayout } from "../gruppen.$slug/route";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: threadStyles }];

export const meta: MetaFunction = ({ matches }) => {
  const layout = matches.find((m) => m.id === "routes/gruppen.$slug")?.data as { group?: { title: string } } | undefined;
  return [{ title: [t.queue.title, layout?.group?.title, de.portal.name].filter(Boolean).join(" – ") }];
};

/** The report queue: the group moderation only (403 for everyone else who may read the group). */
export async function loader(args: LoaderFunctionArgs) {
  const { group } = requireGroup(args, "moderate:thread");
  return json({
    reports: listOpenReports(group.id).map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      href: threadHref(group.slug, r.threadId, { ...pageCursorFor(r.threadId, r.postId), postId: r.postId }),
    })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { user, group } = requireGroup(args, "moderate:thread");
  const formData = await readFormData(args.request);
  const intent = formData.get("intent");
  invariantResponse(isQueueIntent(intent), de.errors.badRequest, { status: 400 });
  if (intent === "dismiss") {
    const submission = parseWithZod(formData, { schema: queueActionSchemas.dismiss });
    invariantResponse(submission.status === "success", de.errors.badRequest, { status: 400 });
    const done = resolveReport(group.id, submission.value.reportId, "abgewiesen", user.id);
    invariantResponse(done, t.queue.gone, { status: 404 });
    return json({ ok: true, message: t.queue.dismissed, reportId: null, result: null });
  }
  const submission = parseWithZod(formData, { schema: queueActionSchemas["hide-reported"] });
  if (submission.status !== "success") {
    const reportId = Number(formData.get("reportId"));
    return json({ ok: false, message: null, reportId, result: submission.reply() }, { status: 400 });
  }
  const done = resolveReport(group.id, submission.value.reportId, "ausgeblendet", user.id, submission.value.reason);
  invariantResponse(done, t.queue.gone, { status: 404 });
  return json({ ok: true, message: t.queue.hidden, reportId: null, result: null });
}

export default function ReportQueue() {
  const { group } = useGroupLayout();
  const { reports } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="kern-stack">
      <p className="kern-body kern-body--small">
        <Link className="kern-link" to={discussionHref(group.slug)}>
          {t.thread.back}
        </Link>
      </p>
      <h2 className="kern-heading-large">{t.queue.title}</h2>
      <p className="kern-body">{t.queue.intro}</p>
      {actionData?.message ? <Alert variant="success">{actionData.message}</Alert> : null}
      {reports.length === 0 ? (
        <p className="kern-body">{t.queue.empty}</p>
      ) : (
        <ol className="report-list">
          {reports.map((r) => {
            const reasonId = `grund-${r.id}`;
            const error = actionData?.reportId === r.id ? actionData.result?.error?.reason?.[0] : undefined;
            return (
              <li key={r.id} className="report">
                <article aria-labelledby={`meldung-${r.id}`} className="kern-stack">
                  <h3 id={`meldung-${r.id}`} className="kern-heading-small">
                    {t.queue.inThread(r.threadTitle)}
                  </h3>
                  <p className="kern-body kern-body--small">{t.queue.reportedBy(r.reporterName ?? t.formerMember, de.common.dateTime(r.createdAt))}</p>
                  <p className="kern-body">
                    <strong>{t.queue.reason}:</strong> {r.reason}
                  </p>
                  <blockquote className="post-quote">
                    <p className="kern-body kern-body--small post-quote__author">{t.post.quoteOf(r.postAuthorName ?? t.formerMember)}</p>
                    <p className="kern-body post-quote__text">{r.postDeleted ? t.post.deleted : r.excerpt}</p>
                  </blockquote>
                  <p className="kern-body kern-body--small">
                    <Link className="kern-link" to={r.href}>
                      {t.queue.toPost}
                    </Link>
                  </p>
                  <div className="report__actions">
                    <Form method="post" className="form-stack">
                      <input type="hidden" name="reportId" value={r.id} />
                      <div className={`kern-form-input${error ? " kern-form-input--error" : ""}`}>
                        <label className="kern-label" htmlFor={reasonId}>
                          {t.fields.hideReason}
                        </label>
                        <div className="kern-hint" id={`${reasonId}-hint`}>
                          {t.fields.hideReasonHint}
                        </div>
                        {error ? (
                          <p className="kern-error" id={`${reasonId}-error`}>
                            <span className="kern-icon kern-icon--danger" aria-hidden="true" />
                            <span>{error}</span>
                          </p>
                        ) : null}
                        <input
                          id={reasonId}
                          name="reason"
                          defaultValue={r.reason}
                          maxLength={500}
                          aria-describedby={`${reasonId}-hint${error ? ` ${reasonId}-error` : ""}`}
                          aria-invalid={error ? true : undefined}
                          className="kern-form-input__input"
                        />
                      </div>
                      <div className="button-row button-row--start">
                        <button type="submit" name="intent" value="hide-reported" className="kern-btn kern-btn--primary kern-btn--small">
                          <span className="kern-label">{t.queue.hide}</span>
                        </button>
                        <button type="submit" name="intent" value="dismiss" className="kern-btn kern-btn--secondary kern-btn--small">
                          <span className="kern-label">{t.queue.dismiss}</span>
                        </button>
                      </div>
                    </Form>
                  </div>
                </article>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
