import { createDocumentSchema, documentActionSchema } from "../../../app/documents/schemas";
import { groupFormSchema } from "../../../app/groups/group-form-schema";
import { loges } from "../../../app/groups/loges";
import { overviewActionSchema } from "../../../app/routes/gruppen.$slug._index/schemas";
import { statusSchema } from "../../../app/routes/gruppen.$slug.bearbeiten/status-schema";
import { answerInvitationSchema } from "../../../app/routes/gruppen.$slug_.einladung/answer-schema";
import { deleteSchema, materialSchema } from "../../../app/routes/gruppen.$slug.materialien/schemas";
import { markAllReadSchema, newThreadSchema, queueActionSchemas, threadActionSchemas } from "../../../app/threads/schemas";
import { intentsOf, optionFor, type FormCase } from "./form-cases";
import { PDF, type World } from "./world";

/** The forms of a working group's pages, each with a valid filling in its world. */
const group = (w: World) => ({ slug: w.slug });
const thread = (w: World) => ({ slug: w.slug, threadId: String(w.threadId) });
const doc = (w: World) => ({ slug: w.slug, docId: String(w.documentId) });
const mail = ["notifications", "mail_outbox"];

const overview = (intent: string, actor: FormCase["actor"], refused: FormCase["refused"], writes: string[], base: (w: World) => Record<string, string> = () => ({})): FormCase => ({
  route: "routes/gruppen.$slug._index",
  intent,
  schema: optionFor(overviewActionSchema, intent),
  actor,
  refused,
  params: group,
  base: (w) => ({ intent, ...base(w) }),
  writes,
});

const threadForm = (intent: keyof typeof threadActionSchemas, actor: FormCase["actor"], refused: FormCase["refused"], writes: string[], base: (w: World) => Record<string, string> = () => ({})): FormCase => ({
  route: "routes/gruppen.$slug.diskussion.$threadId",
  intent,
  schema: threadActionSchemas[intent],
  actor,
  refused,
  params: thread,
  base: (w) => ({ intent, ...base(w) }),
  writes,
});

const membership = ["group_members", "activities"];
const moderated = ["threads", "posts", "post_reports", "activities"];

