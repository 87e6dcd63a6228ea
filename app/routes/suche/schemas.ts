import { z } from "zod";
import { KIND_PARAMS, SEARCH_KINDS } from "~/search/kinds";

/**
 * The search form's parameters (GET /suche?q=…&typ=…&gruppe=…&seite=…).
 * Unknown filter values are ignored rather than refused: a shared link with
 * an old value still works. The text itself is judged by parseSearchQuery
 * (app/search/query.ts), which answers in German instead of failing.
 */
export const searchParamsSchema = z.object({
  q: z.string().optional().catch(undefined),
  typ: z.enum(SEARCH_KINDS.map((k) => KIND_PARAMS[k]) as [string, ...string[]]).optional().catch(undefined),
  gruppe: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().catch(undefined),
  seite: z.coerce.number().int().min(1).max(500).optional().catch(undefined),
});
