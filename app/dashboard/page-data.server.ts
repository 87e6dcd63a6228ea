import { z } from "zod";
import { groupStatuses } from "../../db/schema";
import type { Actor } from "~/auth/permissions";
import { loges } from "~/groups/loges";
import { dashboardData } from "~/models/dashboard.server";

// Unknown filter values are ignored, not refused: an old shared link still opens the dashboard.
const filterSchema = z.object({
  loge: z.enum(loges).optional().catch(undefined),
  status: z.enum(groupStatuses).optional().catch(undefined),
  seite: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

/** Rows per page: the summary and charts cover every group, the table a page of them (a page of 200 rows is slow to send and to read). */
export const DASHBOARD_ROWS_PER_PAGE = 30;

/** The dashboard's data for a page, filters read from the URL. Only what the page shows goes to the browser. */
export function dashboardPageData(user: NonNullable<Actor>, url: URL) {
  const params = url.searchParams;
  const { seite, ...filter } = filterSchema.parse({
    loge: params.get("loge") || undefined,
    status: params.get("status") || undefined,
    seite: params.get("seite") || undefined,
  });
  const data = dashboardData(user, filter);
  const pageCount = Math.max(1, Math.ceil(data.groups.length / DASHBOARD_ROWS_PER_PAGE));
  const page = Math.min(seite ?? 1, pageCount);
  const rows = data.groups.slice((page - 1) * DASHBOARD_ROWS_PER_PAGE, page * DASHBOARD_ROWS_PER_PAGE);
  const onPage = new Set(rows.map((g) => g.id));
  return {
    today: data.today,
    filter,
    loges: data.loges,
    summary: data.summary,
    weeks: data.weeks,
    // The milestone lists and adopted titles stay on the server: the page shows counts.
    page,
    pageCount,
    groups: rows.map(({ adopted: _a, milestones: { items: _i, ...milestones }, ...g }) => ({ ...g, milestones })),
    activityByWeek: data.activityByWeek.filter((a) => onPage.has(a.groupId)),
    /** The same scale for every sparkline, whichever page. */
    activityMax: Math.max(1, ...data.activityByWeek.flatMap((a) => a.counts)),
    recommendationsOverTime: data.recommendationsOverTime,
  };
}

export type DashboardPageData = ReturnType<typeof dashboardPageData>;
