import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { Alert } from "~/components/alert";
import { FormErrors, SubmitButton } from "~/components/form-fields";
import { TextAreaField } from "~/components/form-fields";
import { Section } from "~/components/page-section";
import { de } from "~/i18n/de";
import { topicTexts as t } from "~/i18n/topics";
import { CheckboxField, Paragraphs, SupportButton } from "~/topics/topic-ui";
import type { TopicActionData, TopicPageData } from "./route";
import { commentSchema, supportSchema } from "./schemas";

type Props = { data: TopicPageData; actionData?: TopicActionData };

function DateTime({ value }: { value: string }) {
  return <time dateTime={value}>{de.common.dateTime(value)}</time>;
}

function GroupLink({ group }: { group: { slug: string; title: string } | null }) {
  if (!group) return <>{t.groupHidden}</>;
  return (
    <Link className="kern-link" to={`/gruppen/${group.slug}`}>
      {group.title}
    </Link>
  );
}

/** The decision, for everyone and especially the proposer: the group it became, or why it was declined. */
export function DecisionNotice({ data }: { data: TopicPageData }) {
  const { proposal } = data;
  const closed = <p>{t.closedNotice}</p>;
  if (proposal.status === "angenommen" || proposal.status === "zusammengefuehrt") {
    return (
      <Alert variant={proposal.status === "angenommen" ? "success" : "info"} title={t.status[proposal.status]}>
        <p>
          {proposal.status === "angenommen" ? t.groupOpened : t.groupMerged} <GroupLink group={data.group} />
        </p>
        {proposal.reason ? (
          <p>
            {t.reasonLabel} {proposal.reason}
          </p>
        ) : null}
        {closed}
      </Alert>
    );
  }
  if (proposal.status === "abgelehnt") {
    return (
      <Alert variant="warning" title={proposal.isOwn ? t.rejectedOwn : t.rejected}>
        <p>
          {t.reasonLabel} {proposal.reason}
        </p>
        {closed}
      </Alert>
    );
  }
  return null;
}

export function SupportSection({ data, actionData }: Props) {
  return (
    <Section id="unterstuetzung" title={t.supportTitle}>
      <p className="kern-body">{t.supportCount(data.supporters.length)}</p>
      {data.supporters.length > 0 ? (
        <>
          <h3 className="kern-heading-small">{t.supportersTitle}</h3>
          <ul className="kern-list kern-list--bullet">
            {data.supporters.map((s) => (
              <li key={s.key}>
                {s.displayName}
                {s.organisation ? ` (${s.organisation})` : ""}
                {s.wantsToParticipate ? (
                  <>
                    {" "}
                    <span className="kern-badge kern-badge--success">
                      <span className="kern-label">{t.participates}</span>
                    </span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {data.may.support ? (
        <SupportForm mySupport={data.mySupport} lastResult={actionData?.kind === "support" ? actionData.result : undefined} />
      ) : data.proposal.status !== "neu" && data.proposal.status !== "in_pruefung" ? (
        <p className="kern-body">{t.closedSupport}</p>
      ) : null}
    </Section>
  );
}

function SupportForm({ mySupport, lastResult }: { mySupport: TopicPageData["mySupport"]; lastResult?: TopicActionData["result"] }) {
  const [form, fields] = useForm({
    id: "unterstuetzen",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: supportSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack" preventScrollReset>
      <FormErrors id={form.errorId} errors={form.errors} />
      {mySupport ? (
        <>
          <p className="kern-body">{mySupport.wantsToParticipate ? t.youSupportAndParticipate : t.youSupport}</p>
          <p className="kern-hint">{t.supportHint}</p>
        </>
      ) : (
        <CheckboxField meta={fields.wantsToParticipate} label={t.wantsToParticipate} hint={t.wantsToParticipateHint} />
      )}
      <div>
        <SupportButton pressed={Boolean(mySupport)} />
      </div>
    </Form>
  );
}

export function CommentsSection({ data, actionData }: Props) {
  return (
    <Section id="kommentare" title={t.commentsTitle}>
      {data.comments.length === 0 ? (
        <p className="kern-body">{t.noComments}</p>
      ) : (
        <ul className="kern-list kern-list--bullet">
          {data.comments.map((c) => (
            <li key={c.id}>
              <p className="kern-body kern-body--small kern-body--bold">
                {c.authorName ?? t.unknownPerson}, <DateTime value={c.createdAt} />
              </p>
              <Paragraphs text={c.body} />
            </li>
          ))}
        </ul>
      )}
      {data.may.comment ? <CommentForm lastResult={actionData?.kind === "comment" ? actionData.result : undefined} /> : null}
    </Section>
  );
}

function CommentForm({ lastResult }: { lastResult?: TopicActionData["result"] }) {
  const [form, fields] = useForm({
    id: "kommentar",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: commentSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="form-stack" preventScrollReset>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="comment" />
      <TextAreaField meta={fields.body} label={t.comment} hint={t.commentHint} rows={4} />
      <div>
        <SubmitButton variant="secondary">{t.submitComment}</SubmitButton>
      </div>
    </Form>
  );
}

/** Who moved the proposal when and why, oldest first, starting with its submission. */
export function HistorySection({ data }: { data: TopicPageData }) {
  return (
    <Section id="verlauf" title={t.historyTitle}>
      <ol className="kern-list kern-list--number">
        <li>
          <DateTime value={data.proposal.createdAt} />: {t.historyCreated(data.proposal.proposerName ?? t.unknownPerson)}
        </li>
        {data.history.map((h) => (
          <li key={h.id}>
            <DateTime value={h.createdAt} />: {t.historyEntry(t.status[h.fromStatus], t.status[h.toStatus])}{" "}
            {t.historyBy(h.actorName ?? t.unknownPerson)}
            {h.reason ? (
              <>
                <br />
                {t.historyReason} {h.reason}
              </>
            ) : null}
            {h.groupId ? (
              <>
                <br />
                {t.historyGroup} <GroupLink group={h.group} />
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </Section>
  );
}
