import { z } from "zod";

export const endSessionSchema = z.object({
  intent: z.literal("end"),
  sessionId: z.string().regex(/^[a-z2-9]{24}$/),
});

export const endOthersSchema = z.object({ intent: z.literal("end-others") });
