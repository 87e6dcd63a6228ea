import type { LoaderFunctionArgs } from "@remix-run/node";
import { can } from "~/auth/permissions";
import { renderAtom, tagUri } from "~/feeds/atom";
import { atomResponse, feedNotFound, portalOrigin, portalUrl, requireFeedUser } from "~/feeds/feed-response.server";
import { de } from "~/i18n/de";
import { feedTexts as t } from "~/i18n/feeds";
import { listGroupFeedEntries } from "~/models/feed-entries.server";
import { getGroupWithAccess } from "~/models/group.server";

/**
 * /feeds/<token>/gruppen/<slug>.atom: a group's activity as Atom, read with
 * the rights of the token's user. The token sits in the path, not in a query,
 * because some feed readers drop query strings.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = requireFeedUser(params.token);
  const file = params.file ?? "";
  if (!file.endsWith(".atom")) feedNotFound();
  const found = getGroupWithAccess(file.slice(0, -".atom".length), user);
  if (!found || !can(user, "read:group", found.access)) feedNotFound();
  const { group } = found;
  const origin = portalOrigin();
  const xml = renderAtom({
    id: tagUri(origin, `gruppe/${group.id}`),
    title: t.groupFeedTitle(group.title),
    subtitle: t.groupFeedSubtitle,
    selfUrl: request.url.startsWith(origin) ? request.url : portalUrl(new URL(request.url).pathname),
    alternateUrl: portalUrl(`/gruppen/${group.slug}/aktivitaet`),
    updated: group.updatedAt,
    generator: de.portal.name,
    entries: listGroupFeedEntries(group.id).map((e) => ({
      id: tagUri(origin, `gruppe/${group.id}/${e.key}`),
      title: t.activityTitle(t.activity[e.kind], e.title),
      url: portalUrl(e.link),
      updated: e.at,
      author: e.author,
      summary: e.detail,
    })),
  });
  return atomResponse(xml, request);
}
