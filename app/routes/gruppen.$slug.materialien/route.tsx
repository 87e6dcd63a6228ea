import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { forbidden, invariantResponse } from "~/auth/guards.server";
import { can, type GroupAccess } from "~/auth/permissions";
import { Alert } from "~/components/alert";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requireGroup } from "~/groups/group-guard.server";
import { de } from "~/i18n/de";
import { materialTexts as t } from "~/i18n/materials";
import {
  detectAllowedType,
  discardTemp,
  fileNameFor,
  moveIntoStore,
  removeStoredFile,
  withHashLock,
} from "~/materials/storage.server";
import { countHashReferences, deleteMaterial, getMaterial, insertMaterial, listMaterials } from "~/models/material.server";
import { getEnv } from "~/server/env.server";
import { readFormData } from "~/server/form-data.server";
import { useGroupLayout } from "../gruppen.$slug/route";
import { archiveRefusal } from "./archive-check.server";
import { MaterialsTable } from "./materials-table";
import { deleteSchema, materialSchema } from "./schemas";
import { UploadForm } from "./upload-form";
import { isMultipart, receiveUpload } from "./upload.server";

export const meta: MetaFunction = ({ matches }) => {
  const layout = matches.find((m) => m.id === "routes/gruppen.$slug")?.data as { group?: { title: string } } | undefined;
  return [{ title: [t.title, layout?.group?.title, de.portal.name].filter(Boolean).join(" – ") }];
};

/** A page rendered after a refused upload keeps the action's "Connection: close" (see uploadMaterial). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const connection = actionHeaders.get("Connection");
  return connection ? { Connection: connection } : new Headers();
};

export async function loader(args: LoaderFunctionArgs) {
  const { user, group, access } = requireGroup(args);
  const rows = listMaterials(group.id);
  // After an upload the redirect names the new material, for the confirmation.
  const uploadedId = Number(new URL(args.request.url).searchParams.get("hochgeladen"));
  const uploaded = rows.find((m) => m.id === uploadedId);
  return json({
    materials: rows.map(({ uploadedBy, createdAt, ...m }) => ({
      ...m,
      createdAt: createdAt.toISOString(),
      mayDelete: can(user, "delete:material", { group: access, uploadedBy }),
    })),
    uploaded: uploaded ? { id: uploaded.id, title: uploaded.title } : null,
    maxBytes: getEnv().MAX_UPLOAD_BYTES,
  });
}

type Actor = ReturnType<typeof requireGroup>["user"];
type GroupRow = ReturnType<typeof requireGroup>["group"];

/** Multipart posts upload (members only); the row buttons post a urlencoded delete. */
export async function action(args: ActionFunctionArgs) {
  const upload = isMultipart(args.request);
  const { user, group, access } = requireGroup(args, upload ? "upload:material" : "read:group");
  return upload ? uploadMaterial(args.request, group, user) : removeMaterial(args.request, group, user, access);
}

async function uploadMaterial(request: Request, group: GroupRow, user: Actor) {
  const maxBytes = getEnv().MAX_UPLOAD_BYTES;
  const received = await receiveUpload(request, maxBytes);
  const file = received.status === "ok" ? received.file : null;
  try {
    const submission = parseWithZod(received.fields, { schema: materialSchema });
    const refuse = (status: number, error: string, headers?: HeadersInit) =>
      json({ kind: "upload" as const, result: submission.reply({ fieldErrors: { file: [error] } }) }, { status, headers });

    // The rest of the body was not read: the connection must not be reused.
    if (received.status === "too-large") return refuse(413, t.errors.tooLarge(t.size(maxBytes)), { Connection: "close" });
    if (!file) return refuse(400, t.errors.fileMissing);
    if (file.sizeBytes === 0) return refuse(400, t.errors.fileEmpty);
    const type = await detectAllowedType(file.path);
    if (!type) return refuse(415, t.errors.fileType);
    // Before the file is stored or listed: a ZIP bomb disguised as DOCX must never reach a member.
    const archiveError = await archiveRefusal(file, type);
    if (archiveError) return refuse(422, archiveError);
    if (submission.status !== "success") return json({ kind: "upload" as const, result: submission.reply() }, { status: 400 });

    const { title, description, speaker, loge } = submission.value;
    const { id } = await withHashLock(file.sha256, async () => {
      await moveIntoStore(file);
      try {
        return insertMaterial({
          groupId: group.id,
          title,
          description: description ?? null,
          speaker: speaker ?? null,
          loge: loge ?? null,
          fileName: fileNameFor(type, file.uploadedName),
          contentType: type.mime,
          sizeBytes: file.sizeBytes,
          sha256: file.sha256,
          uploadedBy: user.id,
        });
      } catch (error) {
        if (countHashReferences(file.sha256) === 0) await removeStoredFile(file.sha256);
        throw error;
      }
    });
    return redirect(`/gruppen/${group.slug}/materialien?hochgeladen=${id}`);
  } finally {
    await discardTemp(file);
  }
}

async function removeMaterial(request: Request, group: GroupRow, user: Actor, access: GroupAccess) {
  const formData = await readFormData(request);
  // Uploads come as multipart; a urlencoded post can only be a delete.
  invariantResponse(formData.get("intent") === "delete", t.errors.notMultipart, { status: 400 });
  const submission = parseWithZod(formData, { schema: deleteSchema });
  invariantResponse(submission.status === "success", de.errors.badRequest, { status: 400 });
  const material = getMaterial(group.id, submission.value.materialId);
  invariantResponse(material, t.errors.notFound, { status: 404 });
  if (!can(user, "delete:material", { group: access, uploadedBy: material.uploadedBy })) forbidden();
  await withHashLock(material.sha256, async () => {
    deleteMaterial(group.id, material.id);
    // The same bytes may belong to another material (here or in another group).
    if (countHashReferences(material.sha256) === 0) await removeStoredFile(material.sha256);
  });
  return json({ kind: "deleted" as const, title: material.title });
}

export default function MaterialsTab() {
  const { group, may } = useGroupLayout();
  const { materials, uploaded, maxBytes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="kern-stack">
      {uploaded && !actionData ? <Alert variant="success">{t.uploaded(uploaded.title)}</Alert> : null}
      {actionData?.kind === "deleted" ? <Alert variant="success">{t.deleted(actionData.title)}</Alert> : null}

      <section aria-labelledby="materialien-liste" className="kern-stack">
        <h2 id="materialien-liste" className="kern-heading-medium">
          {t.listTitle}
        </h2>
        <p className="kern-body">{t.intro}</p>
        {materials.length === 0 ? (
          <p className="kern-body">{t.empty}</p>
        ) : (
          <MaterialsTable slug={group.slug} materials={materials} />
        )}
        {may.upload ? null : (
          <p className="kern-body kern-body--small">{group.status === "archiviert" ? t.archivedNoUpload : t.noUpload}</p>
        )}
      </section>

      {may.upload ? (
        <section aria-labelledby="material-hochladen" className="kern-stack">
          <h2 id="material-hochladen" className="kern-heading-medium">
            {t.uploadTitle}
          </h2>
          <p className="kern-body">{t.uploadIntro}</p>
          <UploadForm
            // A new form after each upload, so the fields are empty again.
            key={uploaded?.id ?? "neu"}
            lastResult={actionData?.kind === "upload" ? actionData.result : undefined}
            maxBytes={maxBytes}
          />
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
