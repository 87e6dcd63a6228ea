import http from "node:http";
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
  const text = (value: FieldValue) => (typeof value === "string" ? value : "file" in value ? value.file : "");
  // Without raw bytes the whole body is one URLSearchParams (fast for 100,000 fields).
  if (!fields.some(([, v]) => isBytes(v))) return utf8(new URLSearchParams(fields.map(([n, v]): [string, string] => [n, text(v)])).toString());
  const parts = fields.map(([name, value]) => {
    if (!isBytes(value)) return utf8(new URLSearchParams([[name, text(value)]]).toString());
    return Buffer.concat([utf8(new URLSearchParams([[name, ""]]).toString()), Buffer.from(value.bytes)]);
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

/** The answer: its status, where it redirects, the start of its text; status 0 and the error for a network error. */
export type Outcome = { status: number; location: string | null; text: string };

/**
 * Above this size a body goes on a connection of its own. The server answers
 * some requests (a sign-in redirect, a refusal) without reading the body and
 * then drops the connection; a client that sent the next request on it saw
 * ECONNRESET, which says nothing about that next request.
 */
const OWN_CONNECTION_ABOVE_BYTES = 16 * 1024;

/** One POST with the portal's own Origin; the answer is read to the end. Network errors are an outcome too (status 0). */
export async function postBody(origin: string, path: string, body: Body, headers: Record<string, string> = {}): Promise<Outcome> {
  const all: Record<string, string> = { origin, ...headers };
  if (body.type) all["content-type"] = body.type;
  if (body.bytes.length > OWN_CONNECTION_ABOVE_BYTES) all.connection = "close";
  try {
    const res = await fetch(`${origin}${path}`, { method: "POST", body: new Uint8Array(body.bytes), headers: all, redirect: "manual" });
    const text = await res.text();
    return { status: res.status, location: res.headers.get("location"), text: text.slice(0, 500) };
  } catch (error) {
    return { status: 0, location: null, text: String((error as Error).cause ?? error) };
  }
}

/**
 * A body of `declared` bytes (over the limit), sent as a browser sends a big
 * form: in pieces, stopping once an answer has come (the server answers from
 * the Content-Length and need not read it all). A client that pushed all of
 * a 25 MB upload could be cut off by the server's bounded discarding, and
 * that says nothing about the answer.
 */
export async function postOverLimit(origin: string, path: string, type: string, declared: number, headers: Record<string, string> = {}): Promise<Outcome> {
  // The server answers from the headers and closes the connection; a client still writing then may see
  // EPIPE/ECONNRESET before it has read the answer (seen once on a busy machine). That is the client's
  // race, not an answer: such an attempt is made again, at most three times.
  let outcome = await postOverLimitOnce(origin, path, type, declared, headers);
  for (let attempt = 1; attempt < 3 && outcome.status === 0 && /EPIPE|ECONNRESET/.test(outcome.text); attempt++) {
    outcome = await postOverLimitOnce(origin, path, type, declared, headers);
  }
  return outcome;
}

function postOverLimitOnce(origin: string, path: string, type: string, declared: number, headers: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.request(`${origin}${path}`, { method: "POST", headers: { origin, ...headers, "content-type": type, "content-length": declared, connection: "close" } });
    const piece = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString("utf8")));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null, text: text.slice(0, 500) });
        req.destroy();
      });
    });
    req.on("error", (error) => {
      if (!answered) resolve({ status: 0, location: null, text: String(error) });
    });
    const pump = () => {
      while (!answered && sent < declared) {
        const chunk = piece.subarray(0, Math.min(piece.length, declared - sent));
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (sent >= declared) req.end();
    };
    pump();
  });
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
