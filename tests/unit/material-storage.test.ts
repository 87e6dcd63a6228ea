import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { forgetSingleton } from "../../app/server/singleton.server";
import { groups, materials, users } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { buildTalkPdf, seedMaterials } from "../../db/seed-materials";
import { useTempDatabase } from "../setup/test-db";
import { buildZip, contentTypes, DOCX_MAIN } from "../fixtures/zip-archives";
import { allowedTypeNames, allowedTypes } from "../../app/materials/allowed-types";
import {
  cleanFileName,
  contentDisposition,
  detectAllowedType,
  fileNameFor,
  moveIntoStore,
  receiveToTemp,
  removeStaleTempFiles,
  removeStoredFile,
  storedFilePath,
  UploadTooLargeError,
  withHashLock,
} from "../../app/materials/storage.server";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "ag-portal-materials-"));
const tmpDir = path.join(root, "tmp");
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
beforeEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
});

async function* chunks(...parts: (Uint8Array | string)[]): AsyncIterable<Uint8Array> {
  for (const p of parts) yield typeof p === "string" ? Buffer.from(p) : p;
}
const tmpFiles = () => (fs.existsSync(tmpDir) ? fs.readdirSync(tmpDir) : []);

// ── Small real files of each kind ───────────────────────────────────────────

const tinyPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const tinyJpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120)]);
const mz = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(62), Buffer.from("This program cannot be run in DOS mode.")]);

/** A ZIP with stored (uncompressed) entries, written by hand like the PDF. */
const zip = (entries: Record<string, string>) => buildZip(Object.entries(entries).map(([name, content]) => ({ name, content, method: 0 as const })));

