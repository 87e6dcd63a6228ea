import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { Document, Packer, Paragraph } from "docx";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { detectAllowedType } from "../../app/materials/storage.server";
import { checkZipArchive, RATIO_GRACE_BYTES, zipLimitsFrom, type ZipKind, type ZipLimits } from "../../app/materials/zip-check.server";
import { parseEnv } from "../../app/server/env.server";
import {
  buildZip,
  centralHeader,
  deflatedZeros,
  docxParts,
  endRecords,
  localHeader,
  overlappingBomb,
  zipEntry,
  type ZipPart,
} from "../fixtures/zip-archives";

/**
 * The ZIP bomb check (issue 18, finding 10) over archives built here: real
 * office files pass, every hostile shape is refused with its reason. The
 * limits are the shipped defaults unless a case says otherwise.
 */

const defaults = zipLimitsFrom(parseEnv({}));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-portal-zip-check-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function check(bytes: Uint8Array, kind: ZipKind = "ooxml", limits: ZipLimits = defaults) {
  const file = path.join(dir, `${++counter}.zip`);
  fs.writeFileSync(file, bytes);
  return checkZipArchive(file, kind, limits);
}

const odtParts = (mimetype: Partial<ZipPart> = {}): ZipPart[] => [
  { name: "mimetype", content: "application/vnd.oasis.opendocument.text", method: 0, ...mimetype },
  { name: "content.xml", content: "<office:document-content/>" },
  { name: "META-INF/manifest.xml", content: "<manifest:manifest/>" },
];

/** An archive as fflate's streaming Zip writes it: sizes and CRC in a data descriptor after each entry (flag bit 3). */
function streamedZip(files: { name: string; content: string; stored?: boolean }[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    const archive = new Zip((error, chunk, final) => {
      if (error) return reject(error);
      chunks.push(chunk);
      if (final) resolve(Buffer.concat(chunks));
    });
    for (const { name, content, stored } of files) {
      const entry = stored ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
      archive.add(entry);
      entry.push(Buffer.from(content), true);
    }
    archive.end();
  });
}

/** Text that packs about 10:1, like office XML. */
const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => `<w:p><w:r><w:t>Absatz ${i * 7919} der Empfehlung</w:t></w:r></w:p>`).join("");

describe("accepts real office files", () => {
  it("a DOCX written by the docx package (the portal's own report export)", async () => {
    const bytes = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("Empfehlung zur E-Akte")] }] }));
    const verdict = await check(bytes);
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.ok && verdict.entries).toBeGreaterThan(10);
  });

  it("an ODT whose first entry is the stored mimetype", async () => {
    expect(await check(buildZip(odtParts()), "odf")).toMatchObject({ ok: true, entries: 3 });
  });

  it("entries with data descriptors (flag bit 3), as streaming writers make them", async () => {
    const bytes = await streamedZip([
      { name: "mimetype", content: "application/vnd.oasis.opendocument.text", stored: true },
      { name: "content.xml", content: paragraphs(500) },
    ]);
    expect(bytes.readUInt16LE(6) & 8).toBe(8);
    expect(await check(bytes, "odf")).toMatchObject({ ok: true, entries: 2 });
  });

  it("a ZIP64 archive: the real sizes and offsets come from the ZIP64 fields, not the 0xFFFFFFFF placeholders", async () => {
    const parts = [...docxParts, { name: "word/styles.xml", content: paragraphs(100) }];
    const unpacked = parts.reduce((n, p) => n + Buffer.byteLength(p.content as string), 0);
    expect(await check(buildZip(parts, { zip64: true }))).toEqual({ ok: true, entries: 3, unpackedBytes: unpacked });
  });

  it("a part under the grace size may pack far beyond the ratio, next to ordinary parts", async () => {
    const zeros = Buffer.alloc(RATIO_GRACE_BYTES - 1);
    expect(zlib.deflateRawSync(zeros).length * defaults.maxRatio).toBeLessThan(zeros.length);
    const parts = [...docxParts, { name: "word/leer.bin", content: zeros }, { name: "word/styles.xml", content: paragraphs(3000) }];
    expect(await check(buildZip(parts))).toMatchObject({ ok: true });
  });

  it("exactly the allowed number of entries", async () => {
    const parts = Array.from({ length: 10 }, (_, i) => ({ name: `teil-${i}.xml`, content: "<x/>", method: 0 as const }));
    expect(await check(buildZip(parts), "ooxml", { ...defaults, maxEntries: 10 })).toMatchObject({ ok: true, entries: 10 });
  });
});

