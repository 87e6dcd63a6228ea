import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { globalRoles } from "../../../db/schema";
import { forbidden, invariantResponse, requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { Alert } from "~/components/alert";
import { DataTable, RowAction } from "~/components/data-table";
import { de } from "~/i18n/de";
import { readFormData } from "~/server/form-data.server";
import { getUserById, listUsers, setUserDeactivated, setUserRole } from "~/models/user.server";
import { userActionSchema } from "./schemas";

export const meta: MetaFunction = () => [{ title: `${de.users.title} – ${de.portal.name}` }];

export async function loader(args: LoaderFunctionArgs) {
  const me = requirePermission(args, "list:users");
  return json({
    users: listUsers().map((u) => ({
      id: u.id,
      displayName: u.displayName,
      email: u.email,
      organisation: u.organisation,
      role: u.role,
      deactivated: Boolean(u.deactivatedAt),
      mayChange: can(me, "deactivate:user", { userId: u.id, role: u.role }),
      mayChangeRole: can(me, "change-role:user", { userId: u.id }),
    })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const me = requirePermission(args, "list:users");
  const submission = parseWithZod(await readFormData(args.request), { schema: userActionSchema });
  invariantResponse(submission.status === "success", de.errors.badRequest, { status: 400 });
  const target = getUserById(submission.value.userId);
  invariantResponse(target, de.users.notFound, { status: 404 });
  if (submission.value.intent === "set-role") {
    if (!can(me, "change-role:user", { userId: target.id })) forbidden(de.users.selfRole);
    setUserRole(target.id, submission.value.role);
    return json({ message: de.users.didSetRole(target.displayName, de.roles[submission.value.role]) });
  }
  if (!can(me, "deactivate:user", { userId: target.id, role: target.role })) forbidden(de.users.self);
  const deactivate = submission.value.intent === "deactivate";
  setUserDeactivated(target.id, deactivate);
  return json({ message: deactivate ? de.users.didDeactivate(target.displayName) : de.users.didReactivate(target.displayName) });
}

export default function Users() {
  const { users } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="kern-stack page-wide">
      <h1 className="kern-heading-large">{de.users.title}</h1>
      <p className="kern-body page-narrow">{de.users.intro}</p>
      {actionData ? <Alert variant="success">{actionData.message}</Alert> : null}
      <DataTable caption={de.users.title} columns={[de.users.colName, de.users.colEmail, de.users.colRole, de.users.colStatus, de.users.colAction]}>
            {users.map((u) => (
              <tr key={u.id} className="kern-table__row">
                <td className="kern-table__cell">
                  {u.displayName}
                  {u.organisation ? <span className="kern-body--small"><br />{u.organisation}</span> : null}
                </td>
                <td className="kern-table__cell">{u.email}</td>
                <td className="kern-table__cell">{u.mayChangeRole ? <RoleForm userId={u.id} name={u.displayName} role={u.role} /> : de.roles[u.role]}</td>
                <td className="kern-table__cell">
                  <span className={`kern-badge kern-badge--${u.deactivated ? "danger" : "success"}`}>
                    <span className="kern-label">{u.deactivated ? de.users.deactivated : de.users.active}</span>
                  </span>
                </td>
                <td className="kern-table__cell">
                  {u.mayChange ? (
                    <RowAction
                      intent={u.deactivated ? "reactivate" : "deactivate"}
                      fields={{ userId: u.id }}
                      label={u.deactivated ? de.users.reactivateLabel(u.displayName) : de.users.deactivateLabel(u.displayName)}
                    >
                      {u.deactivated ? de.users.reactivate : de.users.deactivate}
                    </RowAction>
                  ) : null}
                </td>
              </tr>
            ))}
      </DataTable>
    </div>
  );
}

/** The global role of one person: a select and its button, a form of its own (works without JavaScript). */
function RoleForm({ userId, name, role }: { userId: number; name: string; role: (typeof globalRoles)[number] }) {
  const selectId = `rolle-${userId}`;
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="userId" value={userId} />
      <label className="kern-sr-only" htmlFor={selectId}>{de.users.roleLabel(name)}</label>
      <div className="kern-form-input__select-wrapper">
        <select id={selectId} name="role" defaultValue={role} className="kern-form-input__select">
          {globalRoles.map((r) => (
            <option key={r} value={r}>{de.roles[r]}</option>
          ))}
        </select>
      </div>
      <button type="submit" name="intent" value="set-role" className="kern-btn kern-btn--tertiary kern-btn--x-small" aria-label={`${de.users.setRole}: ${name}`}>
        <span className="kern-label">{de.users.setRole}</span>
      </button>
    </Form>
  );
}