function writeSample(name: string, bytes: Uint8Array): string {
  const file = path.join(root, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe("cleanFileName: a display name, never a path", () => {
  it.each([
    ["../../etc/passwd", "passwd"],
    ["C:\\x\\y.pdf", "y.pdf"],
    ["..\\..\\boot.ini", "boot.ini"],
    ["/var/www/../../secret.pdf", "secret.pdf"],
    ["..", "datei"],
    ["", "datei"],
    ["   ", "datei"],
    [".htaccess", "htaccess"],
    ["bericht.pdf.", "bericht.pdf"],
    ["a\u0000b\u0007c\u001f\u007f\u0085d.pdf", "abcd.pdf"],
    ["zeile\r\numbruch.pdf", "zeile umbruch.pdf"],
    ["rechnung\u202Efdp.exe", "rechnungfdp.exe"],
    ['a"b<c>d|e?f*g:h.pdf', "a_b_c_d_e_f_g_h.pdf"],
    ["Prüfbericht „Straße“ – Entwurf.pdf", "Prüfbericht „Straße“ – Entwurf.pdf"],
  ])("%j → %j", (input, expected) => {
    expect(cleanFileName(input)).toBe(expected);
  });

  it("composes decomposed umlauts (NFC), as macOS sends them", () => {
    expect(cleanFileName("Pru\u0308fbericht.pdf")).toBe("Prüfbericht.pdf");
  });

  it("keeps at most 200 characters and the extension, without splitting a character", () => {
    const long = `${"ä".repeat(150)}${"😀".repeat(100)}.pdf`;
    const cleaned = cleanFileName(long);
    expect(Array.from(cleaned)).toHaveLength(200);
    expect(cleaned.endsWith("😀.pdf")).toBe(true);
    // No lone surrogate: the emoji before the extension is whole.
    expect(cleaned).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(Array.from(cleanFileName("x".repeat(300)))).toHaveLength(200);
  });

  it("gives the detected type's extension to a name that claims another", () => {
    const pdf = allowedTypes.find((t) => t.detected === "pdf")!;
    const jpeg = allowedTypes.find((t) => t.detected === "jpg")!;
    expect(fileNameFor(pdf, "bericht.exe")).toBe("bericht.exe.pdf");
    expect(fileNameFor(pdf, "notiz")).toBe("notiz.pdf");
    expect(fileNameFor(pdf, "Vortrag.PDF")).toBe("Vortrag.PDF");
    expect(fileNameFor(jpeg, "foto.jpeg")).toBe("foto.jpeg");
    expect(fileNameFor(pdf, "../../x.pdf")).toBe("x.pdf");
    expect(Array.from(fileNameFor(pdf, `${"y".repeat(250)}.txt`))).toHaveLength(200);
  });
});

describe("contentDisposition (RFC 6266 / 5987)", () => {
  it("offers an ASCII fallback and the exact UTF-8 name", () => {
    expect(contentDisposition("Prüfbericht „Jena“ (Entwurf).pdf")).toBe(
      `attachment; filename="Pruefbericht _Jena_ (Entwurf).pdf"; ` +
        `filename*=UTF-8''Pr%C3%BCfbericht%20%E2%80%9EJena%E2%80%9C%20%28Entwurf%29.pdf`,
    );
  });

  it("keeps quotes, backslashes and percent signs out of the quoted fallback", () => {
    const header = contentDisposition('a"b\\c%41 d\'e.pdf');
    expect(header).toContain(`filename="a_b_c_41 d'e.pdf"`);
    expect(header).toContain("filename*=UTF-8''a%22b%5Cc%2541%20d%27e.pdf");
    expect(header).not.toMatch(/[\r\n]/);
  });

  it("strips accents in the fallback", () => {
    expect(contentDisposition("Café Señor.pdf")).toContain(`filename="Cafe Senor.pdf"`);
  });
});

describe("detectAllowedType: decided by the bytes, not the name", () => {
  it.each([
    ["vortrag.pdf", () => buildTalkPdf({ title: "Test – Ä", speaker: "Jemand" }), "application/pdf"],
    ["bild.png", () => tinyPng, "image/png"],
    ["foto.jpg", () => tinyJpeg, "image/jpeg"],
    [
      "papier.docx",
      () => zip({ "[Content_Types].xml": contentTypes(DOCX_MAIN), "word/document.xml": "<w/>" }),
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ],
    ["text.odt", () => zip({ mimetype: "application/vnd.oasis.opendocument.text", "content.xml": "<x/>" }), "application/vnd.oasis.opendocument.text"],
    ["kein-name", () => tinyPng, "image/png"],
  ])("allows %s", async (name, make, mime) => {
    const type = await detectAllowedType(writeSample(name, make()));
    expect(type?.mime).toBe(mime);
  });

  it.each([
    ["programm.pdf (ELF)", () => elf],
    ["setup.pdf (MZ/PE)", () => mz],
    ["archiv.docx (ZIP without Office parts)", () => zip({ "hallo.txt": "Hallo" })],
    [
      "makro.docx (macro-enabled Word)",
      () => zip({ "[Content_Types].xml": contentTypes("application/vnd.ms-word.document.macroEnabled.main+xml"), "word/document.xml": "<w/>" }),
    ],
    ["seite.pdf (HTML)", () => Buffer.from("<!doctype html><script>alert(1)</script>")],
    ["notiz.pdf (text)", () => Buffer.from("nur Text")],
    ["leer.pdf", () => Buffer.alloc(0)],
  ])("refuses %s", async (name, make) => {
    expect(await detectAllowedType(writeSample(name.split(" ")[0], make()))).toBeUndefined();
  });

  it("names the allowed types in German", () => {
    expect(allowedTypeNames).toBe("PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG und JPEG");
  });
});

describe("the demo PDF is a well-formed PDF 1.4", () => {
  it("has header, trailer and an xref table whose offsets point at their objects", () => {
    const pdf = Buffer.from(buildTalkPdf({ title: "Das digitale Rathaus (Teil 1) – Erfahrungen", speaker: "Dr. Ä Ö, Stadt Jena", loge: "Digitales Rathaus" }));
    const text = pdf.toString("latin1");
    expect(text.startsWith("%PDF-1.4\n")).toBe(true);
    expect(text.endsWith("%%EOF\n")).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 5)).toBe("xref\n");
    const [, count, ...rest] = text.slice(startxref).split("\n");
    const n = Number(count.split(" ")[1]);
    const entries = rest.slice(0, n);
    expect(entries[0]).toBe("0000000000 65535 f ");
    for (let i = 1; i < n; i++) {
      expect(entries[i]).toMatch(/^\d{10} 00000 n $/);
      const offset = Number(entries[i].slice(0, 10));
      expect(text.slice(offset, offset + `${i} 0 obj`.length)).toBe(`${i} 0 obj`);
    }
    const length = Number(/\/Length (\d+) >>\nstream\n/.exec(text)![1]);
    const streamStart = text.indexOf("stream\n") + "stream\n".length;
    expect(text.slice(streamStart + length, streamStart + length + "\nendstream".length)).toBe("\nendstream");
    expect(text).toContain("(Das digitale Rathaus \\(Teil 1\\) \\226) Tj");
  });
});

