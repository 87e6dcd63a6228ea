import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { groupStatuses } from "../../../db/schema";
import { forbidden, invariantResponse } from "~/auth/guards.server";
import { can, editableGroupFields } from "~/auth/permissions";
import { Alert } from "~/components/alert";
import { GroupForm } from "~/components/group-form";
import { Section } from "~/components/page-section";
import { requireGroup } from "~/groups/group-guard.server";
import { parseGroupForm } from "~/groups/save-group.server";
import { de } from "~/i18n/de";
import { groupTexts as t } from "~/i18n/groups";
import { setGroupStatus, updateGroup } from "~/models/group.server";
import { readFormData } from "~/server/form-data.server";
import { statusSchema } from "./status-schema";

export const meta: MetaFunction = () => [{ title: `${t.form.editTitle} – ${de.portal.name}` }];

/**
 * Editing needs edit:group, and each field of the form its own permission
 * (editableGroupFields); the status (archive, reopen) needs archive:group.
 * Either opens the page.
 */
function requireEditPage(args: LoaderFunctionArgs) {
  const found = requireGroup(args);
  const mayEdit = can(found.user, "edit:group", found.access);
  const mayArchive = can(found.user, "archive:group", found.access);
  if (!mayEdit && !mayArchive) forbidden();
  return { ...found, mayEdit, mayArchive, editable: editableGroupFields(found.user, found.access) };
}

export async function loader(args: LoaderFunctionArgs) {
  const { group, mayEdit, mayArchive, editable } = requireEditPage(args);
  return json({
    group: {
      slug: group.slug,
      title: group.title,
      loge: group.loge ?? undefined,
      description: group.description,
      goals: group.goals,
      visibility: group.visibility,
      status: group.status,
    },
    mayEdit,
    mayArchive,
    editable,
  });
}

export async function action(args: ActionFunctionArgs) {
  const { group, mayEdit, mayArchive, editable } = requireEditPage(args);
  const formData = await readFormData(args.request);
  if (formData.get("intent") === "status") {
    if (!mayArchive) forbidden();
    const submission = parseWithZod(formData, { schema: statusSchema });
    invariantResponse(submission.status === "success", de.errors.badRequest, { status: 400 });
    setGroupStatus(group.id, submission.value.status);
    return json({ kind: "status" as const, message: t.form.statusChanged(t.status[submission.value.status]) });
  }
  if (!mayEdit) forbidden();
  const parsed = parseGroupForm(formData, { groupId: group.id, editable });
  if (parsed.fields === null) return json({ kind: "edit" as const, result: parsed.reply }, { status: parsed.status });
  updateGroup(group.id, parsed.fields);
  return redirect(`/gruppen/${parsed.fields.slug ?? group.slug}?gespeichert=1`);
}

export default function EditGroup() {
  const { group, mayEdit, mayArchive, editable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="kern-stack">
      <h2 className="kern-heading-medium">{t.form.editTitle}</h2>
      {actionData?.kind === "status" ? <Alert variant="success">{actionData.message}</Alert> : null}
      {mayEdit ? (
        <GroupForm
          lastResult={actionData?.kind === "edit" ? actionData.result : undefined}
          defaultValue={group}
          editable={editable}
          submitLabel={t.form.submitEdit}
        />
      ) : null}
      {mayArchive ? (
        <Section id="status" title={t.form.statusTitle}>
          <p className="kern-body">{t.form.statusIntro}</p>
          <Form method="post" className="filter-bar">
            <input type="hidden" name="intent" value="status" />
            <div className="kern-form-input">
              <label className="kern-label" htmlFor="status-select">{t.overview.statusLabel}</label>
              <div className="kern-form-input__select-wrapper">
                <select id="status-select" name="status" defaultValue={group.status} className="kern-form-input__select">
                  {groupStatuses.map((s) => (
                    <option key={s} value={s}>{t.status[s]}</option>
                  ))}
                </select>
              </div>
            </div>
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t.form.setStatus}</span>
            </button>
          </Form>
        </Section>
      ) : null}
    </div>
  );
}
