import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { forbidden, invariantResponse, requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { Alert } from "~/components/alert";
import { DataTable, RowAction } from "~/components/data-table";
import { de } from "~/i18n/de";
import { readFormData } from "~/server/form-data.server";
import { getUserById, listUsers, setUserDeactivated } from "~/models/user.server";
import { setActiveSchema } from "./schemas";

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
    })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const me = requirePermission(args, "list:users");
  const submission = parseWithZod(await readFormData(args.request), { schema: setActiveSchema });
  invariantResponse(submission.status === "success", de.errors.badRequest, { status: 400 });
  const target = getUserById(submission.value.userId);
  invariantResponse(target, de.users.notFound, { status: 404 });
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
                <td className="kern-table__cell">{de.roles[u.role]}</td>
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
