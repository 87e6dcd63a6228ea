import type { HostileBytes } from "../fixtures/hostile-input";

/**
 * Building and sending requests that no browser would send: form bodies
 * with raw bytes where a value belongs, repeated or missing fields, file
 * parts where text is expected, and many of them at once with a bounded
 * number in flight.
 */

/** A form field's value: text (encoded as a browser would) or bytes put on the wire as they are. */
export type FieldValue = string | HostileBytes | { file: string; bytes: Uint8Array; type?: string };
export type FormFields = [name: string, value: FieldValue][];

const isBytes = (v: FieldValue): v is HostileBytes => typeof v === "object" && "label" in v;
const utf8 = (s: string) => Buffer.from(s, "utf8");

/** application/x-www-form-urlencoded; bytes are written in place of the encoded value. A file part becomes its name, as browsers do. */
export function urlencoded(fields: FormFields): Buffer {
  const parts = fields.map(([name, value]) => {
    const encodedName = utf8(new URLSearchParams([[name, ""]]).toString().slice(0, -1));
    if (isBytes(value)) return Buffer.concat([encodedName, utf8("="), Buffer.from(value.bytes)]);
    const text = typeof value === "string" ? value : value.file;
    return utf8(new URLSearchParams([[name, text]]).toString());
  });
  return Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [utf8("&"), p])));
}

/** Names in a part header: quotes and line breaks escaped as browsers do (HTML's multipart/form-data encoding). */
const partName = (s: string) => s.replace(/\r\n|\r|\n/g, "%0D%0A").replace(/"/g, "%22");

/** multipart/form-data with the given boundary; text as UTF-8, bytes as they are, files with a filename. */
export function multipart(fields: FormFields, boundary: string): Buffer {
  const chunks: Buffer[] = [];
  for (const [name, value] of fields) {
    const file = typeof value === "object" && "file" in value ? value : null;
    const disposition = `form-data; name="${partName(name)}"${file ? `; filename="${partName(file.file)}"` : ""}`;
    const type = file ? `\r\nContent-Type: ${file.type ?? "application/octet-stream"}` : "";
    chunks.push(utf8(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`));
    chunks.push(file ? Buffer.from(file.bytes) : isBytes(value) ? Buffer.from(value.bytes) : utf8(value as string));
    chunks.push(utf8("\r\n"));
  }
  chunks.push(utf8(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

export const BOUNDARY = "----feindlicheEingabe7MA4YWxkTrZu0gW";

export type Body = { type: string | null; bytes: Buffer };
export const asUrlencoded = (fields: FormFields): Body => ({ type: "application/x-www-form-urlencoded", bytes: urlencoded(fields) });
export const asMultipart = (fields: FormFields): Body => ({ type: `multipart/form-data; boundary=${BOUNDARY}`, bytes: multipart(fields, BOUNDARY) });

export type Outcome = { status: number; remixError: boolean; location: string | null };

/**
 * Above this size a body goes on a connection of its own. The server answers
 * some requests (a sign-in redirect, a refusal) without reading the body and
 * then drops the connection; a client that sent the next request on it saw
 * ECONNRESET, which says nothing about that next request.
 */
const OWN_CONNECTION_ABOVE_BYTES = 64 * 1024;

/** One POST with the portal's own Origin; the answer is read to the end. Network errors are an outcome too (status 0). */
export async function postBody(origin: string, path: string, body: Body, headers: Record<string, string> = {}): Promise<Outcome> {
  const all: Record<string, string> = { origin, ...headers };
  if (body.type) all["content-type"] = body.type;
  if (body.bytes.length > OWN_CONNECTION_ABOVE_BYTES) all.connection = "close";
  try {
    const res = await fetch(`${origin}${path}`, { method: "POST", body: new Uint8Array(body.bytes), headers: all, redirect: "manual" });
    await res.arrayBuffer();
    return { status: res.status, remixError: res.headers.has("x-remix-error"), location: res.headers.get("location") };
  } catch (error) {
    return { status: 0, remixError: false, location: String((error as Error).cause ?? error) };
  }
}

/** Runs `work` over the items with at most `limit` in flight; results in the items' order. */
export async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** How many requests are in flight at once: enough to overlap, few enough for a shared two-core machine. */
export const IN_FLIGHT = 8;
