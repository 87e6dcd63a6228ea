import {
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";
import { de } from "~/i18n/de";
import { refuseImplausibleFieldNames } from "~/server/form-data.server";
import { receiveToTemp, discardTemp, UploadTooLargeError, type TempUpload } from "~/materials/storage.server";

export const FILE_FIELD = "file";

export type ReceivedFile = TempUpload & { uploadedName: string };
export type ReceivedUpload =
  | { status: "ok"; fields: FormData; file: ReceivedFile | null }
  | { status: "too-large"; fields: FormData };

/** The body broke off or was malformed while the file was read: the sender's problem, not ours. */
class BrokenBodyError extends Error {}

export function isMultipart(request: Request): boolean {
  return (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

/**
 * Reads the upload form. The file streams to a temp file (capped at maxBytes,
 * hashed on the way); the other fields are small and kept in memory. The text
 * fields are collected as they arrive, so a refused file can still answer with
 * the title and description the person typed. The caller must discardTemp()
 * the returned file in a finally.
 */
export async function receiveUpload(request: Request, maxBytes: number): Promise<ReceivedUpload> {
  const fields = new FormData();
  const received: { file: ReceivedFile | null; storageFailure?: unknown } = { file: null };

  const fileHandler: UploadHandler = async ({ name, filename, data }) => {
    if (name !== FILE_FIELD || typeof filename !== "string") return undefined;
    // Our form sends one file; a second one is not a form we made.
    if (received.file) throw new Response(de.errors.badRequest, { status: 400 });
    try {
      const temp = await receiveToTemp(guard(data), { maxBytes });
      // No file chosen: browsers still send the part, with an empty name.
      if (!filename) {
        await discardTemp(temp);
        return "";
      }
      received.file = { ...temp, uploadedName: filename };
      return filename;
    } catch (error) {
      if (!(error instanceof UploadTooLargeError || error instanceof BrokenBodyError)) received.storageFailure = error;
      throw error;
    }
  };
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: 10_000 });
  const textHandler: UploadHandler = async (part) => {
    const value = await memory(part);
    if (typeof value === "string") fields.append(part.name, value);
    return value;
  };

  try {
    await unstable_parseMultipartFormData(request, unstable_composeUploadHandlers(fileHandler, textHandler));
    // The fields are echoed in the answer like any form's (app/server/form-data.server.ts).
    refuseImplausibleFieldNames(fields);
    return { status: "ok", fields, file: received.file };
  } catch (error) {
    await discardTemp(received.file);
    if (error instanceof UploadTooLargeError) {
      refuseImplausibleFieldNames(fields);
      return { status: "too-large", fields };
    }
    if (error instanceof Response) throw error;
    // Disk full or not writable: a server error, logged as such.
    if (received.storageFailure) throw received.storageFailure;
    // A broken or malformed body, or a text field over 10 kB (MaxPartSizeExceededError).
    throw new Response(de.errors.badRequest, { status: 400 });
  }
}

/** Marks errors of the incoming stream, so they are told apart from errors of the disk. */
async function* guard(data: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of data) yield chunk;
  } catch (error) {
    throw new BrokenBodyError("upload stream broke off", { cause: error });
  }
}
