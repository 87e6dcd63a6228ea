import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { DashboardView } from "~/dashboard/dashboard-view";
import { dashboardPageData } from "~/dashboard/page-data.server";
import { de } from "~/i18n/de";
import { dashboardTexts as t } from "~/i18n/dashboard";
import dashboardStyles from "~/styles/dashboard.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];

export const meta: MetaFunction = () => [{ title: `${t.navLabel} – ${de.portal.name}` }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  if (!can(user, "read:progress")) throw new Response("Kein Zugriff", { status: 403 });
  return json(dashboardPageData(user, new URL(args.request.url)));
}

export default function Dashboard() {
  return <DashboardView data={useLoaderData<typeof loader>()} />;
}
