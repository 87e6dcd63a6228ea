import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Alert } from "~/components/alert";
import { BulletList, Section } from "~/components/page-section";
import { groupAbilities, requireGroup } from "~/groups/group-guard.server";
import { groupTexts as t } from "~/i18n/groups";
import { listMilestones } from "~/models/group.server";
import {
  listMembers,
  listObserverGrants,
  listObservers,
  listOpenGroupInvitations,
  listOpenRequests,
  myLatestRequest,
  myOpenInvitation,
  searchInvitableUsers,
} from "~/models/membership.server";
import { readFormData } from "~/server/form-data.server";
import { runOverviewAction } from "./actions.server";
import { MembershipPanel } from "./membership-panel";
import { MembersSection } from "./members-section";
import { Milestones } from "./milestones";

export async function loader(args: LoaderFunctionArgs) {
  const { user, group, access } = requireGroup(args);
  const may = groupAbilities(user, access);
  const request = access.membership ? undefined : myLatestRequest(group.id, user.id);
  const personQuery = (new URL(args.request.url).searchParams.get("person") ?? "").trim().slice(0, 100);
  return json({
    group: { slug: group.slug, description: group.description, goals: group.goals, loge: group.loge, status: group.status, visibility: group.visibility },
    userId: user.id,
    isObserver: user.role === "observer",
    membership: access.membership,
    may,
    milestones: listMilestones(group.id).map((m) => ({ id: m.id, title: m.title, dueDate: m.dueDate, done: Boolean(m.doneAt) })),
    members: listMembers(group.id).map((m) => ({ userId: m.userId, displayName: m.displayName, organisation: m.organisation, role: m.role })),
    observers: listObserverGrants(group.id),
    myRequest: request ? { status: request.status, reason: request.reason, createdAt: request.createdAt.toISOString() } : null,
    myInvitation: access.membership ? null : (myOpenInvitation(group.id, user.id) ?? null),
    manage: may.manageMembers
      ? {
          requests: listOpenRequests(group.id).map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
          personQuery,
          // Searched, never listed whole: a portal has thousands of accounts.
          invitable: personQuery.length >= 2 ? searchInvitableUsers(group.id, personQuery) : [],
          invitations: listOpenGroupInvitations(group.id),
          grantable: group.visibility === "vertraulich" ? listObservers() : [],
        }
      : null,
  });
}

export async function action(args: ActionFunctionArgs) {
  const ctx = requireGroup(args);
  return runOverviewAction(await readFormData(args.request), ctx);
}

export type OverviewData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function GroupOverview() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const goals = data.group.goals.split("\n").map((g) => g.trim()).filter(Boolean);
  return (
    <div className="kern-stack">
      {params.get("eroeffnet") && !actionData ? <Alert variant="success">{t.form.created}</Alert> : null}
      {params.get("gespeichert") && !actionData ? <Alert variant="success">{t.form.saved}</Alert> : null}
      {params.get("willkommen") && !actionData ? <Alert variant="success">{t.join.inviteAccepted}</Alert> : null}
      {/* Field errors show at their fields; everything else as one message. */}
      {actionData && (actionData.ok || !("result" in actionData && actionData.result)) ? (
        <Alert variant={actionData.ok ? "success" : "danger"}>{actionData.message}</Alert>
      ) : null}
      {data.may.edit || data.may.archive ? (
        <p>
          <Link className="kern-btn kern-btn--secondary" to="bearbeiten">
            <span className="kern-icon kern-icon--edit" aria-hidden="true" />
            <span className="kern-label">{t.form.editTitle}</span>
          </Link>
        </p>
      ) : null}
      <div className="overview-grid">
        <div className="kern-stack">
          <Section id="worum" title={t.overview.descriptionTitle}>
            <p className="kern-body preserve-lines">{data.group.description}</p>
          </Section>
          {goals.length ? (
            <Section id="ziele" title={t.overview.goalsTitle}>
              <BulletList items={goals} />
            </Section>
          ) : null}
          <Milestones milestones={data.milestones} mayEdit={data.may.edit} actionData={actionData} />
        </div>
        <div className="kern-stack">
          <MembershipPanel data={data} actionData={actionData} />
          <MembersSection data={data} actionData={actionData} />
        </div>
      </div>
    </div>
  );
}
