import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { documentKinds } from "../../../db/schema";
import { can } from "~/auth/permissions";
import { Alert } from "~/components/alert";
import { DataTable } from "~/components/data-table";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/form-fields";
import { Section } from "~/components/page-section";
import { createDocumentSchema } from "~/documents/schemas";
import { requireGroup } from "~/groups/group-guard.server";
import { de } from "~/i18n/de";
import { documentTexts as t } from "~/i18n/documents";
import { createDocument, listDocuments } from "~/models/document.server";
import { readFormData } from "~/server/form-data.server";
import { presentIn } from "~/realtime/doc-presence.server";
import { presenceTexts } from "~/i18n/presence";
import { useGroupPresence } from "~/realtime/use-group-room";
import { DocumentStatusBadge } from "~/components/document-status-badge";

export async function loader(args: LoaderFunctionArgs) {
  const { user, group, access } = requireGroup(args);
  const documents = listDocuments(group.id);
  const present = presentIn(documents.map((d) => d.id));
  return json({
    documents: documents.map((d) => ({ ...d, updatedAt: d.updatedAt.toISOString(), present: present[d.id] ?? [] })),
    mayCreate: can(user, "create:document", access),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { user, group } = requireGroup(args, "create:document");
  const submission = parseWithZod(await readFormData(args.request), { schema: createDocumentSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const { id } = createDocument(group.id, submission.value, user.id);
  return redirect(`/gruppen/${group.slug}/dokumente/${id}?angelegt=1`);
}

export default function DocumentList() {
  const { documents, mayCreate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const present = usePresentInDocuments();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { kind: "empfehlung" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createDocumentSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="kern-stack">
      {params.get("geloescht") ? <Alert variant="success">{t.deleted(params.get("geloescht")!)}</Alert> : null}
      <Section id="dokumente" title={t.listTitle}>
        <p className="kern-body">{t.listIntro}</p>
        {documents.length === 0 ? (
          <p className="kern-body">{t.none}</p>
        ) : (
          <DataTable caption={t.listTitle} columns={[t.colTitle, t.colKind, t.colStatus, t.colUpdated, t.colCreatedBy, presenceTexts.column]}>
            {documents.map((d) => (
              <tr key={d.id} className="kern-table__row">
                <td className="kern-table__cell">
                  <Link className="kern-link" to={String(d.id)}>{d.title}</Link>
                </td>
                <td className="kern-table__cell">{t.kind[d.kind]}</td>
                <td className="kern-table__cell"><DocumentStatusBadge status={d.status} /></td>
                <td className="kern-table__cell">{de.common.dateTime(d.updatedAt)}</td>
                <td className="kern-table__cell">{d.createdByName ?? "–"}</td>
                <td className="kern-table__cell">{(present?.get(d.id) ?? (present ? [] : d.present)).join(", ") || presenceTexts.nobody}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </Section>
      {mayCreate ? (
        <Section id="dokument-anlegen" title={t.createTitle}>
          <Form method="post" {...getFormProps(form)} className="form-stack">
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="intent" value="create" />
            <TextField meta={fields.title} label={t.title} />
            <SelectField meta={fields.kind} label={t.kindLabel} options={documentKinds.map((k) => ({ value: k, label: t.kind[k] }))} />
            <div>
              <SubmitButton>{t.create}</SubmitButton>
            </div>
          </Form>
        </Section>
      ) : null}
    </div>
  );
}

/**
 * Who is in which document, live from the group's room once it answered;
 * until then (and without JavaScript) the list the loader read.
 */
function usePresentInDocuments(): Map<number, string[]> | null {
  const { presence } = useGroupPresence();
  if (!presence) return null;
  const byDoc = new Map<number, string[]>();
  for (const p of presence.people) {
    if (p.where.documentId === undefined) continue;
    byDoc.set(p.where.documentId, [...(byDoc.get(p.where.documentId) ?? []), p.displayName]);
  }
  return byDoc;
}
