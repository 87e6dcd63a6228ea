import { z } from "zod";
import { recordId } from "~/forms/record-id";
import { globalRoles } from "../../../db/schema";
import { de } from "~/i18n/de";

export const inviteSchema = z.object({
  intent: z.literal("invite"),
  email: z
    .string({ error: de.validation.required("eine E-Mail-Adresse") })
    .trim()
    .max(254, de.validation.tooLong(254))
    .pipe(z.email(de.validation.email)),
  role: z.enum(globalRoles, { error: de.validation.role }),
});

export const revokeSchema = z.object({
  intent: z.literal("revoke"),
  invitationId: recordId(),
});
