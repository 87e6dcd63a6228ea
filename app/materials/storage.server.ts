import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { fileTypeFromFile } from "file-type";
import { getEnv } from "../server/env.server";
import { allowedTypeFor, type AllowedType } from "./allowed-types";

/**
 * Where uploaded materials live on disk. Files are stored outside public/ under
 * their SHA-256 (UPLOAD_DIR/ab/abcdef…): the path is built from the hash
 * alone, so nothing a user sends (file name, title) ever becomes part of a path,
 * and the same content uploaded twice is stored once.
 */

export const HASH_PATTERN = /^[0-9a-f]{64}$/;

export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`upload exceeds ${maxBytes} bytes`);
  }
}

export type TempUpload = { path: string; sha256: string; sizeBytes: number };

export function uploadRoot(): string {
  return path.resolve(getEnv().UPLOAD_DIR);
}

/**
 * Writes an incoming stream to a temp file while hashing and counting it.
 * The cap is checked per chunk, before writing, so an oversized upload is never
 * read further than one chunk past the limit and never lands on disk in full.
 * Each write is awaited: a slow disk slows the reader instead of filling memory.
 * The temp folder sits inside UPLOAD_DIR so the final move is a same-disk rename.
 */
export async function receiveToTemp(
  data: AsyncIterable<Uint8Array>,
  { maxBytes, root = uploadRoot() }: { maxBytes: number; root?: string },
): Promise<TempUpload> {
  const dir = path.join(root, "tmp");
  await fs.mkdir(dir, { recursive: true });
  const tempPath = path.join(dir, `${crypto.randomUUID()}.part`);
  const hash = crypto.createHash("sha256");
  let sizeBytes = 0;
  const handle = await fs.open(tempPath, "wx", 0o600);
  let complete = false;
  try {
    for await (const chunk of data) {
      sizeBytes += chunk.byteLength;
      if (sizeBytes > maxBytes) throw new UploadTooLargeError(maxBytes);
      hash.update(chunk);
      await handle.write(chunk);
    }
    complete = true;
  } finally {
    try {
      await handle.close();
    } finally {
      // Refused, aborted or broken: no partial file stays behind.
      if (!complete) await fs.rm(tempPath, { force: true });
    }
  }
  return { path: tempPath, sha256: hash.digest("hex"), sizeBytes };
}

/**
 * Temp files older than maxAgeMs are left-overs of a crash in mid-upload (a
 * finished or refused upload removes its own in a finally). For start-up or
 * a cleanup job; an upload still running is much younger than an hour.
 */
export async function removeStaleTempFiles(maxAgeMs = 60 * 60 * 1000, root = uploadRoot()): Promise<number> {
  const dir = path.join(root, "tmp");
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat?.isFile() && Date.now() - stat.mtimeMs > maxAgeMs) {
      await fs.rm(file, { force: true });
      removed += 1;
    }
  }
  return removed;
}

/** Removes a temp file if it is still there (safe to call after it was moved). */
export async function discardTemp(upload: TempUpload | null | undefined): Promise<void> {
  if (upload) await fs.rm(upload.path, { force: true });
}

/**
 * The type from the file's first bytes, if it is on the allow-list. The
 * browser's Content-Type and the file name are not asked: both are whatever
 * the sender claims. A file the detector cannot parse counts as not allowed.
 */
export async function detectAllowedType(filePath: string): Promise<AllowedType | undefined> {
  try {
    return allowedTypeFor(await fileTypeFromFile(filePath));
  } catch {
    return undefined;
  }
}

/** The final path of a stored file. Refuses anything but a hex SHA-256, so no value can point elsewhere. */
export function storedFilePath(sha256: string, root = uploadRoot()): string {
  if (!HASH_PATTERN.test(sha256)) throw new Error("invalid content hash");
  return path.join(root, sha256.slice(0, 2), sha256);
}

/** Moves a finished temp file to its hash path; if that content is stored already, the temp file is dropped. */
export async function moveIntoStore(upload: TempUpload, root = uploadRoot()): Promise<void> {
  const target = storedFilePath(upload.sha256, root);
  await fs.mkdir(path.dirname(target), { recursive: true });
  if (await exists(target)) {
    await fs.rm(upload.path, { force: true });
    return;
  }
  await fs.rename(upload.path, target);
}

export async function removeStoredFile(sha256: string, root = uploadRoot()): Promise<void> {
  await fs.rm(storedFilePath(sha256, root), { force: true });
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

const hashLocks = new Map<string, Promise<unknown>>();

/**
 * Runs file and row changes for one hash one after the other. Without it, a
 * delete that found no other reference could unlink the file just after an
 * upload of the same content decided it was already stored.
 */
export async function withHashLock<T>(sha256: string, work: () => Promise<T>): Promise<T> {
  const previous = hashLocks.get(sha256) ?? Promise.resolve();
  const run = previous.then(work, work);
  const settled = run.catch(() => undefined);
  hashLocks.set(sha256, settled);
  try {
    return await run;
  } finally {
    if (hashLocks.get(sha256) === settled) hashLocks.delete(sha256);
  }
}

// ── File names ──────────────────────────────────────────────────────────────

const MAX_NAME_LENGTH = 200;
// C0/C1 controls and bidi overrides (which can disguise "rechnung‮fdp.exe" as "….pdf").
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Characters Windows does not allow in names; browsers would rename them anyway.
const RESERVED_CHARS = /[<>:"|?*]/g;

/**
 * The uploaded name as it may be shown and offered for download: no folders
 * (neither / nor \), no control characters, no leading dots, at most 200
 * characters with the extension kept. It is only ever used as a display name
 * and in Content-Disposition, never as a path.
 */
export function cleanFileName(name: string, fallback = "datei"): string {
  const base = name.normalize("NFC").split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .replace(/\s+/g, " ")
    .replace(UNSAFE_CHARS, "")
    .replace(RESERVED_CHARS, "_")
    .replace(/^[\s.]+/, "")
    .replace(/[\s.]+$/, "");
  if (!cleaned) return fallback;
  const chars = Array.from(cleaned);
  if (chars.length <= MAX_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 ? Array.from(cleaned.slice(dot)) : [];
  if (ext.length === 0 || ext.length > 16) return chars.slice(0, MAX_NAME_LENGTH).join("").trimEnd();
  const stem = Array.from(cleaned.slice(0, dot)).slice(0, MAX_NAME_LENGTH - ext.length);
  return stem.join("").trimEnd() + ext.join("");
}

/**
 * The download name for a detected type: the cleaned name, with the type's
 * extension added when it has another one, so "bericht.exe" holding a PDF is
 * saved as "bericht.exe.pdf" and opened as what it is.
 */
export function fileNameFor(type: AllowedType, uploadedName: string): string {
  const cleaned = cleanFileName(uploadedName);
  const ext = cleaned.includes(".") ? cleaned.slice(cleaned.lastIndexOf(".") + 1).toLowerCase() : "";
  if ((type.extensions as readonly string[]).includes(ext)) return cleaned;
  // cleanFileName shortens the stem, not the added extension.
  return cleanFileName(`${cleaned}.${type.extensions[0]}`);
}

const TRANSLITERATION: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", Ä: "Ae", Ö: "Oe", Ü: "Ue", ß: "ss" };

/**
 * Content-Disposition for a download (RFC 6266): a plain-ASCII filename for old
 * clients and the exact UTF-8 name in filename* (RFC 5987). Quotes, backslashes
 * and percent signs are kept out of the fallback so it cannot break the header.
 */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .replace(/[äöüÄÖÜß]/g, (c) => TRANSLITERATION[c])
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\%]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
