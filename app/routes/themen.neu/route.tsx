import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/form-fields";
import { TextAreaField } from "~/components/form-fields";
import { loges } from "~/groups/loges";
import { de } from "~/i18n/de";
import { topicTexts as t } from "~/i18n/topics";
import { createProposal } from "~/models/topic.server";
import { readFormData } from "~/server/form-data.server";
import { CheckboxField } from "~/topics/topic-ui";
import { proposalSchema } from "./schema";

export const meta: MetaFunction = () => [{ title: `${t.newTitle} – ${de.portal.name}` }];

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "propose:topic");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "propose:topic");
  const submission = parseWithZod(await readFormData(args.request), { schema: proposalSchema });
  if (submission.status !== "success") {
    return json({ result: submission.reply() }, { status: 400 });
  }
  const { title, description, loge, wantsToParticipate } = submission.value;
  const { id } = createProposal({ title, description, loge: loge ?? null, wantsToParticipate }, user.id);
  return redirect(`/themen/${id}`);
}

export default function NewTopic() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "thema",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: proposalSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <div className="kern-stack page-wide">
      <p className="kern-body kern-body--small">
        <Link className="kern-link" to="/themen">{t.backToList}</Link>
      </p>
      <h1 className="kern-heading-large">{t.newTitle}</h1>
      <p className="kern-body page-narrow">{t.newIntro}</p>
      <Form method="post" {...getFormProps(form)} className="form-stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.title} label={t.title} hint={t.titleHint} />
        <TextAreaField meta={fields.description} label={t.description} hint={t.descriptionHint} rows={8} />
        <SelectField
          meta={fields.loge}
          label={`${t.loge} (${de.common.optional})`}
          options={[{ value: "", label: t.logeNone }, ...loges.map((l) => ({ value: l, label: l }))]}
        />
        <CheckboxField meta={fields.wantsToParticipate} label={t.wantsToParticipate} hint={t.wantsToParticipateHint} />
        <div>
          <SubmitButton>{t.submitProposal}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