describe("receiveToTemp: streamed to disk, hashed and capped while reading", () => {
  it("writes the bytes to UPLOAD_DIR/tmp and reports their SHA-256 and size", async () => {
    const temp = await receiveToTemp(chunks("Hallo ", "Thüringen"), { maxBytes: 1000, root });
    const expected = Buffer.from("Hallo Thüringen");
    expect(path.dirname(temp.path)).toBe(tmpDir);
    expect(fs.readFileSync(temp.path)).toEqual(expected);
    expect(temp.sizeBytes).toBe(expected.length);
    expect(temp.sha256).toBe(crypto.createHash("sha256").update(expected).digest("hex"));
  });

  it("accepts exactly the cap", async () => {
    const temp = await receiveToTemp(chunks(Buffer.alloc(10)), { maxBytes: 10, root });
    expect(temp.sizeBytes).toBe(10);
  });

  it("stops reading past the cap, throws and leaves no temp file", async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled += 1;
        yield Buffer.alloc(1024);
      }
    }
    await expect(receiveToTemp(endless(), { maxBytes: 10 * 1024, root })).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(pulled).toBe(11);
    expect(tmpFiles()).toEqual([]);
  });

  it("leaves no temp file when the stream breaks off", async () => {
    async function* broken() {
      yield Buffer.from("Anfang");
      throw new Error("connection reset");
    }
    await expect(receiveToTemp(broken(), { maxBytes: 1000, root })).rejects.toThrow("connection reset");
    expect(tmpFiles()).toEqual([]);
  });

  it("removes temp files left by a crash, but not a running upload's", async () => {
    fs.mkdirSync(tmpDir, { recursive: true });
    const old = path.join(tmpDir, "alt.part");
    const fresh = path.join(tmpDir, "frisch.part");
    fs.writeFileSync(old, "x");
    fs.writeFileSync(fresh, "y");
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    fs.utimesSync(old, twoHoursAgo, twoHoursAgo);
    expect(await removeStaleTempFiles(60 * 60 * 1000, root)).toBe(1);
    expect(tmpFiles()).toEqual(["frisch.part"]);
    expect(await removeStaleTempFiles(60 * 60 * 1000, path.join(root, "fehlt"))).toBe(0);
  });
});

