import { loges } from "../../../app/groups/loges";
import { loginSchema } from "../../../app/routes/anmelden/login-schema";
import { readAllSchema, readOneSchema } from "../../../app/routes/benachrichtigungen._index/schemas";
import { acceptSchema } from "../../../app/routes/einladung.$token/accept-schema";
import { inviteSchema, revokeSchema } from "../../../app/routes/einladungen/schemas";
import { reportSchema } from "../../../app/routes/fortschritt_.bericht/schema";
import { groupFormSchema } from "../../../app/groups/group-form-schema";
import { preferencesSchema } from "../../../app/routes/konto.benachrichtigungen/schemas";
import { changePasswordSchema } from "../../../app/routes/konto.passwort/password-schema";
import { createFeedTokenSchema, endOthersSchema, endSessionSchema, revokeFeedTokenSchema } from "../../../app/routes/konto.sitzungen/schemas";
import { commentSchema, supportSchema, triageSchema } from "../../../app/routes/themen.$id/schemas";
import { listSupportSchema } from "../../../app/routes/themen._index/schemas";
import { proposalSchema } from "../../../app/routes/themen.neu/schema";
import { userActionSchema } from "../../../app/routes/verwaltung.benutzer/schemas";
import { TEST_PASSWORD } from "../../fixtures/users";
import { intentsOf, optionFor, type FormCase } from "./form-cases";

/** The forms outside the working groups: sign-in, account, invitations, topics, administration, report. */
const none = () => ({});
const NEW_PASSWORD = "Ein-ganz-neues-Passwort-2025";
const mail = ["notifications", "mail_outbox"];

const form = (route: string, intent: string, rest: Omit<FormCase, "route" | "intent">): FormCase => ({ route, intent, ...rest });
/** A form of a topic proposal's page. */
const topicForm = (intent: string, schema: FormCase["schema"], actor: FormCase["actor"], refused: FormCase["refused"], fields: Record<string, string>, writes: string[]) =>
  form("routes/themen.$id", intent, { schema, actor, refused, params: (w) => ({ id: String(w.proposalId) }), base: () => ({ intent, ...fields }), writes });

