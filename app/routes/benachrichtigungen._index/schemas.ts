import { z } from "zod";
import { recordId } from "~/forms/record-id";

/** The list's two buttons: one notification read, or all of them. */
export const readOneSchema = z.object({
  intent: z.literal("read"),
  notificationId: recordId(),
});
export const readAllSchema = z.object({ intent: z.literal("read-all") });
