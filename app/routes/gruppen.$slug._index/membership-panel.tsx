import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { SubmitButton, TextAreaField } from "~/components/form-fields";
import { GroupInvitationAnswer } from "~/components/group-invitation-answer";
import { Section } from "~/components/page-section";
import { de } from "~/i18n/de";
import { groupTexts as t } from "~/i18n/groups";
import type { OverviewData } from "./route";
import { joinSchema } from "./schemas";

type ActionData = { intent: string; result?: SubmissionResult<string[]> } | undefined;

function IntentButton({ intent, children, variant = "secondary" }: { intent: string; children: string; variant?: "primary" | "secondary" | "tertiary" }) {
  return (
    <Form method="post" className="inline-form">
      <button type="submit" name="intent" value={intent} className={`kern-btn kern-btn--${variant}`}>
        <span className="kern-label">{children}</span>
      </button>
    </Form>
  );
}

/** "Mitarbeit": what the signed-in person can do about their own membership. */
export function MembershipPanel({ data, actionData }: { data: OverviewData; actionData: ActionData }) {
  const [form, fields] = useForm({
    id: "join",
    lastResult: actionData?.intent === "join" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: joinSchema }),
    shouldValidate: "onBlur",
  });
  const { membership, myInvitation, myRequest, may } = data;
  if (membership) {
    return may.leave && data.group.status !== "archiviert" ? (
      <Section id="mitarbeit" title={t.join.title}>
        <p className="kern-body">{t.yourRole(t.roles[membership])}</p>
        <IntentButton intent="leave" variant="tertiary">{t.join.leave}</IntentButton>
      </Section>
    ) : null;
  }
  return (
    <Section id="mitarbeit" title={t.join.title}>
      {data.isObserver ? <p className="kern-body">{t.join.observerNote}</p> : null}
      {myInvitation ? <GroupInvitationAnswer slug={data.group.slug} role={myInvitation.role} /> : null}
      {myRequest?.status === "offen" ? (
        <div className="kern-stack">
          <p className="kern-body">{t.join.pending(de.common.date(myRequest.createdAt))}</p>
          <IntentButton intent="withdraw" variant="tertiary">{t.join.withdraw}</IntentButton>
        </div>
      ) : null}
      {myRequest?.status === "abgelehnt" && myRequest.reason ? <p className="kern-body">{t.join.declined(myRequest.reason)}</p> : null}
      {may.requestJoin && myRequest?.status !== "offen" && !myInvitation ? (
        <Form method="post" {...getFormProps(form)} className="form-stack">
          <p className="kern-body">{t.join.intro}</p>
          <input type="hidden" name="intent" value="join" />
          <TextAreaField meta={fields.message} label={t.join.message} hint={t.join.messageHint} rows={3} />
          <div>
            <SubmitButton>{t.join.submit}</SubmitButton>
          </div>
        </Form>
      ) : null}
    </Section>
  );
}
