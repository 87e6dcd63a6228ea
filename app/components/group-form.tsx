import { getFormProps, getInputProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { groupVisibilities } from "../../db/schema";
import { groupFields, type GroupField } from "~/auth/permissions";
import { groupFormSchemaFor, type GroupFormValues } from "~/groups/group-form-schema";
import { loges } from "~/groups/loges";
import { groupTexts as t } from "~/i18n/groups";
import { FieldError, FormErrors, SelectField, SubmitButton, TextAreaField, TextField } from "./form-fields";

/**
 * The form to open or edit a working group; the same schema in both places.
 * `editable`: the fields this user may change (editableGroupFields); only
 * those are rendered, so only those are sent, with or without JavaScript.
 */
export function GroupForm({
  lastResult,
  defaultValue,
  editable = groupFields,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaultValue?: Partial<Record<keyof GroupFormValues, string>>;
  editable?: readonly GroupField[];
  submitLabel: string;
}) {
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { visibility: "intern", ...defaultValue },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: groupFormSchemaFor(editable) }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const shown = (field: GroupField) => editable.includes(field);
  const others = groupFields.filter((field) => !shown(field));
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack form-stack--wide">
      <FormErrors id={form.errorId} errors={form.errors} />
      {others.length ? <p className="kern-body">{t.form.othersDecide(others.map((field) => t.form.fieldNames[field]))}</p> : null}
      {shown("title") ? <TextField meta={fields.title} label={t.form.title} /> : null}
      {shown("slug") ? <TextField meta={fields.slug} label={t.form.slug} hint={t.form.slugHint} /> : null}
      {shown("loge") ? (
        <SelectField
          meta={fields.loge}
          label={t.form.loge}
          options={[{ value: "", label: t.form.logeNone }, ...loges.map((l) => ({ value: l, label: l }))]}
        />
      ) : null}
      {shown("description") ? <TextAreaField meta={fields.description} label={t.form.description} rows={6} /> : null}
      {shown("goals") ? <TextAreaField meta={fields.goals} label={t.form.goals} hint={t.form.goalsHint} rows={5} /> : null}
      {shown("visibility") ? (
        <RadioGroup
          meta={fields.visibility}
          legend={t.form.visibility}
          options={groupVisibilities.map((v) => ({ value: v, label: t.visibility[v], hint: t.visibilityHint[v] }))}
        />
      ) : null}
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

