import { getFormProps, getInputProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { groupVisibilities } from "../../db/schema";
import { groupFormSchema, type GroupFormValues } from "~/groups/group-form-schema";
import { loges } from "~/groups/loges";
import { groupTexts as t } from "~/i18n/groups";
import { FieldError, FormErrors, SelectField, SubmitButton, TextAreaField, TextField } from "./form-fields";

/** The form to open or edit a working group; the same fields and schema in both places. */
export function GroupForm({
  lastResult,
  defaultValue,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: Partial<Record<keyof GroupFormValues, string>>;
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { visibility: "intern", ...defaultValue },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: groupFormSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack form-stack--wide">
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField meta={fields.title} label={t.form.title} />
      <TextField meta={fields.slug} label={t.form.slug} hint={t.form.slugHint} />
      <SelectField
        meta={fields.loge}
        label={t.form.loge}
        options={[{ value: "", label: t.form.logeNone }, ...loges.map((l) => ({ value: l, label: l }))]}
      />
      <TextAreaField meta={fields.description} label={t.form.description} rows={6} />
      <TextAreaField meta={fields.goals} label={t.form.goals} hint={t.form.goalsHint} rows={5} />
      <RadioGroup
        meta={fields.visibility}
        legend={t.form.visibility}
        options={groupVisibilities.map((v) => ({ value: v, label: t.visibility[v], hint: t.visibilityHint[v] }))}
      />
      <div>
        <SubmitButton>{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}

function RadioGroup({ meta, legend, options }: { meta: FieldMetadata<string>; legend: string; options: { value: string; label: string; hint: string }[] }) {
  const invalid = Boolean(meta.errors?.length);
  return (
    <fieldset className={`kern-fieldset${invalid ? " kern-fieldset--error" : ""}`} aria-describedby={invalid ? meta.errorId : undefined}>
      <legend className="kern-label">{legend}</legend>
      <FieldError id={meta.errorId} errors={meta.errors} />
      <div className="kern-fieldset__body">
        {options.map((o) => {
          const id = `${meta.id}-${o.value}`;
          return (
            <div key={o.value} className="kern-form-check">
              <input
                {...getInputProps(meta, { type: "radio", value: o.value })}
                id={id}
                key={`${o.value}-${meta.key ?? ""}`}
                className="kern-form-check__radio"
                aria-describedby={`${id}-hint`}
              />
              <label className="kern-label" htmlFor={id}>
                {o.label}
              </label>
              <div className="kern-hint radio-hint" id={`${id}-hint`}>{o.hint}</div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