describe("refuses ZIP bombs", () => {
  it("the issue's DOCX: 2 MB that unpacks to 2 GiB, refused by its declared size without unpacking", async () => {
    const bomb = buildZip([...docxParts, { name: "word/media/bild.bin", deflated: deflatedZeros(2048) }]);
    expect(bomb.length).toBeLessThan(2.2 * 1024 * 1024);
    const verdict = await check(bomb);
    expect(verdict).toMatchObject({ ok: false, reason: "too-large" });
    expect(!verdict.ok && verdict.reason === "too-large" && verdict.unpackedBytes).toBeGreaterThanOrEqual(2 * 1024 ** 3);
  });

  it("a part of zeros packed 1000:1 (deflateRaw of 8 MiB), under the size limit, refused by its ratio", async () => {
    const zeros = zlib.deflateRawSync(Buffer.alloc(8 * 1024 * 1024));
    const verdict = await check(buildZip([...docxParts, { name: "word/media/bild.bin", deflated: { data: zeros, size: 8 * 1024 * 1024 } }]));
    expect(verdict).toMatchObject({ ok: false, reason: "ratio" });
    expect(!verdict.ok && verdict.reason === "ratio" && verdict.ratio).toBeGreaterThan(500);
  });

  it("many parts each under the grace size, refused by the ratio of the whole file", async () => {
    const part = zlib.deflateRawSync(Buffer.alloc(RATIO_GRACE_BYTES));
    const parts = Array.from({ length: 200 }, (_, i) => ({ name: `word/media/${i}.bin`, deflated: { data: part, size: RATIO_GRACE_BYTES } }));
    expect(await check(buildZip([...docxParts, ...parts]))).toMatchObject({ ok: false, reason: "ratio" });
  });

  it("honest ratios but more than the unpacked limit in total", async () => {
    const stored = { name: "word/media/foto.jpg", content: Buffer.alloc(600 * 1024, 7), method: 0 as const };
    const verdict = await check(buildZip([...docxParts, stored, { ...stored, name: "word/media/foto2.jpg" }]), "ooxml", { ...defaults, maxUnpackedBytes: 1024 * 1024 });
    expect(verdict).toMatchObject({ ok: false, reason: "too-large" });
  });

  it("an entry that unpacks to more than it declares (a lying size), found while inflating", async () => {
    const liar = { name: "word/document.xml", deflated: { data: deflatedZeros(4).data, size: 1000 } };
    expect(await check(buildZip([docxParts[0], liar]))).toMatchObject({ ok: false, reason: "size-mismatch" });
  });

  it("Fifield's overlapping bomb: quoted local headers, one kernel unpacked by every entry", async () => {
    const names = Array.from({ length: 30 }, (_, i) => `word/media/${i}.bin`);
    const verdict = await check(overlappingBomb(docxParts, names, deflatedZeros(64)));
    expect(verdict).toMatchObject({ ok: false, reason: "overlapping" });
  });

  it("an overlapping bomb whose sizes and ratios are all within the limits is still refused", async () => {
    const text = Buffer.from(paragraphs(4000));
    const kernel = { data: zlib.deflateRawSync(text), size: text.length };
    const bomb = overlappingBomb(docxParts, Array.from({ length: 6 }, (_, i) => `word/media/${i}.xml`), kernel);
    // Without the overlap check this one would pass: 6 × the kernel, under 100:1 overall and per entry.
    expect((6 * text.length) / bomb.length).toBeLessThan(defaults.maxRatio);
    expect(kernel.size / kernel.data.length).toBeLessThan(defaults.maxRatio);
    expect(await check(bomb)).toMatchObject({ ok: false, reason: "overlapping" });
  });

  it("many central records pointing at the same local header", async () => {
    const entry = zipEntry({ name: "word/media/bild.bin", content: paragraphs(2000) });
    const local = Buffer.concat([localHeader(entry), entry.data]);
    const directory = Buffer.concat(Array.from({ length: 20 }, () => centralHeader(entry, 0)));
    const verdict = await check(Buffer.concat([local, directory, endRecords(20, local.length, directory.length)]));
    expect(verdict).toMatchObject({ ok: false, reason: "overlapping" });
  });

  it("a ZIP64 entry declaring 5 GiB in its 64-bit size", async () => {
    const huge = { name: "word/media/film.bin", deflated: { data: deflatedZeros(1).data, size: 5 * 1024 ** 3 } };
    const small = docxParts.reduce((n, p) => n + Buffer.byteLength(p.content as string), 0);
    const verdict = await check(buildZip([...docxParts, huge], { zip64: true }));
    expect(verdict).toEqual({ ok: false, reason: "too-large", unpackedBytes: 5 * 1024 ** 3 + small });
  });

  it("more entries than allowed, decided from the end record", async () => {
    const parts = Array.from({ length: 11 }, (_, i) => ({ name: `teil-${i}.xml`, content: "<x/>", method: 0 as const }));
    expect(await check(buildZip(parts), "ooxml", { ...defaults, maxEntries: 10 })).toMatchObject({ ok: false, reason: "too-many-entries", entries: 11 });
  });
});

