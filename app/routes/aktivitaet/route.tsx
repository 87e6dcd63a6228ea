import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FeedPage } from "~/activity/feed-page";
import { parseFeedQuery } from "~/activity/feed-query";
import { feedPageData } from "~/activity/serialize.server";
import { requirePermission } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { de } from "~/i18n/de";
import { activityTexts as t } from "~/i18n/activity";
import { listFollowedActivity } from "~/models/activity.server";
import activityStyles from "~/styles/activity.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: activityStyles }];

export const meta: MetaFunction = () => [{ title: `${t.feedTitle} – ${de.portal.name}` }];

/** Activity across the groups the user follows; the query itself leaves out every group the user may not read. */
export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "read:progress");
  const query = parseFeedQuery(args.request);
  return json(feedPageData(listFollowedActivity(user, query), query));
}

export default function ActivityFeed() {
  const data = useLoaderData<typeof loader>();
  return (
    <div className="kern-stack page-wide">
      <h1 className="kern-heading-large">{t.feedTitle}</h1>
      <p className="kern-body page-narrow">{t.feedIntro}</p>
      <FeedPage data={data} showGroup emptyText={t.noneFollowed} headingLevel={2} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
