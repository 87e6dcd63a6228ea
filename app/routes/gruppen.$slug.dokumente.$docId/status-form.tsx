import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { DocumentStatus } from "../../../db/schema";
import { FieldError, FormErrors, TextAreaField } from "~/components/form-fields";
import { setStatusSchema } from "~/documents/schemas";
import { documentTexts as t } from "~/i18n/documents";

/**
 * The group moderation moves the document on: one required reason
 * ("Begründung") and one button per allowed next status, so it works as a
 * plain form without JavaScript (the pressed button sends its status).
 */
export function StatusForm({ next, lastResult }: { next: DocumentStatus[]; lastResult?: SubmissionResult<string[]> | null }) {
  const [form, fields] = useForm({
    id: "status",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: setStatusSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  if (next.length === 0) return null;
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack" aria-labelledby="status-form-title">
      <h3 id="status-form-title" className="kern-heading-small">
        {t.statusFormTitle}
      </h3>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="status" />
      <TextAreaField meta={fields.comment} label={t.comment} hint={t.commentHint} rows={3} />
      <FieldError id={fields.status.errorId} errors={fields.status.errors} />
      <div className="button-row button-row--start" role="group" aria-label={t.statusChoice}>
        {next.map((s) => (
          <button key={s} type="submit" name="status" value={s} className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t.statusAction[s]}</span>
          </button>
        ))}
      </div>
    </Form>
  );
}
