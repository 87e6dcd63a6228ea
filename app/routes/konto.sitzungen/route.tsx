import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { invariantResponse, requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { invalidateSession, invalidateUserSessions, listActiveSessions } from "~/auth/session.server";
import { describeUserAgent } from "~/auth/user-agent";
import { Alert } from "~/components/alert";
import { DataTable, RowAction } from "~/components/data-table";
import { de } from "~/i18n/de";
import { readFormData } from "~/server/form-data.server";
import { FeedTokensSection } from "./feed-tokens";
import { FEED_INTENTS, feedTokenAction, feedTokenRows } from "./feed-tokens.server";
import { endOthersSchema, endSessionSchema } from "./schemas";

export const meta: MetaFunction = () => [{ title: `${de.sessions.title} – ${de.portal.name}` }];

/** A page that shows a new feed token must not be cached (the action says so; Remix passes it on only from here). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const cache = actionHeaders.get("Cache-Control");
  return cache ? new Headers({ "Cache-Control": cache }) : new Headers();
};

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
    feedTokens: can(user, "manage:feed-tokens") ? feedTokenRows(user.id) : null,
  });
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "manage:own-account");
  const current = args.context.auth!.session.id;
  const formData = await readFormData(args.request);
  if (FEED_INTENTS.has(String(formData.get("intent")))) {
    return feedTokenAction(requirePermission(args, "manage:feed-tokens"), formData);
  }
  if (formData.get("intent") === "end-others") {
    invariantResponse(parseWithZod(formData, { schema: endOthersSchema }).status === "success", de.errors.badRequest, { status: 400 });
    const before = listActiveSessions(user.id).length;
    invalidateUserSessions(user.id, "ended_by_user", current);
    return json({ kind: "sessions" as const, message: de.sessions.endedOthers(before - 1) });
  }
  const submission = parseWithZod(formData, { schema: endSessionSchema });
  invariantResponse(submission.status === "success", de.errors.badRequest, { status: 400 });
  // Only the user's own sessions: the user id is part of the delete's where clause.
  invalidateSession(submission.value.sessionId, user.id, "ended_by_user");
  return json({ kind: "sessions" as const, message: de.sessions.ended });
}

export default function Sessions() {
  const { sessions, feedTokens } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="kern-stack page-wide">
      <h1 className="kern-heading-large">{de.sessions.title}</h1>
      <p className="kern-body page-narrow">{de.sessions.intro}</p>
      {actionData?.kind === "sessions" ? <Alert variant="success">{actionData.message}</Alert> : null}
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
      {feedTokens ? (
        <FeedTokensSection
          tokens={feedTokens}
          created={actionData?.kind === "feed-created" ? actionData.created : null}
          result={actionData?.kind === "feed-created" || actionData?.kind === "feed-invalid" ? actionData.result : undefined}
          message={actionData?.kind === "feed-revoked" ? actionData.message : null}
        />
      ) : null}
    </div>
  );
}
