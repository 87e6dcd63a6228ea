import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderAtom, tagUri } from "~/feeds/atom";
import { atomResponse, portalOrigin, portalUrl, requireFeedUser } from "~/feeds/feed-response.server";
import { de } from "~/i18n/de";
import { feedTexts as t } from "~/i18n/feeds";
import { FEED_ENTRY_LIMIT, listAdoptedRecommendations } from "~/models/feed-entries.server";

/**
 * /feeds/<token>/empfehlungen.atom: adopted recommendations (Beschlossen,
 * Übergeben) of every group the token's user may read, each with the text of
 * its adopted version. The HTML comes from the portal's own renderer and is
 * escaped once more as the text of <content type="html">.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const user = requireFeedUser(params.token);
  const origin = portalOrigin();
  const recommendations = listAdoptedRecommendations(user, { limit: FEED_ENTRY_LIMIT });
  const xml = renderAtom({
    id: tagUri(origin, "empfehlungen"),
    title: t.recommendationsTitle,
    subtitle: t.recommendationsSubtitle,
    selfUrl: request.url.startsWith(origin) ? request.url : portalUrl(new URL(request.url).pathname),
    alternateUrl: portalUrl("/gruppen"),
    // Only used while there is no entry yet.
    updated: new Date(),
    generator: de.portal.name,
    entries: recommendations.map((r) => ({
      id: tagUri(origin, `dokument/${r.id}`),
      title: t.recommendationEntry(r.title, r.groupTitle),
      url: portalUrl(`/gruppen/${r.groupSlug}/dokumente/${r.id}`),
      updated: r.updatedAt,
      author: r.author,
      summary: t.recommendationSummary(t.status[r.status], r.groupTitle),
      contentHtml: r.html,
    })),
  });
  return atomResponse(xml, request);
}
