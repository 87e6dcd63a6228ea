import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { invariantResponse, requirePermission } from "~/auth/guards.server";
import { invalidateSession, invalidateUserSessions, listActiveSessions } from "~/auth/session.server";
import { describeUserAgent } from "~/auth/user-agent";
import { Alert } from "~/components/alert";
import { DataTable, RowAction } from "~/components/data-table";
import { de } from "~/i18n/de";
import { readFormData } from "~/server/form-data.server";
import { endOthersSchema, endSessionSchema } from "./schemas";

export const meta: MetaFunction = () => [{ title: `${de.sessions.title} – ${de.portal.name}` }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "manage:own-account");
  const current = args.context.auth!.session.id;
  return json({
    sessions: listActiveSessions(user.id).map((s) => ({
      id: s.id,
      current: s.id === current,
      device: describeUserAgent(s.userAgent) ?? de.sessions.unknownDevice,
      createdAt: s.createdAt.toISOString(),
      lastUsedAt: s.lastUsedAt.toISOString(),
    })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "manage:own-account");
  const current = args.context.auth!.session.id;
  const formData = await readFormData(args.request);
  if (formData.get("intent") === "end-others") {
    invariantResponse(parseWithZod(formData, { schema: endOthersSchema }).status === "success", de.errors.badRequest, { status: 400 });
    const before = listActiveSessions(user.id).length;
    invalidateUserSessions(user.id, "ended_by_user", current);
    return json({ message: de.sessions.endedOthers(before - 1) });
  }
  const submission = parseWithZod(formData, { schema: endSessionSchema });
  invariantResponse(submission.status === "success", de.errors.badRequest, { status: 400 });
  // Only the user's own sessions: the user id is part of the delete's where clause.
  invalidateSession(submission.value.sessionId, user.id, "ended_by_user");
  return json({ message: de.sessions.ended });
}

export default function Sessions() {
  const { sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="kern-stack page-wide">
      <h1 className="kern-heading-large">{de.sessions.title}</h1>
      <p className="kern-body page-narrow">{de.sessions.intro}</p>
      {actionData ? <Alert variant="success">{actionData.message}</Alert> : null}
      <DataTable caption={de.sessions.title} columns={[de.sessions.colDevice, de.sessions.colCreated, de.sessions.colLastUsed, de.sessions.colAction]}>
            {sessions.map((s) => (
              <tr key={s.id} className="kern-table__row">
                <td className="kern-table__cell">{s.device}</td>
                <td className="kern-table__cell">{de.common.dateTime(s.createdAt)}</td>
                <td className="kern-table__cell">{de.common.dateTime(s.lastUsedAt)}</td>
                <td className="kern-table__cell">
                  {s.current ? (
                    <span className="kern-badge kern-badge--info">
                      <span className="kern-label">{de.sessions.current}</span>
                    </span>
                  ) : (
                    <RowAction intent="end" fields={{ sessionId: s.id }} label={de.sessions.endLabel(s.device)}>
                      {de.sessions.end}
                    </RowAction>
                  )}
                </td>
              </tr>
            ))}
      </DataTable>
      {others > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="end-others" />
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{de.sessions.endOthers}</span>
          </button>
        </Form>
      ) : (
        <p className="kern-body">{de.sessions.none}</p>
      )}
    </div>
  );
}