export const portalForms: FormCase[] = [
  form("routes/anmelden", "", {
    schema: loginSchema,
    actor: "anonymous",
    refused: null,
    params: none,
    base: (w) => ({ email: w.users.member.email, password: TEST_PASSWORD, redirectTo: "/gruppen" }),
    writes: ["sessions"],
    // Wrong passwords block the account and the address (app/auth/login-throttle.server.ts): the fields behind a successful sign-in go first.
    last: ["password"],
    targets: ["redirectTo"],
  }),
  form("routes/abmelden", "", { schema: null, actor: "member", refused: "anonymous", params: none, base: none, writes: ["sessions"] }),
  form("routes/$", "", { schema: null, actor: "member", refused: null, params: () => ({ "*": "gibt-es-nicht" }), base: none, writes: [] }),
  form("routes/benachrichtigungen._index", "read", {
    schema: readOneSchema,
    actor: "member",
    refused: "anonymous",
    params: none,
    base: (w) => ({ intent: "read", notificationId: String(w.notificationId) }),
    writes: ["notifications"],
  }),
  form("routes/benachrichtigungen._index", "read-all", { schema: readAllSchema, actor: "member", refused: "anonymous", params: none, base: () => ({ intent: "read-all" }), writes: ["notifications"] }),
  form("routes/einladung.$token", "", {
    schema: acceptSchema,
    actor: "anonymous",
    refused: null,
    params: (w) => ({ token: w.invitationToken }),
    base: () => ({ displayName: "Neue Kollegin", password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD }),
    writes: ["users", "invitations", "sessions"],
  }),
  form("routes/einladungen", "invite", {
    schema: inviteSchema,
    actor: "admin",
    refused: "member",
    params: none,
    base: (w) => ({ intent: "invite", email: `neu-${w.groupId}@test.ag-portal.test`, role: "member" }),
    writes: ["invitations"],
  }),
  form("routes/einladungen", "revoke", {
    schema: revokeSchema,
    actor: "admin",
    refused: "member",
    params: none,
    base: (w) => ({ intent: "revoke", invitationId: String(w.invitationId) }),
    writes: ["invitations"],
  }),
  form("routes/fortschritt_.bericht", "", {
    schema: reportSchema,
    actor: "member",
    refused: "anonymous",
    params: none,
    base: (w) => ({ umfang: "auswahl", gruppen: String(w.groupId), format: "csv" }),
    writes: [],
  }),
  form("routes/gruppen.neu", "", {
    schema: groupFormSchema,
    actor: "moderator",
    refused: "member",
    params: none,
    base: () => ({ title: "Eine neue Arbeitsgruppe", slug: "", loge: loges[2], description: "Eine Gruppe, die es noch nicht gibt.", goals: "", visibility: "intern" }),
    writes: ["groups", "group_members", "group_milestones", "activities"],
  }),
  form("routes/konto.benachrichtigungen", "", {
    schema: preferencesSchema,
    actor: "member",
    refused: "anonymous",
    params: none,
    base: () => Object.fromEntries(Object.keys(preferencesSchema.shape).map((kind) => [kind, "sofort"])),
    writes: ["notification_preferences"],
  }),
  form("routes/konto.passwort", "", {
    schema: changePasswordSchema,
    actor: "member",
    refused: "anonymous",
    params: none,
    base: () => ({ currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD }),
    writes: ["users", "sessions"],
  }),
  form("routes/konto.sitzungen", "end", {
    schema: endSessionSchema,
    actor: "member",
    refused: "anonymous",
    params: none,
    base: (w) => ({ intent: "end", sessionId: w.otherSessionId }),
    writes: ["sessions"],
  }),
  form("routes/konto.sitzungen", "end-others", { schema: endOthersSchema, actor: "member", refused: "anonymous", params: none, base: () => ({ intent: "end-others" }), writes: ["sessions"] }),
  form("routes/konto.sitzungen", "create-feed-token", {
    schema: createFeedTokenSchema,
    actor: "member",
    refused: "anonymous",
    params: none,
    base: () => ({ intent: "create-feed-token", label: "Mein Feedleser" }),
    writes: ["feed_tokens"],
  }),
  form("routes/konto.sitzungen", "revoke-feed-token", {
    schema: revokeFeedTokenSchema,
    actor: "member",
    refused: "anonymous",
    params: none,
    base: (w) => ({ intent: "revoke-feed-token", tokenId: String(w.feedTokenId) }),
    writes: ["feed_tokens"],
  }),
  topicForm("support", supportSchema, "member2", "anonymous", { wantsToParticipate: "on" }, ["topic_supports"]),
  topicForm("comment", commentSchema, "member2", "anonymous", { body: "Ein guter Vorschlag." }, ["topic_comments"]),
  topicForm("triage", optionFor(triageSchema, "triage"), "moderator", "member", { to: "in_pruefung", reason: "Wird geprüft.", groupId: "" }, ["topic_proposals", "topic_transitions", ...mail]),
  form("routes/themen._index", "support", {
    schema: listSupportSchema,
    actor: "member2",
    refused: "anonymous",
    params: none,
    base: (w) => ({ intent: "support", proposalId: String(w.proposalId) }),
    writes: ["topic_supports"],
  }),
  form("routes/themen.neu", "", {
    schema: proposalSchema,
    actor: "member",
    refused: "anonymous",
    params: none,
    base: () => ({ title: "Ein Thema für alle", description: "Ein Vorschlag, der viele betrifft.", loge: loges[3], wantsToParticipate: "on" }),
    writes: ["topic_proposals", "topic_supports"],
  }),
  ...(["deactivate", "reactivate", "set-role"] as const).map((intent) =>
    form("routes/verwaltung.benutzer", intent, {
      schema: optionFor(userActionSchema, intent),
      actor: "admin",
      refused: "moderator",
      params: none,
      base: (w) => ({ intent, userId: String(w.users.target.id), ...(intent === "set-role" ? { role: "moderator" } : {}) }),
      writes: ["users", "sessions"],
    }),
  ),
];

/** The intents each portal route's schemas accept (read from the app's schemas). */
export const portalRouteIntents: Record<string, string[]> = {
  "routes/anmelden": intentsOf(loginSchema),
  "routes/abmelden": [""],
  "routes/$": [""],
  "routes/benachrichtigungen._index": intentsOf(readOneSchema, readAllSchema),
  "routes/einladung.$token": intentsOf(acceptSchema),
  "routes/einladungen": intentsOf(inviteSchema, revokeSchema),
  "routes/fortschritt_.bericht": intentsOf(reportSchema),
  "routes/gruppen.neu": intentsOf(groupFormSchema),
  "routes/konto.benachrichtigungen": intentsOf(preferencesSchema),
  "routes/konto.passwort": intentsOf(changePasswordSchema),
  "routes/konto.sitzungen": intentsOf(endSessionSchema, endOthersSchema, createFeedTokenSchema, revokeFeedTokenSchema),
  "routes/themen.$id": intentsOf(supportSchema, commentSchema, triageSchema),
  "routes/themen._index": intentsOf(listSupportSchema),
  "routes/themen.neu": intentsOf(proposalSchema),
  "routes/verwaltung.benutzer": intentsOf(userActionSchema),
};
