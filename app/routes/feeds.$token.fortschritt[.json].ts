import type { LoaderFunctionArgs } from "@remix-run/node";
import { groupStatuses, type GroupStatus } from "../../db/schema";
import { requireFeedUser } from "~/feeds/feed-response.server";
import { dashboardData } from "~/models/dashboard.server";

/**
 * /feeds/<token>/fortschritt.json: the dashboard's data for the token's user,
 * read-only, for the ministry's own evaluations. The same filters as the
 * dashboard (?loge=…&status=…); unknown values are ignored, not an error.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = requireFeedUser(params.token);
  const query = new URL(request.url).searchParams;
  const status = query.get("status");
  const loge = query.get("loge")?.trim().slice(0, 200);
  const data = dashboardData(user, {
    status: status && (groupStatuses as readonly string[]).includes(status) ? (status as GroupStatus) : undefined,
    loge: loge || undefined,
  });
  return new Response(request.method === "HEAD" ? null : JSON.stringify(data), {
    status: 200,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
