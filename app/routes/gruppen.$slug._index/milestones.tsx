import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { RowAction } from "~/components/data-table";
import { controlClass, FieldShell, SubmitButton, TextField } from "~/components/form-fields";
import { Section } from "~/components/page-section";
import { groupTexts as t } from "~/i18n/groups";
import { addMilestoneSchema } from "./schemas";

type Milestone = { id: number; title: string; dueDate: string | null; done: boolean };
type ActionData = { intent: string; result?: SubmissionResult<string[]> } | undefined;

const today = () => new Date().toISOString().slice(0, 10);
const germanDate = (iso: string) => new Intl.DateTimeFormat("de-DE", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));

/** Milestones with their progress; overdue ones are marked in words, not only in colour. */
export function Milestones({ milestones, mayEdit, actionData }: { milestones: Milestone[]; mayEdit: boolean; actionData: ActionData }) {
  const done = milestones.filter((m) => m.done).length;
  const [form, fields] = useForm({
    id: "milestone-add",
    lastResult: actionData?.intent === "milestone-add" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: addMilestoneSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Section id="meilensteine" title={t.overview.milestonesTitle}>
      {milestones.length ? (
        <>
          <p className="kern-body">{t.overview.progress(done, milestones.length)}</p>
          <progress className="kern-progress" max={milestones.length} value={done} aria-label={t.overview.progress(done, milestones.length)} />
          <ul className="milestone-list">
            {milestones.map((m) => {
              const overdue = !m.done && m.dueDate !== null && m.dueDate < today();
              return (
                <li key={m.id} className={`milestone${m.done ? " milestone--done" : ""}${overdue ? " milestone--overdue" : ""}`}>
                  <span className={`kern-badge kern-badge--${m.done ? "success" : overdue ? "danger" : "info"}`}>
                    <span className="kern-label">{m.done ? t.overview.done : overdue ? t.overview.overdue : t.overview.open}</span>
                  </span>
                  <span className="milestone__title">{m.title}</span>
                  {m.dueDate ? <span className="kern-body kern-body--small">{t.overview.due(germanDate(m.dueDate))}</span> : null}
                  {mayEdit ? (
                    <span className="milestone__actions">
                      <RowAction
                        intent={m.done ? "milestone-open" : "milestone-done"}
                        fields={{ milestoneId: m.id }}
                        label={m.done ? t.overview.markOpenLabel(m.title) : t.overview.markDoneLabel(m.title)}
                      >
                        {m.done ? t.overview.markOpen : t.overview.markDone}
                      </RowAction>
                      <RowAction intent="milestone-delete" fields={{ milestoneId: m.id }} label={t.overview.deleteMilestoneLabel(m.title)}>
                        {t.overview.deleteMilestone}
                      </RowAction>
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p className="kern-body">{t.noMilestones}</p>
      )}
      {mayEdit ? (
        <Form method="post" {...getFormProps(form)} className="form-stack" aria-labelledby="meilenstein-neu">
          <h3 id="meilenstein-neu" className="kern-heading-small">{t.overview.addMilestone}</h3>
          <input type="hidden" name="intent" value="milestone-add" />
          <TextField meta={fields.title} label={t.overview.milestoneTitle} />
          <FieldShell meta={fields.dueDate} label={t.overview.milestoneDue} hint={t.overview.milestoneDueHint}>
            <input
              {...getInputProps(fields.dueDate, { type: "date", ariaDescribedBy: fields.dueDate.descriptionId })}
              key={fields.dueDate.key}
              className={controlClass("kern-form-input__input", fields.dueDate)}
            />
          </FieldShell>
          <div>
            <SubmitButton variant="secondary">{t.overview.addMilestone}</SubmitButton>
          </div>
        </Form>
      ) : null}
    </Section>
  );
}
