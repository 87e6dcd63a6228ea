import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { FeedPage } from "~/activity/feed-page";
import { parseFeedQuery } from "~/activity/feed-query";
import { feedPageData } from "~/activity/serialize.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireGroup } from "~/groups/group-guard.server";
import { de } from "~/i18n/de";
import { activityTexts as t } from "~/i18n/activity";
import { listGroupActivity } from "~/models/activity.server";
import activityStyles from "~/styles/activity.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: activityStyles }];

export const meta: MetaFunction = ({ matches }) => {
  const layout = matches.find((m) => m.id === "routes/gruppen.$slug")?.data as { group?: { title: string } } | undefined;
  return [{ title: [t.tabTitle, layout?.group?.title, de.portal.name].filter(Boolean).join(" – ") }];
};

/** The group's activity: whoever may read the group reads its history (vertraulich ones answer 404 to others). */
export async function loader(args: LoaderFunctionArgs) {
  const { group } = requireGroup(args);
  const query = parseFeedQuery(args.request);
  return json(feedPageData(listGroupActivity(group.id, query), query));
}

export default function ActivityTab() {
  const data = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="aktivitaet-titel" className="kern-stack">
      <h2 id="aktivitaet-titel" className="kern-heading-medium">
        {t.tabTitle}
      </h2>
      <p className="kern-body">{t.tabIntro}</p>
      <FeedPage data={data} showGroup={false} emptyText={t.none} headingLevel={3} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
