import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { forbidden } from "~/auth/guards.server";
import { groupFields, type GroupField } from "~/auth/permissions";
import { groupTexts as t } from "~/i18n/groups";
import { slugTaken, type GroupFields } from "~/models/group.server";
import { groupFormSchemaFor, type GroupFormValues } from "./group-form-schema";
import { slugify } from "./slug";

/** The fields to save, or the answer for the form: field errors (400) or a taken address (409). */
type ParsedGroupForm<Fields> = { fields: Fields } | { fields: null; reply: SubmissionResult<string[]>; status: 400 | 409 };

/**
 * Reads the group form: opening a group takes every field; editing only
 * those the user may change (`editable`, from editableGroupFields). A
 * submitted field outside them is refused with 403 rather than ignored:
 * the page never renders it, so only a forged form sends it. Then the
 * schema for exactly those fields, then the rule that needs the database
 * (a free slug).
 */
export function parseGroupForm(formData: FormData): ParsedGroupForm<GroupFields>;
export function parseGroupForm(formData: FormData, editing: { groupId: number; editable: readonly GroupField[] }): ParsedGroupForm<Partial<GroupFields>>;
export function parseGroupForm(formData: FormData, editing?: { groupId: number; editable: readonly GroupField[] }): ParsedGroupForm<Partial<GroupFields>> {
  const editable = editing?.editable ?? groupFields;
  if (groupFields.some((field) => !editable.includes(field) && formData.has(field))) forbidden();
  const submission = parseWithZod(formData, { schema: groupFormSchemaFor(editable) });
  if (submission.status !== "success") return { fields: null, reply: submission.reply(), status: 400 };
  // Only the picked fields are in the value; the optional ones may be missing.
  const v: Partial<GroupFormValues> = submission.value;
  const fields: Partial<GroupFields> = { ...v };
  if (editable.includes("slug")) {
    const slug = v.slug || slugify(v.title ?? "");
    if (!slug || slugTaken(slug, editing?.groupId)) {
      return { fields: null, reply: submission.reply({ fieldErrors: { slug: [slug ? t.form.slugTaken : t.form.slugInvalid] } }), status: 409 };
    }
    fields.slug = slug;
  }
  // "No Loge" and "no goals" are stored as null and "".
  if (editable.includes("loge")) fields.loge = v.loge ?? null;
  if (editable.includes("goals")) fields.goals = v.goals ?? "";
  return { fields };
}