describe("refuses archives that do not parse or say two things", () => {
  const docx = () => buildZip([...docxParts, { name: "word/styles.xml", content: paragraphs(50) }]);
  const directoryOffset = (zip: Buffer) => zip.readUInt32LE(zip.length - 6);

  it("a file cut off inside its central directory (no end record)", async () => {
    const zip = docx();
    expect(await check(zip.subarray(0, directoryOffset(zip) + 60))).toMatchObject({ ok: false, reason: "unreadable" });
  });

  it("a central directory shorter than the end record says", async () => {
    const zip = docx();
    const end = zip.subarray(zip.length - 22);
    // The last central record is gone; the end record still counts three.
    const lastRecord = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const shortened = Buffer.concat([zip.subarray(0, lastRecord), end]);
    shortened.writeUInt32LE(lastRecord - directoryOffset(zip), shortened.length - 10);
    expect(await check(shortened)).toMatchObject({ ok: false, reason: "unreadable" });
  });

  it("a local header whose size disagrees with the central directory", async () => {
    const zip = docx();
    zip.writeUInt32LE(1, 22); // the first local header's uncompressed size
    expect(await check(zip)).toMatchObject({ ok: false, reason: "header-mismatch" });
  });

  it("a local header with another name than its central record", async () => {
    const zip = docx();
    zip.write("X", 30); // "[Content_Types].xml" → "XContent_Types].xml" in the local header only
    expect(await check(zip)).toMatchObject({ ok: false, reason: "header-mismatch" });
  });

  it("bytes between entries that the directory does not list (a hidden local header)", async () => {
    const [first, second] = [docxParts[0], docxParts[1]].map(zipEntry);
    const hidden = Buffer.concat([localHeader(zipEntry({ name: "versteckt.exe", content: "MZ" })), Buffer.from("MZ")]);
    const one = Buffer.concat([localHeader(first), first.data]);
    const twoAt = one.length + hidden.length;
    const two = Buffer.concat([localHeader(second), second.data]);
    const directory = Buffer.concat([centralHeader(first, 0), centralHeader(second, twoAt)]);
    const zip = Buffer.concat([one, hidden, two, directory, endRecords(2, twoAt + two.length, directory.length)]);
    expect(await check(zip)).toMatchObject({ ok: false, reason: "unreadable" });
  });

  it("deflate data that is broken", async () => {
    const zip = buildZip([docxParts[0], { name: "word/document.xml", deflated: { data: Buffer.from([0xff, 0xff, 0xff, 0xff]), size: 10 } }]);
    expect(await check(zip)).toMatchObject({ ok: false, reason: "unreadable" });
  });

  it("a compression method office files do not use (bzip2)", async () => {
    const zip = docx();
    zip.writeUInt16LE(12, 8);
    zip.writeUInt16LE(12, directoryOffset(zip) + 10);
    expect(await check(zip)).toMatchObject({ ok: false, reason: "unreadable" });
  });

  it("encrypted entries", async () => {
    const zip = buildZip([...docxParts.map((p) => ({ ...p, flags: 1 }))]);
    expect(await check(zip)).toMatchObject({ ok: false, reason: "encrypted" });
  });

  it("a file that is no ZIP at all", async () => {
    expect(await check(Buffer.from("nur Text, als .docx umbenannt"))).toMatchObject({ ok: false, reason: "unreadable" });
  });
});

describe("OpenDocument: the mimetype entry comes first and stored", () => {
  it.each([
    ["deflated", buildZip(odtParts({ method: 8 }))],
    ["not first", buildZip([...odtParts().slice(1), odtParts()[0]])],
  ])("an ODT whose mimetype is %s is detected as ODT by file-type, but refused", async (_label, bytes) => {
    const file = path.join(dir, `odt-${++counter}.odt`);
    fs.writeFileSync(file, bytes);
    expect((await detectAllowedType(file))?.detected).toBe("odt");
    expect(await checkZipArchive(file, "odf", defaults)).toMatchObject({ ok: false, reason: "odf-mimetype" });
  });
});
