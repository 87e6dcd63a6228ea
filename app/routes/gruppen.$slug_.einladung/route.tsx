import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { invariantResponse } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { GroupInvitationAnswer } from "~/components/group-invitation-answer";
import { PageTitle } from "~/components/page-title";
import { requireGroupInvitation } from "~/groups/group-guard.server";
import { de } from "~/i18n/de";
import { groupTexts as t } from "~/i18n/groups";
import { answerInvitation } from "~/models/membership.server";
import { readFormData } from "~/server/form-data.server";
import { answerInvitationSchema } from "./answer-schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${t.invitation.title(data.group.title)} – ${de.portal.name}` : de.portal.name },
];

/**
 * /gruppen/:slug/einladung: the person's open invitation into a group and
 * its answer. It sits outside the group's frame (the `_` in the file name),
 * whose guard needs the read right: a vertraulich group is readable only
 * after the invitation is accepted. Whoever has no invitation to answer is
 * sent to the group if they may read it, and gets the group's 404 if not.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { group, mayRead, invitation } = requireGroupInvitation(args);
  if (!invitation) throw redirect(`/gruppen/${group.slug}`);
  return json({
    group: { slug: group.slug, title: group.title, loge: group.loge, visibility: group.visibility },
    role: invitation.role,
    mayRead,
  });
}

export async function action(args: ActionFunctionArgs) {
  const { user, group, invitation } = requireGroupInvitation(args);
  const submission = parseWithZod(await readFormData(args.request), { schema: answerInvitationSchema });
  invariantResponse(submission.status === "success", de.errors.badRequest, { status: 400 });
  const accept = submission.value.intent === "accept-invite";
  // No open invitation (answered in another window, or by a second click): nothing changes.
  invariantResponse(invitation && answerInvitation(group.id, user.id, accept), t.invitation.gone, { status: 404 });
  return redirect(accept ? `/gruppen/${group.slug}?willkommen=1` : "/?einladung=abgelehnt");
}

export default function GroupInvitation() {
  const { group, role, mayRead } = useLoaderData<typeof loader>();
  return (
    <div className="kern-stack page-narrow">
      <PageTitle back={{ to: "/", label: de.nav.home }} preline={group.loge ? t.logeLine(group.loge) : null} title={t.invitation.title(group.title)} />
      {group.visibility === "vertraulich" && !mayRead ? <p className="kern-body">{t.invitation.confidential}</p> : null}
      <GroupInvitationAnswer slug={group.slug} role={role} />
      {mayRead ? (
        <p className="kern-body">
          <Link className="kern-link" to={`/gruppen/${group.slug}`}>{t.invitation.toGroup}</Link>
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
