import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { invariantResponse, requirePermission, requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { Alert } from "~/components/alert";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Section } from "~/components/page-section";
import { PageTitle } from "~/components/page-title";
import { de } from "~/i18n/de";
import { topicTexts as t } from "~/i18n/topics";
import { listGroupTitles } from "~/models/group.server";
import {
  addComment,
  getProposal,
  listComments,
  listSupporters,
  listTransitions,
  toggleSupport,
  transitionProposal,
} from "~/models/topic.server";
import { readFormData } from "~/server/form-data.server";
import { acceptsSupport, nextStatuses } from "~/topics/state-machine";
import { Paragraphs, TopicStatusBadge } from "~/topics/topic-ui";
import { commentSchema, supportSchema, triageSchema } from "./schemas";
import { CommentsSection, DecisionNotice, HistorySection, SupportSection } from "./sections";
import { TriagePanel } from "./triage-panel";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.proposal.title} – ${t.navLabel} – ${de.portal.name}` : de.portal.name },
];

type Args = LoaderFunctionArgs | ActionFunctionArgs;

/** The proposal of /themen/:id; a malformed or unknown id is a German 404. */
function requireProposal(args: Args) {
  const raw = args.params.id ?? "";
  invariantResponse(/^[1-9]\d{0,14}$/.test(raw), t.notFound, { status: 404 });
  const proposal = getProposal(Number(raw));
  invariantResponse(proposal, t.notFound, { status: 404 });
  return proposal;
}

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const proposal = requireProposal(args);
  const mayTriage = can(user, "triage:topic");
  // Groups are named and linked only where the reader may read them (confidential ones stay unnamed).
  const readable = new Map(listGroupTitles(user).map((g) => [g.id, g]));
  const supporters = listSupporters(proposal.id);
  const mine = supporters.find((s) => s.userId === user.id);
  const next = mayTriage ? nextStatuses(proposal.status) : [];
  return json({
    proposal: {
      id: proposal.id,
      title: proposal.title,
      description: proposal.description,
      loge: proposal.loge,
      status: proposal.status,
      reason: proposal.reason,
      proposerName: proposal.proposerName,
      createdAt: proposal.createdAt.toISOString(),
      isOwn: proposal.proposerId === user.id,
    },
    group: proposal.groupId ? (readable.get(proposal.groupId) ?? null) : null,
    supporters: supporters.map((s) => ({
      key: s.userId,
      displayName: s.displayName,
      organisation: s.organisation,
      wantsToParticipate: s.wantsToParticipate,
    })),
    mySupport: mine ? { wantsToParticipate: mine.wantsToParticipate } : null,
    comments: listComments(proposal.id).map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
    history: listTransitions(proposal.id).map((h) => ({
      ...h,
      createdAt: h.createdAt.toISOString(),
      group: h.groupId ? (readable.get(h.groupId) ?? null) : null,
    })),
    may: {
      support: can(user, "support:topic") && acceptsSupport(proposal.status),
      comment: can(user, "comment:topic"),
      triage: mayTriage,
    },
    next,
    mergeGroups: next.includes("zusammengefuehrt") ? [...readable.values()] : [],
  });
}

export type TopicPageData = SerializeFrom<typeof loader>;
export type TopicActionData = SerializeFrom<typeof action>;

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  const proposal = requireProposal(args);
  const formData = await readFormData(args.request);
  const intent = formData.get("intent");

  if (intent === "support") {
    requirePermission(args, "support:topic");
    const submission = parseWithZod(formData, { schema: supportSchema });
    if (submission.status !== "success") return json({ kind: "support" as const, result: submission.reply() }, { status: 400 });
    const outcome = toggleSupport(proposal.id, user.id, submission.value.wantsToParticipate);
    invariantResponse(outcome !== "not_found", t.notFound, { status: 404 });
    return json(
      { kind: "support" as const, outcome, result: submission.reply({ resetForm: true }) },
      { status: outcome === "closed" ? 409 : 200 },
    );
  }

  if (intent === "comment") {
    requirePermission(args, "comment:topic");
    const submission = parseWithZod(formData, { schema: commentSchema });
    if (submission.status !== "success") return json({ kind: "comment" as const, result: submission.reply() }, { status: 400 });
    invariantResponse(addComment(proposal.id, user.id, submission.value.body), t.notFound, { status: 404 });
    return json({ kind: "comment" as const, added: true, result: submission.reply({ resetForm: true }) });
  }

  if (intent === "triage") {
    requirePermission(args, "triage:topic");
    const submission = parseWithZod(formData, { schema: triageSchema });
    const to = String(formData.get("to") ?? "");
    if (submission.status !== "success") return json({ kind: "triage" as const, to, result: submission.reply() }, { status: 400 });
    const { reason, groupId } = submission.value;
    const outcome = transitionProposal(proposal.id, submission.value.to, { reason, groupId }, user);
    if (!outcome.ok) {
      invariantResponse(!outcome.notFound, t.notFound, { status: 404 });
      // A step that is not allowed (any more) is announced at the top; a missing field at its form.
      if (outcome.field === "to") {
        return json({ kind: "triage" as const, to, message: outcome.error, result: submission.reply() }, { status: 400 });
      }
      const result = submission.reply({ fieldErrors: { [outcome.field]: [outcome.error] } });
      return json({ kind: "triage" as const, to, result }, { status: 400 });
    }
    if (outcome.status === "angenommen" && outcome.group) return redirect(`/gruppen/${outcome.group.slug}`);
    return json({ kind: "triaged" as const, status: outcome.status, result: submission.reply({ resetForm: true }) });
  }

  throw new Response(de.errors.badRequest, { status: 400 });
}

export default function TopicPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { proposal } = data;
  return (
    <div className="kern-stack page-wide">
      <PageTitle back={{ to: "/themen", label: t.backToList }} preline={proposal.loge} title={proposal.title} />
      <p className="badge-row">
        <TopicStatusBadge status={proposal.status} />
        {data.mySupport ? (
          <span className="kern-badge kern-badge--info">
            <span className="kern-label">{t.supportedByMe}</span>
          </span>
        ) : null}
      </p>
      <p className="kern-body kern-body--small">
        {t.proposedBy(proposal.proposerName ?? t.unknownPerson, de.common.date(proposal.createdAt))}
      </p>
      <ActionMessage actionData={actionData} />
      <DecisionNotice data={data} />

      <Section id="beschreibung" title={t.descriptionTitle}>
        <div className="page-narrow">
          <Paragraphs text={proposal.description} />
        </div>
      </Section>
      <SupportSection data={data} actionData={actionData} />
      <CommentsSection data={data} actionData={actionData} />
      <HistorySection data={data} />
      {data.may.triage ? <TriagePanel data={data} actionData={actionData} /> : null}
    </div>
  );
}

/** What the last POST did, announced at the top (errors of a form stay at the form). */
function ActionMessage({ actionData }: { actionData?: TopicActionData }) {
  if (!actionData) return null;
  if (actionData.kind === "support" && "outcome" in actionData) {
    if (actionData.outcome === "closed") return <Alert variant="warning">{t.closedSupport}</Alert>;
    return <Alert variant="success">{actionData.outcome === "added" ? t.supportAdded : t.supportRemoved}</Alert>;
  }
  if (actionData.kind === "comment" && "added" in actionData) return <Alert variant="success">{t.commentAdded}</Alert>;
  if (actionData.kind === "triaged") return <Alert variant="success">{t.transitioned(t.status[actionData.status])}</Alert>;
  if (actionData.kind === "triage" && "message" in actionData && typeof actionData.message === "string") {
    return <Alert variant="danger">{actionData.message}</Alert>;
  }
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
