import type { FileHandle } from "node:fs/promises";

/**
 * Reads the records of a ZIP file (PKWARE APPNOTE 6.3.10) straight from the
 * stored upload, a few bytes at a time: the end of central directory record
 * (and its ZIP64 form), the central directory, and each entry's local header.
 * Nothing is unpacked here and nothing is trusted: every length is checked
 * against the file before it is read. zip-check.server.ts decides what the
 * records mean.
 */

/** The file does not parse as a ZIP archive; `detail` is for the log and tests, not for users. */
export class ZipFormatError extends Error {}

const SIG = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, end64: 0x06064b50, locator64: 0x07064b50, descriptor: 0x08074b50 };
const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
const END_LENGTH = 22;
const MAX_COMMENT = 0xffff;

export type ZipFile = { handle: FileHandle; size: number };

/** Where the central directory is, from the end record; `directoryEnd` is where the directory must stop. */
export type ZipEnd = { entryCount: number; directoryOffset: number; directoryEnd: number };

/** What a central record and a local header both say about an entry. */
type EntryFields = { name: Buffer; flags: number; method: number; crc: number; compressedSize: number; size: number };

export type CentralEntry = EntryFields & { localOffset: number };

/** `dataOffset` is where the entry's (compressed) data starts. */
export type LocalHeader = EntryFields & { dataOffset: number; zip64: boolean };

/** Exactly `length` bytes at `offset`, or a ZipFormatError when the file is shorter. */
export async function readAt({ handle, size }: ZipFile, offset: number, length: number): Promise<Buffer> {
  if (!Number.isSafeInteger(offset) || offset < 0 || length < 0 || offset + length > size) {
    throw new ZipFormatError(`record at ${offset} (+${length}) lies outside the file of ${size} bytes`);
  }
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, offset);
  if (bytesRead !== length) throw new ZipFormatError(`short read at ${offset}`);
  return buffer;
}

/**
 * The end record is the last thing in the file but for its comment. The one
 * whose comment ends exactly at the end of the file counts; any other
 * signature-like bytes in the tail are comment or data, so two readers cannot
 * pick different directories.
 */
export async function readEnd(file: ZipFile): Promise<ZipEnd> {
  const tailLength = Math.min(file.size, END_LENGTH + MAX_COMMENT);
  const tail = await readAt(file, file.size - tailLength, tailLength);
  let at = -1;
  for (let i = tailLength - END_LENGTH; i >= 0; i--) {
    if (tail.readUInt32LE(i) === SIG.end && i + END_LENGTH + tail.readUInt16LE(i + 20) === tailLength) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipFormatError("no end of central directory record");
  const endOffset = file.size - tailLength + at;
  const end = tail.subarray(at, at + END_LENGTH);
  if (end.readUInt16LE(4) !== 0 || end.readUInt16LE(6) !== 0 || end.readUInt16LE(8) !== end.readUInt16LE(10)) {
    throw new ZipFormatError("archive spans several disks");
  }
  const record = { entryCount: end.readUInt16LE(10), directorySize: end.readUInt32LE(12), directoryOffset: end.readUInt32LE(16) };
  const zip64 = endOffset >= 20 ? await readZip64End(file, endOffset) : null;
  const found = zip64 ?? { ...record, recordOffset: endOffset };
  if (!zip64 && (record.entryCount === MAX16 || record.directorySize === MAX32 || record.directoryOffset === MAX32)) {
    throw new ZipFormatError("ZIP64 values announced, but no ZIP64 end record");
  }
  const directoryEnd = found.directoryOffset + found.directorySize;
  if (directoryEnd !== found.recordOffset) throw new ZipFormatError("central directory does not end where the end record begins");
  return { entryCount: found.entryCount, directoryOffset: found.directoryOffset, directoryEnd };
}

/** The ZIP64 end record, when a locator stands right before the classic end record. */
async function readZip64End(file: ZipFile, endOffset: number) {
  const locator = await readAt(file, endOffset - 20, 20);
  if (locator.readUInt32LE(0) !== SIG.locator64) return null;
  if (locator.readUInt32LE(4) !== 0 || locator.readUInt32LE(16) !== 1) throw new ZipFormatError("ZIP64 archive spans several disks");
  const recordOffset = safeNumber(locator.readBigUInt64LE(8));
  const record = await readAt(file, recordOffset, 56);
  if (record.readUInt32LE(0) !== SIG.end64) throw new ZipFormatError("ZIP64 locator points at no ZIP64 end record");
  // The record may carry extensible data; it must reach exactly to the locator.
  if (recordOffset + 12 + safeNumber(record.readBigUInt64LE(4)) !== endOffset - 20) throw new ZipFormatError("ZIP64 end record has a wrong size");
  const entryCount = safeNumber(record.readBigUInt64LE(32));
  if (record.readUInt32LE(16) !== 0 || record.readUInt32LE(20) !== 0 || safeNumber(record.readBigUInt64LE(24)) !== entryCount) {
    throw new ZipFormatError("ZIP64 archive spans several disks");
  }
  return {
    entryCount,
    directorySize: safeNumber(record.readBigUInt64LE(40)),
    directoryOffset: safeNumber(record.readBigUInt64LE(48)),
    recordOffset,
  };
}

/** Every central directory record; they must fill the directory exactly, as many as the end record says. */
export async function readCentralDirectory(file: ZipFile, end: ZipEnd): Promise<CentralEntry[]> {
  const directory = await readAt(file, end.directoryOffset, end.directoryEnd - end.directoryOffset);
  const entries: CentralEntry[] = [];
  let at = 0;
  while (at < directory.length) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== SIG.central) throw new ZipFormatError(`no central record at ${at}`);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const next = at + 46 + nameLength + extraLength + directory.readUInt16LE(at + 32);
    if (next > directory.length) throw new ZipFormatError(`central record at ${at} runs past the directory`);
    if (directory.readUInt16LE(at + 34) !== 0) throw new ZipFormatError("entry on another disk");
    const extra = directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    const { wide, ...fields } = entryFields(directory.subarray(at + 2), extra);
    entries.push({
      ...fields,
      name: Buffer.from(directory.subarray(at + 46, at + 46 + nameLength)),
      localOffset: wide.take(directory.readUInt32LE(at + 42)),
    });
    at = next;
  }
  if (entries.length !== end.entryCount) throw new ZipFormatError(`directory holds ${entries.length} entries, end record says ${end.entryCount}`);
  return entries;
}