export const groupForms: FormCase[] = [
  overview("join", "outsider", "observer", ["join_requests", ...mail], () => ({ message: "Ich möchte mitarbeiten." })),
  overview("withdraw", "requester", "anonymous", ["join_requests"]),
  ...(["accept-invite", "decline-invite"] as const).map(
    (intent): FormCase => ({
      route: "routes/gruppen.$slug_.einladung",
      intent,
      schema: optionFor(answerInvitationSchema, intent),
      actor: "invitee",
      refused: "anonymous",
      params: group,
      base: () => ({ intent }),
      writes: intent === "accept-invite" ? ["group_invitations", ...membership] : ["group_invitations"],
    }),
  ),
  overview("leave", "member2", "outsider", membership),
  overview("accept-request", "groupMod", "member", ["join_requests", ...membership, ...mail], (w) => ({ requestId: String(w.joinRequestId) })),
  overview("decline-request", "groupMod", "member", ["join_requests", ...mail], (w) => ({ requestId: String(w.joinRequestId), reason: "Passt gerade nicht." })),
  overview("invite", "groupMod", "member", ["group_invitations"], (w) => ({ userId: String(w.users.outsider.id), role: "member" })),
  overview("remove-member", "groupMod", "member", membership, (w) => ({ userId: String(w.users.member2.id) })),
  overview("set-role", "groupMod", "member", membership, (w) => ({ userId: String(w.users.member2.id), role: "moderation" })),
  overview("grant-observer", "groupMod", "member", ["group_observer_grants"], (w) => ({ userId: String(w.users.observer.id) })),
  overview("revoke-observer", "groupMod", "member", ["group_observer_grants"], (w) => ({ userId: String(w.users.observer.id) })),
  overview("milestone-add", "groupMod", "member", ["group_milestones", "groups", "activities"], () => ({ title: "Neuer Meilenstein", dueDate: "2030-01-31" })),
  overview("milestone-done", "groupMod", "member", ["group_milestones", "groups", "activities"], (w) => ({ milestoneId: String(w.milestoneId) })),
  overview("milestone-open", "groupMod", "member", ["group_milestones", "groups", "activities"], (w) => ({ milestoneId: String(w.milestoneId) })),
  overview("milestone-delete", "groupMod", "member", ["group_milestones", "groups", "activities"], (w) => ({ milestoneId: String(w.milestoneId) })),
  {
    route: "routes/gruppen.$slug.bearbeiten",
    intent: "status",
    schema: statusSchema,
    actor: "moderator",
    refused: "groupMod",
    params: group,
    base: () => ({ intent: "status", status: "abgeschlossen" }),
    writes: ["groups", "activities"],
  },
  {
    // The whole form (title, slug, Loge, visibility too) is the portal moderation's; the group moderation's has fewer fields.
    route: "routes/gruppen.$slug.bearbeiten",
    intent: "",
    schema: groupFormSchema,
    actor: "moderator",
    refused: "groupMod",
    params: group,
    base: (w) => ({ title: "Feindliche Eingaben, neu", slug: w.slug, loge: loges[0], description: "Eine Gruppe, die feindliche Eingaben aushält.", goals: "Standhalten.", visibility: "intern" }),
    writes: ["groups", "activities"],
  },
  threadForm("reply", "member", "observer", ["posts", "threads", "thread_reads", "activities", ...mail], (w) => ({ body: "Meine Antwort.", bodyJson: "", quotedPostId: String(w.firstPostId) })),
  threadForm("edit", "member2", "member", ["posts", "post_versions", ...mail], (w) => ({ postId: String(w.replyPostId), body: "Geänderte Antwort.", bodyJson: "" })),
  threadForm("delete", "member2", "member", ["posts", "activities"], (w) => ({ postId: String(w.replyPostId) })),
  threadForm("report", "groupMod", "observer", ["post_reports", ...mail], (w) => ({ postId: String(w.replyPostId), reason: "Unangemessen." })),
  threadForm("hide", "groupMod", "member", moderated, (w) => ({ postId: String(w.replyPostId), reason: "Verstößt gegen die Regeln." })),
  threadForm("pin", "groupMod", "member", moderated),
  threadForm("unpin", "groupMod", "member", moderated),
  threadForm("lock", "groupMod", "member", moderated),
  threadForm("unlock", "groupMod", "member", moderated),
  {
    route: "routes/gruppen.$slug.diskussion._index",
    intent: "mark-all-read",
    schema: markAllReadSchema,
    actor: "member",
    refused: "anonymous",
    params: group,
    base: () => ({ intent: "mark-all-read" }),
    writes: ["thread_reads"],
  },
  ...(["dismiss", "hide-reported"] as const).map(
    (intent): FormCase => ({
      route: "routes/gruppen.$slug.diskussion.meldungen",
      intent,
      schema: queueActionSchemas[intent],
      actor: "groupMod",
      refused: "member",
      params: group,
      base: (w) => ({ intent, reportId: String(w.reportId), ...(intent === "hide-reported" ? { reason: "Verstößt gegen die Regeln." } : {}) }),
      writes: moderated,
    }),
  ),
  {
    route: "routes/gruppen.$slug.diskussion.neu",
    intent: "",
    schema: newThreadSchema,
    actor: "member",
    refused: "observer",
    params: group,
    base: (w) => ({ title: "Eine neue Frage", body: "Was meinen Sie?", bodyJson: "", documentId: String(w.documentId), heading: "" }),
    writes: ["threads", "posts", "thread_reads", "activities", ...mail],
  },
  ...(
    [
      ["rename", "member", "observer", () => ({ title: "Empfehlung, umbenannt" })],
      ["status", "groupMod", "member", () => ({ status: "in_konsultation", comment: "Zur Konsultation freigegeben." })],
      ["delete", "groupMod", "member", () => ({})],
    ] as const
  ).map(
    ([intent, actor, refused, base]): FormCase => ({
      route: "routes/gruppen.$slug.dokumente.$docId",
      intent,
      schema: optionFor(documentActionSchema, intent),
      actor,
      refused,
      params: doc,
      base: () => ({ intent, ...base() }),
      writes: ["documents", "document_status_changes", "document_versions", "activities", ...mail],
    }),
  ),
  {
    route: "routes/gruppen.$slug.dokumente._index",
    intent: "create",
    schema: createDocumentSchema,
    actor: "member",
    refused: "observer",
    params: group,
    base: () => ({ intent: "create", title: "Ein neues Arbeitspapier", kind: "arbeitspapier" }),
    writes: ["documents", "activities", ...mail],
  },
  {
    // Its schema lives inside the route module; the fields are named here.
    route: "routes/gruppen.$slug.folgen",
    intent: "",
    schema: null,
    extraFields: ["intent", "back"],
    actor: "member",
    refused: "anonymous",
    params: group,
    base: (w) => ({ intent: "follow", back: `/gruppen/${w.slug}/dokumente` }),
    writes: ["group_follows"],
    targets: ["back"],
  },
  {
    route: "routes/gruppen.$slug.materialien",
    intent: "upload",
    schema: materialSchema,
    extraFields: ["file"],
    actor: "member",
    refused: "observer",
    params: group,
    base: () => ({ title: "Vortragsfolien", description: "Die Folien zum Vortrag.", speaker: "Anna Beispiel", loge: loges[1], file: { file: "folien.pdf", bytes: PDF, type: "application/pdf" } }),
    writes: ["materials", "activities"],
    multipart: true,
  },
  {
    route: "routes/gruppen.$slug.materialien",
    intent: "delete",
    schema: deleteSchema,
    actor: "member",
    refused: "member2",
    params: group,
    base: (w) => ({ intent: "delete", materialId: String(w.materialId) }),
    writes: ["materials", "activities"],
  },
];

/** The intents each group route's schemas accept (read from the app's schemas, not listed here). */
export const groupRouteIntents: Record<string, string[]> = {
  "routes/gruppen.$slug._index": intentsOf(overviewActionSchema),
  "routes/gruppen.$slug_.einladung": intentsOf(answerInvitationSchema),
  "routes/gruppen.$slug.bearbeiten": [...intentsOf(statusSchema), ...intentsOf(groupFormSchema)],
  "routes/gruppen.$slug.diskussion.$threadId": Object.keys(threadActionSchemas),
  "routes/gruppen.$slug.diskussion._index": intentsOf(markAllReadSchema),
  "routes/gruppen.$slug.diskussion.meldungen": Object.keys(queueActionSchemas),
  "routes/gruppen.$slug.diskussion.neu": intentsOf(newThreadSchema),
  "routes/gruppen.$slug.dokumente.$docId": intentsOf(documentActionSchema),
  "routes/gruppen.$slug.dokumente._index": intentsOf(createDocumentSchema),
  "routes/gruppen.$slug.folgen": [""],
  // The upload is told apart by its content type, not by an intent.
  "routes/gruppen.$slug.materialien": ["upload", ...intentsOf(deleteSchema)],
};
