import type { JSONContent } from "@tiptap/core";
import type { SessionUser } from "~/auth/session.server";
import { stateToJson } from "~/documents/render-html.server";
import { de } from "~/i18n/de";
import { dashboardData, type DashboardGroup } from "~/models/dashboard.server";
import { loadDocState } from "~/models/doc-state.server";
import { latestVersions } from "~/models/feed-entries.server";
import { documentContentJson } from "~/models/report-content.server";
import { logger } from "~/server/logger.server";

export type ReportRecommendation = {
  id: number;
  title: string;
  status: DashboardGroup["adopted"][number]["status"];
  updatedAt: number;
  /** The adopted text as tiptap JSON; null when the document has no text. */
  content: JSONContent | null;
};

export type ReportGroup = Omit<DashboardGroup, "adopted"> & { adopted: ReportRecommendation[] };

export type ReportData = {
  portalName: string;
  /** The Berlin day of the report (YYYY-MM-DD), also in the file name. */
  day: string;
  generatedAt: Date;
  createdFor: string;
  /** Absolute portal address, for links in the CSV. */
  origin: string;
  groups: ReportGroup[];
};

/**
 * Everything the report shows, for one user: the dashboard's figures (only
 * readable groups: the permission is in its query) plus the adopted text of
 * each recommendation. The adopted version is the text as it was decided;
 * a document handed over without a stored version falls back to its
 * current text (document_contents, else the Yjs state).
 */
export function buildReportData(user: SessionUser, options: { groupIds?: number[]; origin: string; now?: Date }): ReportData {
  const now = options.now ?? new Date();
  const data = dashboardData(user, { groupIds: options.groupIds }, now);
  const ids = data.groups.flatMap((g) => g.adopted.map((d) => d.id));
  const versions = latestVersions(ids);
  const derived = documentContentJson(ids.filter((id) => !versions.has(id)));
  return {
    portalName: de.portal.name,
    day: data.today,
    generatedAt: now,
    createdFor: user.displayName,
    origin: options.origin,
    groups: data.groups.map((g) => ({
      ...g,
      adopted: g.adopted.map((d) => ({ ...d, content: adoptedContent(d.id, versions.get(d.id)?.state, derived.get(d.id)) })),
    })),
  };
}

function adoptedContent(documentId: number, versionState: Uint8Array | undefined, derivedJson: string | undefined): JSONContent | null {
  try {
    if (versionState) return stateToJson(versionState);
    if (derivedJson) return JSON.parse(derivedJson) as JSONContent;
    return stateToJson(loadDocState(documentId).state);
  } catch (error) {
    // One unreadable document must not take the whole report down; it appears without text.
    logger.error({ err: error, documentId }, "report: reading a recommendation's text failed");
    return null;
  }
}