/** The local header an entry points at, with its sizes (ZIP64 aware). */
export async function readLocalHeader(file: ZipFile, offset: number): Promise<LocalHeader> {
  const fixed = await readAt(file, offset, 30);
  if (fixed.readUInt32LE(0) !== SIG.local) throw new ZipFormatError(`no local header at ${offset}`);
  const nameLength = fixed.readUInt16LE(26);
  const extraLength = fixed.readUInt16LE(28);
  const rest = await readAt(file, offset + 30, nameLength + extraLength);
  const { wide, ...fields } = entryFields(fixed, rest.subarray(nameLength));
  return { ...fields, name: rest.subarray(0, nameLength), dataOffset: offset + 30 + nameLength + extraLength, zip64: wide.present };
}

/**
 * The fields both records share, laid out alike from the flags on: a local
 * header as it is, a central record shifted by two bytes (its extra
 * "version made by"). `wide` then hands out the local offset of a central record.
 */
function entryFields(record: Buffer, extra: Buffer) {
  const wide = zip64Values(extra);
  // The ZIP64 field holds the uncompressed size before the compressed one.
  const size = wide.take(record.readUInt32LE(22));
  return {
    flags: record.readUInt16LE(6),
    method: record.readUInt16LE(8),
    crc: record.readUInt32LE(14),
    size,
    compressedSize: wide.take(record.readUInt32LE(18)),
    wide,
  };
}

export type DataDescriptor = { length: number; crc: number; compressedSize: number; size: number };

/** The data descriptor after an entry's data (flag bit 3): its signature is optional, its sizes 8 bytes each under ZIP64. */
export async function readDataDescriptor(file: ZipFile, offset: number, zip64: boolean): Promise<DataDescriptor> {
  const signed = (await readAt(file, offset, 4)).readUInt32LE(0) === SIG.descriptor;
  const start = signed ? 4 : 0;
  const bytes = await readAt(file, offset, start + 4 + (zip64 ? 16 : 8));
  const crc = bytes.readUInt32LE(start);
  if (zip64) {
    return { length: bytes.length, crc, compressedSize: safeNumber(bytes.readBigUInt64LE(start + 4)), size: safeNumber(bytes.readBigUInt64LE(start + 12)) };
  }
  return { length: bytes.length, crc, compressedSize: bytes.readUInt32LE(start + 4), size: bytes.readUInt32LE(start + 8) };
}

/**
 * The ZIP64 extra field (id 1) holds, in this order, the 64-bit values of
 * exactly those fields whose 32-bit value is 0xFFFFFFFF. `take` hands out
 * the real value of each field in that order.
 */
function zip64Values(extra: Buffer) {
  let field: Buffer | null = null;
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (at + 4 + length > extra.length) throw new ZipFormatError("extra field runs past its record");
    if (id === 1) field = extra.subarray(at + 4, at + 4 + length);
    at += 4 + length;
  }
  let used = 0;
  return {
    present: field !== null,
    take(value32: number): number {
      if (value32 !== MAX32) return value32;
      if (!field || used + 8 > field.length) throw new ZipFormatError("ZIP64 value announced but missing");
      const value = safeNumber(field.readBigUInt64LE(used));
      used += 8;
      return value;
    },
  };
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError("64-bit value beyond any real file");
  return Number(value);
}
