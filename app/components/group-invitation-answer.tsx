import { Form } from "@remix-run/react";
import type { GroupRole } from "../../db/schema";
import { groupTexts as t } from "~/i18n/groups";

const answers = [
  { intent: "accept-invite", label: t.join.acceptInvite, variant: "primary" },
  { intent: "decline-invite", label: t.join.declineInvite, variant: "secondary" },
] as const;

/**
 * An open invitation into a group and its two answers. Both post to the
 * invitation's own page (/gruppen/:slug/einladung), the one place that
 * answers invitations, also for groups the person cannot read yet.
 */
export function GroupInvitationAnswer({ slug, role }: { slug: string; role: GroupRole }) {
  return (
    <div className="kern-stack">
      <p className="kern-body">{t.join.invited(t.roles[role])}</p>
      <div className="button-row">
        {answers.map((a) => (
          <Form key={a.intent} method="post" action={`/gruppen/${slug}/einladung`} className="inline-form">
            <button type="submit" name="intent" value={a.intent} className={`kern-btn kern-btn--${a.variant}`}>
              <span className="kern-label">{a.label}</span>
            </button>
          </Form>
        ))}
      </div>
    </div>
  );
}
