import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { forbidden, invariantResponse } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { Alert } from "~/components/alert";
import { DocumentStatusBadge } from "~/components/document-status-badge";
import { FormErrors, SubmitButton, TextField } from "~/components/form-fields";
import { Section } from "~/components/page-section";
import { documentActionSchema, renameDocumentSchema } from "~/documents/schemas";
import { nextDocumentStatuses } from "~/documents/status";
import { requireGroup } from "~/groups/group-guard.server";
import { de } from "~/i18n/de";
import { documentTexts as t } from "~/i18n/documents";
import { deleteDocument, getAdoptedVersion, getDocument, listStatusChanges, renameDocument, setDocumentStatus } from "~/models/document.server";
import { readFormData } from "~/server/form-data.server";
import { renderDocumentHtml } from "~/documents/render-html.server";
import { useOptionalUser } from "~/root";
import editorStyles from "~/styles/editor.css";
import { lazy, Suspense, useEffect, useState } from "react";
import { StatusForm } from "./status-form";
import { DocumentThreads } from "~/threads/document-threads";
import { documentDiscussion } from "~/threads/document-threads.server";

/** The co-editor (tiptap, Yjs) is its own chunk: loaded only on document pages, only in the browser. */
const DocumentEditor = lazy(() => import("./editor.client"));

export const links: LinksFunction = () => [{ rel: "stylesheet", href: editorStyles }];

/** True after hydration: the editor replaces the server-rendered text only then. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** The stored text as HTML; null when there is none (or it cannot be rendered). */
function documentHtml(documentId: number): string | null {
  try {
    return renderDocumentHtml(documentId);
  } catch (error) {
    console.error("document render failed", documentId, error);
    return null;
  }
}

/**
 * The adopted version's HTML with its heading ids prefixed: the live text
 * above carries the plain anchors, ids must not repeat on the page. Only
 * heading tags are touched (typed text cannot contain "<h3", it is escaped).
 */
