import { z } from "zod";
import { groupVisibilities } from "../../db/schema";
import type { GroupField } from "~/auth/permissions";
import { de } from "~/i18n/de";
import { groupTexts as t } from "~/i18n/groups";
import { loges } from "./loges";
import { SLUG_MAX, SLUG_PATTERN } from "./slug";

/** Paths under /gruppen that a slug must not take. */
export const reservedSlugs = new Set(["neu", "bearbeiten", "new", "admin"]);

/** One schema for opening and editing a group; editing takes the part the user may change (groupFormSchemaFor). */
export const groupFormSchema = z.object({
  title: z
    .string({ error: de.validation.required("einen Titel") })
    .trim()
    .min(3, de.validation.required("einen Titel mit mindestens 3 Zeichen"))
    .max(150, de.validation.tooLong(150)),
  slug: z
    .string()
    .trim()
    .max(SLUG_MAX, t.form.slugInvalid)
    .regex(SLUG_PATTERN, t.form.slugInvalid)
    .refine((s) => !reservedSlugs.has(s), t.form.slugReserved)
    .optional(),
  loge: z.enum(loges).optional(),
  description: z
    .string({ error: de.validation.required("eine Beschreibung") })
    .trim()
    .min(10, de.validation.required("eine Beschreibung mit mindestens 10 Zeichen"))
    .max(4000, de.validation.tooLong(4000)),
  goals: z.string().trim().max(4000, de.validation.tooLong(4000)).optional(),
  visibility: z.enum(groupVisibilities, { error: de.validation.required("die Sichtbarkeit") }),
} satisfies Record<GroupField, z.ZodType>);
export type GroupFormValues = z.infer<typeof groupFormSchema>;

/**
 * The schema for the fields a user may change (editableGroupFields in
 * app/auth/permissions.ts). The others are not in the form; the value holds
 * only the picked fields.
 */
export function groupFormSchemaFor(fields: readonly GroupField[]) {
  const mask: { [F in GroupField]?: true } = Object.fromEntries(fields.map((field) => [field, true]));
  return groupFormSchema.pick(mask);
}
