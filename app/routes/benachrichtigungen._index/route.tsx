import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { invariantResponse, requirePermission } from "~/auth/guards.server";
import { Alert } from "~/components/alert";
import { Pagination } from "~/components/pagination";
import { de } from "~/i18n/de";
import { notificationTexts as t } from "~/i18n/notifications";
import { listNotifications, markAllNotificationsRead, markNotificationRead } from "~/models/notification.server";
import { readFormData } from "~/server/form-data.server";
import { readAllSchema, readOneSchema } from "./schemas";

export const meta: MetaFunction = () => [{ title: `${t.listTitle} – ${de.portal.name}` }];

export async function loader(args: LoaderFunctionArgs) {
  // Only one's own notifications: the user id is in every query's where clause.
  const user = requirePermission(args, "read:portal");
  const page = Number(new URL(args.request.url).searchParams.get("seite") ?? "1");
  const list = listNotifications(user.id, Number.isInteger(page) ? page : 1);
  return json({
    ...list,
    notifications: list.notifications.map((n) => ({ ...n, createdAt: n.createdAt.toISOString(), unread: n.readAt === null, readAt: undefined })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "read:portal");
  const formData = await readFormData(args.request);
  if (formData.get("intent") === "read-all") {
    invariantResponse(parseWithZod(formData, { schema: readAllSchema }).status === "success", de.errors.badRequest, { status: 400 });
    return json({ message: t.markedAllRead(markAllNotificationsRead(user.id)) });
  }
  const submission = parseWithZod(formData, { schema: readOneSchema });
  invariantResponse(submission.status === "success", de.errors.badRequest, { status: 400 });
  // Someone else's notification answers like a missing one.
  invariantResponse(markNotificationRead(user.id, submission.value.notificationId), t.notFound, { status: 404 });
  return json({ message: t.markedRead });
}

export default function Notifications() {
  const { notifications, page, pageCount } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const anyUnread = notifications.some((n) => n.unread);
  return (
    <div className="kern-stack page-wide">
      <h1 className="kern-heading-large">{t.listTitle}</h1>
      <p className="kern-body">
        {t.listIntro} <a className="kern-link" href="/konto/benachrichtigungen">{t.settingsLink}</a>
      </p>
      {actionData ? <Alert variant="success">{actionData.message}</Alert> : null}
      {anyUnread ? (
        <Form method="post">
          <input type="hidden" name="intent" value="read-all" />
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t.markAllRead}</span>
          </button>
        </Form>
      ) : null}
      {notifications.length === 0 ? (
        <p className="kern-body">{t.none}</p>
      ) : (
        <ul className="notification-list" aria-label={t.listCaption}>
          {notifications.map((n) => (
            <li key={n.id} className={`notification-item${n.unread ? " notification-item--unread" : ""}`} data-notification-id={n.id}>
              <div className="notification-item__main">
                {n.unread ? (
                  <span>
                    <span className="kern-badge kern-badge--info">
                      <span className="kern-label">{t.unreadBadge}</span>
                    </span>
                  </span>
                ) : null}
                {/* Through the open route: following the link marks it read. */}
                <a className="kern-link" href={`/benachrichtigungen/${n.id}/oeffnen`}>
                  {n.text}
                </a>
                <span className="notification-item__meta">
                  {n.groupTitle ? `${n.groupTitle} · ` : ""}
                  <time dateTime={n.createdAt}>{de.common.dateTime(n.createdAt)}</time>
                </span>
              </div>
              {n.unread ? (
                <Form method="post" className="notification-item__form">
                  <input type="hidden" name="intent" value="read" />
                  <input type="hidden" name="notificationId" value={n.id} />
                  <button type="submit" className="kern-btn kern-btn--tertiary" aria-label={t.markReadLabel(n.text)}>
                    <span className="kern-label">{t.markRead}</span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageCount={pageCount} label={t.paginationLabel} />
    </div>
  );
}