describe("stored files live under their hash", () => {
  const sha = "ab".repeat(32);

  it("builds UPLOAD_DIR/<first two hex>/<hash>", () => {
    expect(storedFilePath(sha, root)).toBe(path.join(root, "ab", sha));
  });

  it.each([["../../etc/passwd"], ["AB".repeat(32)], ["ab".repeat(31)], [`${"ab".repeat(32)}/x`], [`${"ab".repeat(31)}a.`], [""]])(
    "refuses %j as a hash",
    (bad) => {
      expect(() => storedFilePath(bad, root)).toThrow();
    },
  );

  it("stores the same content once and removes it on request", async () => {
    const first = await receiveToTemp(chunks("gleich"), { maxBytes: 100, root });
    const second = await receiveToTemp(chunks("gleich"), { maxBytes: 100, root });
    await moveIntoStore(first, root);
    await moveIntoStore(second, root);
    const target = storedFilePath(first.sha256, root);
    expect(fs.readFileSync(target, "utf8")).toBe("gleich");
    expect(fs.readdirSync(path.dirname(target))).toEqual([first.sha256]);
    expect(tmpFiles()).toEqual([]);
    await removeStoredFile(first.sha256, root);
    expect(fs.existsSync(target)).toBe(false);
  });

  it("runs work on one hash one after the other", async () => {
    const log: string[] = [];
    const slow = (label: string, ms: number) => async () => {
      log.push(`${label} start`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${label} end`);
    };
    await Promise.all([withHashLock(sha, slow("a", 20)), withHashLock(sha, slow("b", 1))]);
    expect(log).toEqual(["a start", "a end", "b start", "b end"]);
    await expect(withHashLock(sha, async () => Promise.reject(new Error("x")))).rejects.toThrow("x");
    expect(await withHashLock(sha, async () => 42)).toBe(42);
  });
});

describe("seedMaterials: one talk per group, stored like an upload", () => {
  it("adds a valid PDF per group under its hash, and adds nothing the second time", async () => {
    const uploads = fs.mkdtempSync(path.join(os.tmpdir(), "ag-portal-seed-uploads-"));
    process.env.UPLOAD_DIR = uploads;
    const { cleanup } = useTempDatabase();
    try {
      const { getDb } = await import("../../db/client.server");
      const db = getDb();
      await seedDemo(db);
      const userIds = Object.fromEntries(db.select({ id: users.id, email: users.email }).from(users).all().map((u) => [u.email, u.id]));
      // The demo groups (if the seed has them by now) and one whose slug has no talk of its own.
      const now = new Date();
      db.insert(groups).values({ slug: "eine-neue-gruppe", title: "Neu", description: "Beschreibung", createdAt: now, updatedAt: now }).onConflictDoNothing().run();
      if (!db.select().from(groups).all().some((g) => g.slug === "digitales-rathaus")) {
        db.insert(groups).values({ slug: "digitales-rathaus", title: "Digitales Rathaus", description: "Beschreibung", createdAt: now, updatedAt: now }).run();
      }
      const groupIds = Object.fromEntries(db.select({ id: groups.id, slug: groups.slug }).from(groups).all().map((g) => [g.slug, g.id]));
      await seedMaterials(db, { userIds, groupIds });
      await seedMaterials(db, { userIds, groupIds });

      const rows = db.select().from(materials).all();
      expect(rows).toHaveLength(Object.keys(groupIds).length);
      const rathaus = rows.find((r) => r.groupId === groupIds["digitales-rathaus"])!;
      expect(rathaus).toMatchObject({
        title: "Das digitale Rathaus in der Praxis – Erfahrungen aus Jena",
        contentType: "application/pdf",
        loge: "Digitales Rathaus",
        uploadedBy: userIds["moderation@ag-portal.test"],
      });
      expect(rathaus.speaker).toMatch(/Stadt Jena/);
      expect(rows.find((r) => r.groupId === groupIds["eine-neue-gruppe"])!.title).toBeTruthy();
      for (const row of rows) {
        const file = storedFilePath(row.sha256, uploads);
        const bytes = fs.readFileSync(file);
        expect(bytes.length).toBe(row.sizeBytes);
        expect(crypto.createHash("sha256").update(bytes).digest("hex")).toBe(row.sha256);
        expect((await detectAllowedType(file))?.mime).toBe("application/pdf");
      }
      expect(fs.readdirSync(path.join(uploads, "tmp"))).toEqual([]);
    } finally {
      cleanup();
      delete process.env.UPLOAD_DIR;
      forgetSingleton("env");
      fs.rmSync(uploads, { recursive: true, force: true });
    }
  });
});
