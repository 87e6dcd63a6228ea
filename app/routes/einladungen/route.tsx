import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { globalRoles } from "../../../db/schema";
import { forbidden, invariantResponse, requirePermission } from "~/auth/guards.server";
import { can, invitableRoles } from "~/auth/permissions";
import { Alert } from "~/components/alert";
import { DataTable, RowAction } from "~/components/data-table";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/form-fields";
import { de } from "~/i18n/de";
import { readFormData } from "~/server/form-data.server";
import {
  createInvitation,
  getOpenInvitationById,
  listOpenInvitations,
  revokeInvitation,
} from "~/models/invitation.server";
import { emailTaken } from "~/models/user.server";
import { getEnv } from "~/server/env.server";
import { inviteSchema, revokeSchema } from "./schemas";

export const meta: MetaFunction = () => [{ title: `${de.invitations.title} – ${de.portal.name}` }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "list:invitations");
  return json({
    roles: invitableRoles(user, globalRoles),
    invitations: listOpenInvitations().map((i) => ({ ...i, expiresAt: i.expiresAt.toISOString() })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "list:invitations");
  const formData = await readFormData(args.request);

  if (formData.get("intent") === "revoke") {
    const submission = parseWithZod(formData, { schema: revokeSchema });
    invariantResponse(submission.status === "success", de.errors.badRequest, { status: 400 });
    const invitation = getOpenInvitationById(submission.value.invitationId);
    invariantResponse(invitation, de.invitations.notFound, { status: 404 });
    if (!can(user, "invite:user", { role: invitation.role })) forbidden(de.invitations.roleNotAllowed);
    revokeInvitation(invitation.id);
    return json({ kind: "revoked" as const, result: submission.reply({ resetForm: true }) });
  }

  const submission = parseWithZod(formData, { schema: inviteSchema });
  if (submission.status !== "success") {
    return json({ kind: "invite" as const, result: submission.reply() }, { status: 400 });
  }
  const { email, role } = submission.value;
  if (!can(user, "invite:user", { role })) {
    return json(
      { kind: "invite" as const, result: submission.reply({ fieldErrors: { role: [de.invitations.roleNotAllowed] } }) },
      { status: 403 },
    );
  }
  if (emailTaken(email)) {
    return json(
      { kind: "invite" as const, result: submission.reply({ fieldErrors: { email: [de.invitations.alreadyUser] } }) },
      { status: 409 },
    );
  }
  const { token } = createInvitation({ email, role, invitedBy: user.id });
  return json({
    kind: "created" as const,
    email,
    link: `${getEnv().PUBLIC_ORIGIN}/einladung/${token}`,
    result: submission.reply({ resetForm: true }),
  });
}

export default function Invitations() {
  const { roles, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "invite",
    lastResult: actionData?.kind === "revoked" ? undefined : actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { role: roles.includes("member") ? "member" : roles[0] },
  });
  return (
    <div className="kern-stack page-wide">
      <h1 className="kern-heading-large">{de.invitations.title}</h1>
      <p className="kern-body page-narrow">{de.invitations.intro}</p>

      {actionData?.kind === "created" ? (
        <Alert variant="success">
          <p>{de.invitations.created(actionData.email)}</p>
          <p className="token-box" aria-label={de.invitations.linkLabel}>
            {actionData.link}
          </p>
          <p className="kern-body--small">{de.invitations.linkHint}</p>
        </Alert>
      ) : null}
      {actionData?.kind === "revoked" ? <Alert variant="success">{de.invitations.revoked}</Alert> : null}

      <section aria-labelledby="einladen" className="kern-stack">
        <h2 id="einladen" className="kern-heading-medium">{de.invitations.formTitle}</h2>
        <Form method="post" {...getFormProps(form)} className="form-stack">
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="invite" />
          <TextField meta={fields.email} label={de.invitations.email} type="email" autoComplete="off" />
          <SelectField
            meta={fields.role}
            label={de.invitations.role}
            options={roles.map((r) => ({ value: r, label: de.roles[r] }))}
          />
          <div>
            <SubmitButton>{de.invitations.submit}</SubmitButton>
          </div>
        </Form>
      </section>

      <section aria-labelledby="offen" className="kern-stack">
        <h2 id="offen" className="kern-heading-medium">{de.invitations.openTitle}</h2>
        {invitations.length === 0 ? (
          <p className="kern-body">{de.invitations.none}</p>
        ) : (
          <DataTable
            caption={de.invitations.openTitle}
            columns={[de.invitations.colEmail, de.invitations.colRole, de.invitations.colBy, de.invitations.colExpires, de.invitations.colAction]}
          >
                {invitations.map((i) => (
                  <tr key={i.id} className="kern-table__row">
                    <td className="kern-table__cell">{i.email}</td>
                    <td className="kern-table__cell">{de.roles[i.role]}</td>
                    <td className="kern-table__cell">{i.invitedByName ?? "–"}</td>
                    <td className="kern-table__cell">{de.common.dateTime(i.expiresAt)}</td>
                    <td className="kern-table__cell">
                      {roles.includes(i.role) ? (
                        <RowAction intent="revoke" fields={{ invitationId: i.id }} label={de.invitations.revokeLabel(i.email)}>
                          {de.invitations.revoke}
                        </RowAction>
                      ) : null}
                    </td>
                  </tr>
                ))}
          </DataTable>
        )}
      </section>
    </div>
  );
}
