import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { groupAbilities, requireGroup } from "~/groups/group-guard.server";
import { de } from "~/i18n/de";
import { groupTexts as t } from "~/i18n/groups";
import { Alert } from "~/components/alert";
import { GroupBadges } from "~/components/group-badges";
import { PageTitle } from "~/components/page-title";
import { discussionTexts } from "~/i18n/discussion";
import { countUnreadInGroup } from "~/models/thread-read.server";
import { GroupPresence } from "~/components/group-presence";
import { GroupRoomProvider } from "~/realtime/use-group-room";
import { FollowBox } from "~/activity/follow-box";
import { can } from "~/auth/permissions";
import { isFollowing } from "~/models/follow.server";
import activityStyles from "~/styles/activity.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: activityStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.group.title} – ${de.portal.name}` : de.portal.name },
];

/** The frame of every group page: title, status and the tabs; each tab is a nested route. */
export async function loader(args: LoaderFunctionArgs) {
  const { user, group, access } = requireGroup(args);
  return json({
    group: {
      id: group.id,
      slug: group.slug,
      title: group.title,
      loge: group.loge,
      status: group.status,
      visibility: group.visibility,
    },
    membership: access.membership,
    may: groupAbilities(user, access),
    // For the tab "Diskussion (3)": the viewer's unread posts in this group.
    unreadPosts: countUnreadInGroup(group.id, user.id),
    // Following feeds /aktivitaet and the notifications; null when the user may not follow.
    following: can(user, "follow:group", access) ? isFollowing(user, group.id) : null,
  });
}

export type GroupLayoutData = ReturnType<typeof useLoaderData<typeof loader>>;

/** For the tabs: the group and what the user may do in it, loaded once by this layout. */
export function useGroupLayout(): GroupLayoutData {
  return useRouteLoaderData<typeof loader>("routes/gruppen.$slug")!;
}

export default function GroupLayout() {
  const { group, membership, unreadPosts, following } = useLoaderData<typeof loader>();
  const base = `/gruppen/${group.slug}`;
  const tabs = [
    { to: base, label: t.tabs.overview, end: true },
    { to: `${base}/dokumente`, label: t.tabs.documents },
    { to: `${base}/diskussion`, label: t.tabs.discussion, count: unreadPosts },
    { to: `${base}/materialien`, label: t.tabs.materials },
    { to: `${base}/aktivitaet`, label: t.tabs.activity },
  ];
  return (
    // The group's live room: who is here, and discussion changes reload the tab's data.
    <GroupRoomProvider groupId={group.id}>
      <div className="kern-stack page-wide">
        <PageTitle back={{ to: "/gruppen", label: t.listTitle }} preline={group.loge ? t.logeLine(group.loge) : null} title={group.title} />
        <GroupBadges status={group.status} visibility={group.visibility} role={membership} />
        {group.status === "archiviert" ? <Alert variant="info">{t.archivedNotice}</Alert> : null}
        {following !== null ? <FollowBox slug={group.slug} following={following} /> : null}
        <GroupPresence />
        <nav aria-label={t.tabs.label} className="group-tabs">
          <ul className="group-tabs__list">
            {tabs.map((tab) => (
              <li key={tab.to}>
                <NavLink to={tab.to} end={tab.end} className="group-tabs__link" prefetch="intent">
                  {tab.label}
                  {tab.count ? (
                    <>
                      {" "}
                      <span aria-hidden="true">({tab.count})</span>
                      <span className="kern-sr-only">({discussionTexts.tabCount(tab.count)})</span>
                    </>
                  ) : null}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <Outlet />
      </div>
    </GroupRoomProvider>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
