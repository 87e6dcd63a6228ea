import { parseWithZod } from "@conform-to/zod/v4";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { invariantResponse, requirePermission } from "~/auth/guards.server";
import { de } from "~/i18n/de";
import { reportTexts as t } from "~/i18n/report";
import { reportCsv } from "~/report/report-csv.server";
import { buildReportData } from "~/report/report-data.server";
import { reportDocx } from "~/report/report-docx.server";
import { getEnv } from "~/server/env.server";
import { reportSchema } from "./fortschritt_.bericht/schema";

const CONTENT_TYPES = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  csv: "text/csv; charset=utf-8",
} as const;

/**
 * /fortschritt/bericht/datei?umfang=…&format=…: the report file for the
 * signed-in user. Chosen groups the user may not read are left out by the
 * dashboard query, exactly as if they did not exist.
 */
export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "read:progress");
  const submission = parseWithZod(new URL(args.request.url).searchParams, { schema: reportSchema });
  invariantResponse(submission.status === "success", de.errors.badRequest, { status: 400 });
  const { umfang, gruppen, format } = submission.value;
  const report = buildReportData(user, { groupIds: umfang === "auswahl" ? gruppen : undefined, origin: getEnv().PUBLIC_ORIGIN });
  const body = format === "docx" ? new Uint8Array(await reportDocx(report)) : reportCsv(report);
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${t.fileName(report.day, format)}"`,
      // The report holds what this user may read: no shared cache may keep it.
      "Cache-Control": "private, no-store",
    },
  });
}
