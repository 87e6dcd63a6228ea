import { parseWithZod } from "@conform-to/zod/v4";
import { json } from "@remix-run/node";
import { invariantResponse } from "~/auth/guards.server";
import type { SessionUser } from "~/auth/session.server";
import { de } from "~/i18n/de";
import { feedTexts as t } from "~/i18n/feeds";
import { createFeedToken, listFeedTokens, revokeFeedToken } from "~/models/feed-token.server";
import { listMyGroups } from "~/models/group.server";
import { getEnv } from "~/server/env.server";
import type { CreatedFeedUrls } from "./feed-tokens";
import { createFeedTokenSchema, revokeFeedTokenSchema } from "./schemas";

export const FEED_INTENTS = new Set(["create-feed-token", "revoke-feed-token"]);

export function feedTokenRows(userId: number) {
  return listFeedTokens(userId).map((r) => ({
    id: r.id,
    label: r.label,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  }));
}

/** The feed URLs of a fresh token: the only time the token leaves the server. */
function feedUrls(user: SessionUser, token: string, label: string): CreatedFeedUrls {
  const base = `${getEnv().PUBLIC_ORIGIN}/feeds/${token}`;
  return {
    label,
    groupPattern: `${base}/gruppen/KURZNAME.atom`,
    groups: listMyGroups(user.id).map((g) => ({ title: g.title, url: `${base}/gruppen/${g.slug}.atom` })),
    recommendations: `${base}/empfehlungen.atom`,
    json: `${base}/fortschritt.json`,
  };
}

/** The two feed-token intents of the Meine-Sitzungen action (the caller checked manage:feed-tokens). */
export function feedTokenAction(user: SessionUser, formData: FormData) {
  if (formData.get("intent") === "revoke-feed-token") {
    const submission = parseWithZod(formData, { schema: revokeFeedTokenSchema });
    invariantResponse(submission.status === "success", de.errors.badRequest, { status: 400 });
    // Only the user's own tokens: the user id is part of the update's where clause.
    invariantResponse(revokeFeedToken(user.id, submission.value.tokenId), t.errors.notFound, { status: 404 });
    return json({ kind: "feed-revoked" as const, message: t.revoked });
  }
  const submission = parseWithZod(formData, { schema: createFeedTokenSchema });
  if (submission.status !== "success") {
    return json({ kind: "feed-invalid" as const, result: submission.reply() }, { status: 400 });
  }
  const { token } = createFeedToken(user.id, submission.value.label);
  return json(
    { kind: "feed-created" as const, result: submission.reply({ resetForm: true }), created: feedUrls(user, token, submission.value.label) },
    // The answer carries the token: no cache may keep it.
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
