import { de } from "~/i18n/de";

/**
 * Reads a form body. A body that is no form at all (wrong content type,
 * broken multipart) is the sender's mistake: 400 with a German message, not 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    throw new Response(de.errors.badRequest, { status: 400 });
  }
  try {
    return await request.formData();
  } catch {
    throw new Response(de.errors.badRequest, { status: 400 });
  }
}
