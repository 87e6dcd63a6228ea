import { Form } from "@remix-run/react";
import type { GroupRole } from "../../db/schema";
import { groupTexts as t } from "~/i18n/groups";

/**
 * An open invitation into a group and its two answers. Both post to the
 * invitation's own page (/gruppen/:slug/einladung), the one place that
 * answers invitations, also for groups the person cannot read yet.
 */
export function GroupInvitationAnswer({ slug, role }: { slug: string; role: GroupRole }) {
  const action = `/gruppen/${slug}/einladung`;
  return (
    <div className="kern-stack">
      <p className="kern-body">{t.join.invited(t.roles[role])}</p>
      <div className="button-row">
        <Form method="post" action={action} className="inline-form">
          <button type="submit" name="intent" value="accept-invite" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t.join.acceptInvite}</span>
          </button>
        </Form>
        <Form method="post" action={action} className="inline-form">
          <button type="submit" name="intent" value="decline-invite" className="kern-btn kern-btn--secondary">
            <span className="kern-label">{t.join.declineInvite}</span>
          </button>
        </Form>
      </div>
    </div>
  );
}
