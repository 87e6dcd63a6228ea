import fs from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import type { Env } from "../server/env.server";
import {
  readCentralDirectory,
  readDataDescriptor,
  readEnd,
  readAt,
  readLocalHeader,
  ZipFormatError,
  type CentralEntry,
  type ZipFile,
} from "./zip-directory.server";

/**
 * Refuses ZIP-based office files (DOCX/XLSX/PPTX, ODT/ODS/ODP) that would
 * harm whoever opens them: ZIP bombs. Checked over the stored upload before
 * it becomes a material, without unpacking anything to disk or memory:
 *
 * 1. the end record: at most `maxEntries` entries;
 * 2. each central record against its local header (name, method, flags,
 *    sizes): an archive must say the same thing to a reader that walks the
 *    local headers (file-type, some unzip tools) and one that reads the
 *    directory (Office);
 * 3. the entries tile the file from byte 0 to the central directory with no
 *    overlap and no gap. Overlapping entries are the non-recursive bomb
 *    (David Fifield, "A better zip bomb", 2019): many entries share one
 *    compressed kernel, so honest per-entry ratios add up to gigabytes;
 * 4. the declared sizes: in total at most `maxUnpackedBytes`, and no entry
 *    nor the whole file packed tighter than `maxRatio`:1 (Apache POI's
 *    ZipSecureFile default is 100:1 with a 100 KiB grace);
 * 5. the deflate data itself, streamed through zlib and only counted: an
 *    entry that unpacks to more (or less) than it declares is refused as
 *    soon as it does, so a lying size costs at most what was declared.
 *
 * Encrypted entries are refused: office files never use ZIP encryption (a
 * password-protected DOCX is an OLE file, not a ZIP), and nothing encrypted
 * can be checked. Archives inside the archive (an embedded workbook in a
 * DOCX) are normal and are not opened: Office unpacks them only on request,
 * and their own bytes count like any other entry's here.
 */

export type ZipKind = "odf" | "ooxml";
export type ZipLimits = { maxUnpackedBytes: number; maxRatio: number; maxEntries: number };

export type ZipRefusal =
  | { reason: "unreadable" | "overlapping" | "header-mismatch" | "size-mismatch" | "odf-mimetype" | "encrypted"; detail: string }
  | { reason: "too-many-entries"; entries: number }
  | { reason: "too-large"; unpackedBytes: number }
  | { reason: "ratio"; ratio: number };

export type ZipVerdict = { ok: true; entries: number; unpackedBytes: number } | ({ ok: false } & ZipRefusal);

/** The limits as the operator set them (MAX_UNPACKED_BYTES, MAX_COMPRESSION_RATIO, MAX_ARCHIVE_ENTRIES). */
export function zipLimitsFrom(env: Pick<Env, "MAX_UNPACKED_BYTES" | "MAX_COMPRESSION_RATIO" | "MAX_ARCHIVE_ENTRIES">): ZipLimits {
  return { maxUnpackedBytes: env.MAX_UNPACKED_BYTES, maxRatio: env.MAX_COMPRESSION_RATIO, maxEntries: env.MAX_ARCHIVE_ENTRIES };
}

/** Below this unpacked size an entry (or archive) is harmless however well it packs: small XML parts often pack 100:1. */
export const RATIO_GRACE_BYTES = 100 * 1024;

const FLAG_ENCRYPTED = 0x1;
const FLAG_DESCRIPTOR = 0x8;
const FLAG_STRONG_ENCRYPTION = 0x40;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
const METHOD_AES = 99;
const READ_CHUNK = 64 * 1024;

class Refused extends Error {
  constructor(readonly refusal: ZipRefusal) {
    super(refusal.reason);
  }
}

/** An entry with where it lies: from its local header to the end of its data (and data descriptor). */
type PlacedEntry = CentralEntry & { start: number; dataOffset: number; end: number };

export async function checkZipArchive(filePath: string, kind: ZipKind, limits: ZipLimits): Promise<ZipVerdict> {
  const handle = await fs.open(filePath, "r");
  try {
    const file: ZipFile = { handle, size: (await handle.stat()).size };
    return await inspect(file, kind, limits);
  } catch (error) {
    if (error instanceof Refused) return { ok: false, ...error.refusal };
    if (error instanceof ZipFormatError) return { ok: false, reason: "unreadable", detail: error.message };
    throw error;
  } finally {
    await handle.close();
  }
}

async function inspect(file: ZipFile, kind: ZipKind, limits: ZipLimits): Promise<ZipVerdict> {
  const end = await readEnd(file);
  // Decided before the directory is read, so a million records are never parsed.
  if (end.entryCount > limits.maxEntries) throw new Refused({ reason: "too-many-entries", entries: end.entryCount });
  const entries: PlacedEntry[] = [];
  for (const entry of await readCentralDirectory(file, end)) entries.push(await placeEntry(file, entry));
  entries.sort((a, b) => a.start - b.start);
  checkTiling(entries, end.directoryOffset);
  if (kind === "odf") checkOdfMimetype(entries);
  const unpackedBytes = checkDeclaredSizes(entries, file.size, limits);
  for (const entry of entries) {
    // Some writers store an empty part as deflated with no data at all.
    if (entry.method === METHOD_DEFLATED && entry.compressedSize + entry.size > 0) await checkInflatedSize(file, entry);
  }
  return { ok: true, entries: entries.length, unpackedBytes };
}