function adoptedHtml(html: string): string {
  return html.replace(/<h([1-6]) id="(abschnitt[a-z0-9-]*)">/g, '<h$1 id="beschlossen-$2">');
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.document.title} – ${de.portal.name}` : de.portal.name }];

/** The group (read permission) and one of its documents; another group's id is a 404. */
function requireDocument(args: LoaderFunctionArgs) {
  const found = requireGroup(args);
  const id = Number(args.params.docId);
  const document = Number.isSafeInteger(id) && id > 0 ? getDocument(found.group.id, id) : undefined;
  invariantResponse(document, t.notFound, { status: 404 });
  return { ...found, document };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, group, access, document } = requireDocument(args);
  const target = { group: access, status: document.status };
  return json({
    document: { ...document, createdAt: document.createdAt.toISOString(), updatedAt: document.updatedAt.toISOString() },
    history: listStatusChanges(document.id).map((h) => ({ ...h, createdAt: h.createdAt.toISOString() })),
    may: {
      edit: can(user, "edit:document", target),
      setStatus: can(user, "set-status:document", target),
      delete: can(user, "delete:document", access),
    },
    next: nextDocumentStatuses(document.status),
    contentHtml: documentHtml(document.id),
    adopted: adoptedVersion(document.id),
    discussion: documentDiscussion(user, group, access, document.id),
  });
}

/** The last adopted version, shown whenever the document was ever decided (also after it was reopened). */
function adoptedVersion(documentId: number) {
  const version = getAdoptedVersion(documentId);
  if (!version) return null;
  return { html: version.html ? adoptedHtml(version.html) : "", createdAt: version.createdAt.toISOString() };
}

export async function action(args: ActionFunctionArgs) {
  const { user, group, access, document } = requireDocument(args);
  const submission = parseWithZod(await readFormData(args.request), { schema: documentActionSchema });
  const target = { group: access, status: document.status };
  if (submission.status !== "success") {
    const intent = submission.payload.intent;
    // Rights before field errors: someone who may not set the status learns nothing about the form.
    if (intent === "status" && !can(user, "set-status:document", target)) forbidden();
    if (intent !== "rename" && intent !== "status") throw new Response(de.errors.badRequest, { status: 400 });
    return json({ intent, ok: false, message: null, result: submission.reply() }, { status: 400 });
  }
  const a = submission.value;
  if (a.intent === "rename") {
    if (!can(user, "edit:document", target)) forbidden();
    renameDocument(group.id, document.id, a.title);
    return json({ intent: a.intent, ok: true, message: t.renamed, result: submission.reply() });
  }
  if (a.intent === "status") {
    if (!can(user, "set-status:document", target)) forbidden();
    const outcome = setDocumentStatus(group.id, document.id, a.status, user.id, a.comment);
    if (outcome !== "done") return json({ intent: a.intent, ok: false, message: t.statusInvalid, result: null }, { status: 409 });
    return json({ intent: a.intent, ok: true, message: t.statusChanged(t.status[a.status]), result: submission.reply({ resetForm: true }) });
  }
  if (!can(user, "delete:document", access)) forbidden();
  deleteDocument(group.id, document.id, user.id);
  return redirect(`/gruppen/${group.slug}/dokumente?${new URLSearchParams({ geloescht: document.title })}`);
}

export default function DocumentPage() {
  const { document, history, may, next, contentHtml, adopted, discussion } = useLoaderData<typeof loader>();
  const user = useOptionalUser();
  const hydrated = useHydrated();
  // Server-rendered by @tiptap/html from the schema (text is escaped there), readable without JavaScript.
  const staticContent = contentHtml ? (
    <div className="document-content" dangerouslySetInnerHTML={{ __html: contentHtml }} />
  ) : (
    <p className="kern-body">{may.edit ? t.contentEmptyEditable : t.contentEmptyShort}</p>
  );
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({
    id: "umbenennen",
    lastResult: actionData?.intent === "rename" ? actionData.result : undefined,
    defaultValue: { title: document.title },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: renameDocumentSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="kern-stack">
      <p className="kern-body kern-body--small">
        <Link className="kern-link" to="..">{t.back}</Link>
      </p>
      <h2 className="kern-heading-large">{document.title}</h2>
      <p className="badge-row">
        <span className="kern-badge kern-badge--info"><span className="kern-label">{t.kind[document.kind]}</span></span>
        <DocumentStatusBadge status={document.status} />
      </p>
      <p className="kern-body kern-body--small">{t.createdBy(document.createdByName ?? "–", de.common.date(document.createdAt))}</p>
      {params.get("angelegt") && !actionData ? <Alert variant="success">{t.created}</Alert> : null}
      {actionData?.message ? <Alert variant={actionData.ok ? "success" : "danger"}>{actionData.message}</Alert> : null}

      <Section id="text" title={t.contentTitle}>
        {!may.edit && (document.status === "beschlossen" || document.status === "uebergeben") ? <p className="kern-body">{t.readOnly}</p> : null}
        {hydrated && user ? (
          <Suspense fallback={staticContent}>
            <DocumentEditor
              documentId={document.id}
              canEdit={may.edit}
              user={{ id: user.id, name: user.displayName }}
              fallback={staticContent}
            />
          </Suspense>
        ) : (
          staticContent
        )}
      </Section>

      {adopted ? (
        <Section id="beschlossene-fassung" title={t.adoptedTitle(de.common.date(adopted.createdAt))}>
          <p className="kern-body">{t.adoptedIntro}</p>
          {adopted.html ? (
            // Stored from the same @tiptap/html rendering as the live text (escaped, safe links).
            <div className="document-content document-adopted" dangerouslySetInnerHTML={{ __html: adopted.html }} />
          ) : (
            <p className="kern-body">{t.adoptedEmpty}</p>
          )}
        </Section>
      ) : null}

      {may.edit ? (
        <Section id="titel" title={t.rename}>
          <Form method="post" {...getFormProps(form)} className="form-stack">
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="intent" value="rename" />
            <TextField meta={fields.title} label={t.title} />
            <div>
              <SubmitButton variant="secondary">{t.renameSubmit}</SubmitButton>
            </div>
          </Form>
        </Section>
      ) : null}

      <DocumentThreads {...discussion} />

      <Section id="ablauf" title={t.statusTitle}>
        <p className="kern-body">{t.statusIntro}</p>
        {may.setStatus ? <StatusForm next={next} lastResult={actionData?.intent === "status" ? actionData.result : undefined} /> : null}
        <h3 className="kern-heading-small">{t.historyTitle}</h3>
        {history.length ? (
          <ol className="kern-list kern-list--number">
            {history.map((h) => (
              <li key={h.id}>
                {t.historyItem(de.common.dateTime(h.createdAt), t.status[h.fromStatus], t.status[h.toStatus], h.actorName ?? "–")}
                {h.comment ? (
                  <>
                    <br />
                    <span className="kern-body kern-body--small">
                      {`${t.historyComment} ${h.comment}`}
                    </span>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="kern-body">{t.noHistory}</p>
        )}
      </Section>

      {may.delete ? (
        <Section id="loeschen" title={t.delete}>
          <p className="kern-body">{t.deleteHint}</p>
          <Form method="post">
            <button type="submit" name="intent" value="delete" className="kern-btn kern-btn--tertiary">
              <span className="kern-icon kern-icon--delete" aria-hidden="true" />
              <span className="kern-label">{t.delete}</span>
            </button>
          </Form>
        </Section>
      ) : null}
    </div>
  );
}
