import { getFormProps, getSelectProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { ProposalStatus } from "../../../db/schema";
import { FormErrors, SubmitButton } from "~/components/form-fields";
import { controlClass, FieldShell, TextAreaField } from "~/components/form-fields";
import { Section } from "~/components/page-section";
import { de } from "~/i18n/de";
import { topicTexts as t } from "~/i18n/topics";
import type { TopicActionData, TopicPageData } from "./route";
import { triageSchema } from "./schemas";

const formText: Record<ProposalStatus, { title: string; submit: string; intro?: string } | undefined> = {
  neu: undefined,
  in_pruefung: { title: t.toReviewTitle, submit: t.toReview },
  angenommen: { title: t.acceptTitle, submit: t.accept, intro: t.acceptIntro },
  zusammengefuehrt: { title: t.mergeTitle, submit: t.merge },
  abgelehnt: { title: t.rejectTitle, submit: t.reject },
};

/** The moderation's panel: one small form per step the state machine allows from here. */
export function TriagePanel({ data, actionData }: { data: TopicPageData; actionData?: TopicActionData }) {
  const { proposal, next } = data;
  return (
    <Section id="moderation" title={t.triageTitle}>
      {next.length === 0 ? (
        <p className="kern-body">{t.triageFinal}</p>
      ) : (
        <>
          <p className="kern-body page-narrow">{t.triageIntro(t.status[proposal.status])}</p>
          {next.map((to) => (
            <TriageForm
              // A new status brings new forms: no stale input from the previous step.
              key={`${proposal.status}-${to}`}
              to={to}
              groups={data.mergeGroups}
              lastResult={actionData?.kind === "triage" && actionData.to === to ? actionData.result : undefined}
            />
          ))}
        </>
      )}
    </Section>
  );
}

function TriageForm({
  to,
  groups,
  lastResult,
}: {
  to: ProposalStatus;
  groups: TopicPageData["mergeGroups"];
  lastResult?: TopicActionData["result"];
}) {
  const [form, fields] = useForm({
    id: `status-${to}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: triageSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const text = formText[to];
  if (!text) return null;
  const headingId = `${form.id}-titel`;
  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby={headingId} className="form-stack triage-form">
      <h3 id={headingId} className="kern-heading-small">
        {text.title}
      </h3>
      {text.intro ? <p className="kern-body kern-body--small">{text.intro}</p> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="triage" />
      <input type="hidden" name="to" value={to} />
      {to === "zusammengefuehrt" ? (
        groups.length === 0 ? (
          <p className="kern-body">{t.noGroups}</p>
        ) : (
          <GroupSelect meta={fields.groupId} groups={groups} />
        )
      ) : null}
      <TextAreaField
        meta={fields.reason}
        label={to === "abgelehnt" ? t.reason : `${t.reason} (${de.common.optional})`}
        hint={to === "abgelehnt" ? t.reasonRequiredHint : t.reasonOptional}
        rows={3}
      />
      <div>
        <SubmitButton variant={to === "angenommen" ? "primary" : "secondary"}>{text.submit}</SubmitButton>
      </div>
    </Form>
  );
}

/** The existing group to merge into; unlike SelectField it starts with an empty choice. */
function GroupSelect({ meta, groups }: { meta: FieldMetadata<string | undefined>; groups: TopicPageData["mergeGroups"] }) {
  const props = getSelectProps(meta);
  return (
    <FieldShell meta={meta} label={t.mergeGroup}>
      <div className="kern-form-input__select-wrapper">
        <select {...props} key={props.key} className={controlClass("kern-form-input__select", meta)}>
          <option value="">{t.mergeChoose}</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.title}
            </option>
          ))}
        </select>
      </div>
    </FieldShell>
  );
}
