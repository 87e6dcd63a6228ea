import { parseWithZod } from "@conform-to/zod/v4";
import { groupTexts as t } from "~/i18n/groups";
import { slugTaken, type GroupFields } from "~/models/group.server";
import { groupFormSchema } from "./group-form-schema";
import { slugify } from "./slug";

/**
 * Reads the group form for both opening and editing: the schema, then the
 * rules that need the database (a free slug). Returns the fields to save or
 * the submission to answer with.
 */
export function parseGroupForm(formData: FormData, exceptGroupId?: number) {
  const submission = parseWithZod(formData, { schema: groupFormSchema });
  if (submission.status !== "success") return { submission, fields: null } as const;
  const v = submission.value;
  const slug = v.slug || slugify(v.title);
  if (!slug || slugTaken(slug, exceptGroupId)) {
    return {
      submission,
      fields: null,
      reply: submission.reply({ fieldErrors: { slug: [slug ? t.form.slugTaken : t.form.slugInvalid] } }),
    } as const;
  }
  const fields: GroupFields = {
    title: v.title,
    slug,
    loge: v.loge ?? null,
    description: v.description,
    goals: v.goals ?? "",
    visibility: v.visibility,
  };
  return { submission, fields } as const;
}
