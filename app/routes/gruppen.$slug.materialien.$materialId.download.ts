import fs from "node:fs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { invariantResponse } from "~/auth/guards.server";
import { requireGroup } from "~/groups/group-guard.server";
import { materialTexts as t } from "~/i18n/materials";
import { contentDisposition, HASH_PATTERN, storedFilePath } from "~/materials/storage.server";
import { getMaterial } from "~/models/material.server";
import { logger } from "~/server/logger.server";

/**
 * Downloads a material. Whoever may read the group may download; the lookup
 * names the group, so an id from another group's URL is 404. The path on disk
 * comes from the stored hash only; the browser is told to save the file, not
 * to render it (attachment, and X-Content-Type-Options: nosniff, which the
 * security headers of server.ts set on every response), so an upload can
 * never run as a page of the portal.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { group } = requireGroup(args);
  const id = args.params.materialId ?? "";
  invariantResponse(/^[1-9]\d{0,15}$/.test(id), t.errors.notFound, { status: 404 });
  const material = getMaterial(group.id, Number(id));
  invariantResponse(material && HASH_PATTERN.test(material.sha256), t.errors.notFound, { status: 404 });

  const file = storedFilePath(material.sha256);
  const stat = await fs.promises.stat(file).catch(() => null);
  if (!stat?.isFile()) {
    logger.error({ materialId: material.id, sha256: material.sha256 }, "material file missing in UPLOAD_DIR");
    throw new Response(t.errors.fileGone, { status: 404 });
  }
  const body = args.request.method === "HEAD" ? null : createReadableStreamFromReadable(fs.createReadStream(file));
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": material.contentType,
      "Content-Length": String(stat.size),
      "Content-Disposition": contentDisposition(material.fileName),
      // Access is checked per request: no shared caches, no stale copy after a delete.
      "Cache-Control": "private, no-store",
    },
  });
}
