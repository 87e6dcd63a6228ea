import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { invariantResponse, requirePermission } from "~/auth/guards.server";
import { safeRedirect } from "~/auth/safe-redirect";
import { notificationTexts as t } from "~/i18n/notifications";
import { markNotificationRead } from "~/models/notification.server";
import { getEnv } from "~/server/env.server";

/**
 * Opening a notification (from the list or a mail): mark it read, then go
 * where it points. A GET, because mail links are GETs; marking read twice
 * changes nothing. Signed out: the login comes back here.
 */
export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "read:portal");
  const id = Number(args.params.id);
  invariantResponse(Number.isInteger(id) && id > 0, t.notFound, { status: 404 });
  const opened = markNotificationRead(user.id, id);
  invariantResponse(opened, t.notFound, { status: 404 });
  // Links are written by the fan-out as portal paths; anything else goes to the list.
  return redirect(safeRedirect(opened.link, getEnv().PUBLIC_ORIGIN, "/benachrichtigungen"));
}
