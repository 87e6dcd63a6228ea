import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SelectField, SubmitButton, TextField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { documentHeadings } from "~/documents/headings.server";
import { requireGroup } from "~/groups/group-guard.server";
import { de } from "~/i18n/de";
import { discussionTexts as t } from "~/i18n/discussion";
import { getDocument, listDocuments } from "~/models/document.server";
import { notify } from "~/models/notification.server";
import { createThread } from "~/models/thread.server";
import { readFormData } from "~/server/form-data.server";
import threadStyles from "~/styles/threads.css";
import { discussionHref, positiveIntParam, threadHref } from "~/threads/links";
import { parsePostBody } from "~/threads/post-body.server";
import { PostEditorField } from "~/threads/post-editor";
import { mentionableMembers } from "~/threads/members.server";
import { newThreadSchema } from "~/threads/schemas";
import { useGroupLayout } from "../gruppen.$slug/route";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: threadStyles }];

export const meta: MetaFunction = ({ matches }) => {
  const layout = matches.find((m) => m.id === "routes/gruppen.$slug")?.data as { group?: { title: string } } | undefined;
  return [{ title: [t.newThreadTitle, layout?.group?.title, de.portal.name].filter(Boolean).join(" – ") }];
};

/** Members only; `?dokument=` (and `?abschnitt=`) pre-fill the reference, e.g. from a document page. */
export async function loader(args: LoaderFunctionArgs) {
  const { group } = requireGroup(args, "create:thread");
  const url = new URL(args.request.url);
  const documentId = positiveIntParam(url.searchParams.get("dokument"));
  const document = documentId ? getDocument(group.id, documentId) : undefined;
  const headings = document ? documentHeadings(document.id) : [];
  const anchor = url.searchParams.get("abschnitt");
  return json({
    documents: listDocuments(group.id).map((d) => ({ id: d.id, title: d.title })),
    preset: document
      ? { documentId: document.id, headings: headings.map((h) => ({ text: h.text, anchor: h.anchor, level: h.level })), heading: headings.find((h) => h.anchor === anchor)?.anchor ?? "" }
      : null,
    members: mentionableMembers(group.id),
  });
}

/** The heading the person named (by anchor from the select, or by its text), checked against the document's headings. */
function findHeading(documentId: number, given: string) {
  const wanted = given.trim().toLowerCase();
  return documentHeadings(documentId).find((h) => h.anchor === given.trim() || h.text.trim().toLowerCase() === wanted);
}

export async function action(args: ActionFunctionArgs) {
  const { user, group } = requireGroup(args, "create:thread");
  const formData = await readFormData(args.request);
  const submission = parseWithZod(formData, { schema: newThreadSchema });
  const text = formData.get("body");
  const jsonBody = formData.get("bodyJson");
  const body = parsePostBody(
    { json: typeof jsonBody === "string" ? jsonBody : null, text: typeof text === "string" ? text : null },
    mentionableMembers(group.id),
  );
  const fieldErrors: Record<string, string[]> = {};
  if (!body.ok) fieldErrors.body = [body.error];
  let reference: { documentId: number | null; heading: { anchor: string; text: string } | null } = { documentId: null, heading: null };
  if (submission.status === "success") {
    const { documentId, heading } = submission.value;
    if (documentId !== undefined && !getDocument(group.id, documentId)) fieldErrors.documentId = [t.errors.documentUnknown];
    else if (heading && documentId === undefined) fieldErrors.heading = [t.errors.headingWithoutDocument];
    else if (documentId !== undefined) {
      const found = heading ? findHeading(documentId, heading) : undefined;
      if (heading && !found) fieldErrors.heading = [t.errors.headingUnknown];
      reference = { documentId, heading: found ? { anchor: found.anchor, text: found.text } : null };
    }
  }
  if (submission.status !== "success" || !body.ok || Object.keys(fieldErrors).length) {
    return json({ result: submission.reply({ fieldErrors }) }, { status: 400 });
  }
  const created = createThread(group.id, user.id, { title: submission.value.title, body: body.body, ...reference });
  const mentioned = body.body.mentionedUserIds.filter((id) => id !== user.id);
  notify({ kind: "new_thread", groupId: group.id, actorId: user.id, threadId: created.threadId, mentionedUserIds: mentioned });
  if (mentioned.length) {
    notify({ kind: "mention", groupId: group.id, actorId: user.id, threadId: created.threadId, postId: created.postId, mentionedUserIds: mentioned });
  }
  return redirect(threadHref(group.slug, created.threadId));
}

export default function NewThread() {
  const { group } = useGroupLayout();
  const { documents, preset, members } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "neues-thema",
    lastResult: actionData?.result,
    defaultValue: preset ? { documentId: String(preset.documentId), heading: preset.heading } : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newThreadSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const typed = actionData?.result.initialValue?.body;
  return (
    <div className="kern-stack">
      <p className="kern-body kern-body--small">
        <Link className="kern-link" to={discussionHref(group.slug)}>
          {t.thread.back}
        </Link>
      </p>
      <h2 className="kern-heading-large">{t.newThreadTitle}</h2>
      <Form method="post" {...getFormProps(form)} className="form-stack form-stack--wide">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.title} label={t.fields.title} hint={t.fields.titleHint} />
        <PostEditorField
          name="body"
          id="erster-beitrag"
          label={t.fields.body}
          members={members}
          defaultText={typeof typed === "string" ? typed : undefined}
          errors={fields.body.errors}
        />
        {documents.length ? (
          <SelectField
            meta={fields.documentId}
            label={t.fields.document}
            options={[{ value: "", label: t.fields.documentNone }, ...documents.map((d) => ({ value: String(d.id), label: d.title }))]}
          />
        ) : null}
        {preset && preset.headings.length ? (
          <SelectField
            meta={fields.heading}
            label={t.fields.heading}
            options={[
              { value: "", label: t.fields.headingNone },
              ...preset.headings.map((h) => ({ value: h.anchor, label: `${"– ".repeat(Math.max(0, h.level - 1))}${h.text}` })),
            ]}
          />
        ) : documents.length ? (
          <TextField meta={fields.heading} label={t.fields.heading} hint={t.fields.headingHint} />
        ) : null}
        <div>
          <SubmitButton>{t.submitThread}</SubmitButton>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
