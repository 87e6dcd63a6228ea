import { z } from "zod";
import type { ActivityCategory } from "~/models/activity.server";

/** The categories as the filter offers them (kept in step with activityCategories in the model). */
export const categoryValues = ["dokumente", "diskussion", "mitglieder", "materialien", "meilensteine"] as const satisfies readonly ActivityCategory[];

// Unknown values are ignored rather than refused: a shared link with an old value still works.
export const feedQuerySchema = z.object({
  art: z.enum(categoryValues).optional().catch(undefined),
  vor: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
});

export function parseFeedQuery(request: Request) {
  const params = new URL(request.url).searchParams;
  const q = feedQuerySchema.parse({ art: params.get("art") ?? undefined, vor: params.get("vor") ?? undefined });
  return { category: q.art, before: q.vor };
}
