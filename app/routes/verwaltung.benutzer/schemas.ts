import { z } from "zod";

export const setActiveSchema = z.object({
  intent: z.enum(["deactivate", "reactivate"]),
  userId: z.coerce.number().int().positive(),
});
