import { getFormProps, getInputProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useMemo } from "react";
import { controlClass, FieldShell, FormErrors, SelectField, SubmitButton, TextAreaField, TextField } from "~/components/form-fields";
import { loges } from "~/groups/loges";
import { materialTexts as t } from "~/i18n/materials";
import { acceptAttribute } from "~/materials/allowed-types";
import { uploadFormSchema } from "./schemas";

/** The upload form: a plain multipart POST, so it works without JavaScript too. */
export function UploadForm({ lastResult, maxBytes }: { lastResult?: SubmissionResult<string[]>; maxBytes: number }) {
  const schema = useMemo(() => uploadFormSchema(maxBytes), [maxBytes]);
  const [form, fields] = useForm({
    id: "material-formular",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const f = t.fields;
  return (
    <Form method="post" encType="multipart/form-data" {...getFormProps(form)} className="form-stack form-stack--wide">
      <FormErrors id={form.errorId} errors={form.errors} />
      <TextField meta={fields.title} label={f.title} />
      <TextAreaField meta={fields.description} label={f.description} hint={f.descriptionHint} rows={5} />
      <fieldset className="kern-fieldset">
        <legend className="kern-label">{f.talkLegend}</legend>
        <div className="kern-fieldset__body form-stack">
          <TextField meta={fields.speaker} label={f.speaker} hint={f.speakerHint} />
          <SelectField
            meta={fields.loge}
            label={f.loge}
            options={[{ value: "", label: f.logeNone }, ...loges.map((l) => ({ value: l, label: l }))]}
          />
        </div>
      </fieldset>
      <FileField meta={fields.file} label={f.file} hint={f.fileHint(t.size(maxBytes))} />
      <div>
        <SubmitButton>{t.submit}</SubmitButton>
      </div>
    </Form>
  );
}

/** The file is checked by its bytes on the server; `accept` only narrows the file picker. */
function FileField({ meta, label, hint }: { meta: FieldMetadata<File>; label: string; hint: string }) {
  const props = getInputProps(meta, { type: "file", ariaDescribedBy: meta.descriptionId });
  return (
    <FieldShell meta={meta} label={label} hint={hint}>
      <input {...props} key={props.key} accept={acceptAttribute} className={controlClass("kern-form-input__input", meta)} />
    </FieldShell>
  );
}
