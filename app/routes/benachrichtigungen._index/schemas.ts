import { z } from "zod";

/** The list's two buttons: one notification read, or all of them. */
export const readOneSchema = z.object({
  intent: z.literal("read"),
  notificationId: z.coerce.number().int().positive(),
});
export const readAllSchema = z.object({ intent: z.literal("read-all") });