/** Reads the entry's local header and checks that it says what the central directory says. */
async function placeEntry(file: ZipFile, entry: CentralEntry): Promise<PlacedEntry> {
  if (entry.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION) || entry.method === METHOD_AES) {
    throw new Refused({ reason: "encrypted", detail: `entry ${entry.name.toString("latin1")}` });
  }
  if (entry.method !== METHOD_STORED && entry.method !== METHOD_DEFLATED) {
    throw new ZipFormatError(`compression method ${entry.method} is not used by office files`);
  }
  const local = await readLocalHeader(file, entry.localOffset);
  const mismatch = (what: string) => new Refused({ reason: "header-mismatch", detail: `${what} of entry at ${entry.localOffset}` });
  const checkedFlags = FLAG_ENCRYPTED | FLAG_DESCRIPTOR | FLAG_STRONG_ENCRYPTION;
  if (!local.name.equals(entry.name)) throw mismatch("name");
  if (local.method !== entry.method || (local.flags & checkedFlags) !== (entry.flags & checkedFlags)) throw mismatch("method or flags");
  let end = local.dataOffset + entry.compressedSize;
  if (entry.flags & FLAG_DESCRIPTOR) {
    // Sizes and CRC follow the data; the local header may hold zeros.
    const descriptor = await readDataDescriptor(file, end, local.zip64);
    if (descriptor.crc !== entry.crc || descriptor.compressedSize !== entry.compressedSize || descriptor.size !== entry.size) {
      throw mismatch("data descriptor");
    }
    end += descriptor.length;
  } else if (local.crc !== entry.crc || local.compressedSize !== entry.compressedSize || local.size !== entry.size) {
    throw mismatch("sizes or CRC");
  }
  if (entry.method === METHOD_STORED && entry.compressedSize !== entry.size) {
    throw new Refused({ reason: "size-mismatch", detail: `stored entry at ${entry.localOffset} declares two sizes` });
  }
  return { ...entry, start: entry.localOffset, dataOffset: local.dataOffset, end };
}

/** Entries (sorted by offset) must follow each other from byte 0 up to the central directory: no overlap, no hidden bytes. */
function checkTiling(entries: PlacedEntry[], directoryOffset: number): void {
  let expected = 0;
  for (const entry of entries) {
    if (entry.start < expected) throw new Refused({ reason: "overlapping", detail: `entry at ${entry.start} starts inside the one before (ends at ${expected})` });
    if (entry.start > expected) throw new ZipFormatError(`unlisted bytes ${expected}–${entry.start} between entries`);
    expected = entry.end;
  }
  if (expected > directoryOffset) throw new Refused({ reason: "overlapping", detail: "last entry runs into the central directory" });
  if (expected < directoryOffset) throw new ZipFormatError(`unlisted bytes ${expected}–${directoryOffset} before the central directory`);
}

/** OpenDocument (part 3, 3.3): the first entry is "mimetype", stored uncompressed, so the type can be read at a fixed offset. */
function checkOdfMimetype(entries: PlacedEntry[]): void {
  const first = entries[0];
  if (!first || first.name.toString("latin1") !== "mimetype" || first.method !== METHOD_STORED) {
    throw new Refused({ reason: "odf-mimetype", detail: "first entry is not a stored mimetype" });
  }
}

/** The declared sizes against the limits; returns the declared total. */
function checkDeclaredSizes(entries: PlacedEntry[], fileSize: number, limits: ZipLimits): number {
  const total = entries.reduce((sum, e) => sum + e.size, 0);
  if (total > limits.maxUnpackedBytes) throw new Refused({ reason: "too-large", unpackedBytes: total });
  for (const entry of entries) {
    if (entry.size > RATIO_GRACE_BYTES && entry.size > entry.compressedSize * limits.maxRatio) {
      throw new Refused({ reason: "ratio", ratio: entry.size / entry.compressedSize });
    }
  }
  if (total > RATIO_GRACE_BYTES && total > fileSize * limits.maxRatio) throw new Refused({ reason: "ratio", ratio: total / fileSize });
  return total;
}

/** Inflates the entry's data, counting and dropping the output; stops as soon as it exceeds the declared size. */
async function checkInflatedSize(file: ZipFile, entry: PlacedEntry): Promise<void> {
  let produced = 0;
  const tooMuch = () => new Refused({ reason: "size-mismatch", detail: `entry at ${entry.start} unpacks to more than its ${entry.size} bytes` });
  try {
    await pipeline(readRange(file, entry.dataOffset, entry.compressedSize), zlib.createInflateRaw(), async (output: AsyncIterable<Buffer>) => {
      for await (const chunk of output) {
        produced += chunk.length;
        if (produced > entry.size) throw tooMuch();
      }
    });
  } catch (error) {
    if (typeof (error as { code?: unknown }).code === "string" && (error as { code: string }).code.startsWith("Z_")) {
      throw new ZipFormatError(`deflate data of entry at ${entry.start} is broken: ${(error as Error).message}`);
    }
    throw error;
  }
  if (produced !== entry.size) {
    throw new Refused({ reason: "size-mismatch", detail: `entry at ${entry.start} unpacks to ${produced}, declares ${entry.size}` });
  }
}

async function* readRange(file: ZipFile, offset: number, length: number): AsyncIterable<Buffer> {
  for (let at = offset; at < offset + length; at += READ_CHUNK) yield await readAt(file, at, Math.min(READ_CHUNK, offset + length - at));
}
