import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { Document, Packer, Paragraph } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { buildTalkPdf } from "../../db/seed-materials";
import { buildZip, deflatedZeros, docxParts, overlappingBomb } from "../fixtures/zip-archives";
import { PortalClient } from "../setup/http-client";
import { startPortal, type PortalServer } from "../setup/portal-server";

/**
 * Materials against the real server: permissions per role, the byte-based
 * type check, the streamed size cap, and that refused uploads leave nothing
 * behind (no row, no file, no temp file).
 */

const MAX = 256 * 1024;
// Below the default (256 MB), so that a bomb under the upload cap can exceed it; proves the variable is read.
const MAX_UNPACKED = 64 * 1024 * 1024;
const ALLOWED = "Erlaubt sind PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG und JPEG.";

let server: PortalServer;
let uploadDir: string;
let db: Database.Database;
const c: Record<string, PortalClient> = {};
const groupIds: Record<string, number> = {};

const A = "ag-materialien-test"; // intern: moderation@ (group moderation), anna, jonas
const B = "ag-andere-gruppe"; // intern: lena only
const C = "ag-vertraulich"; // vertraulich: anna only
const E = "ag-archiviert"; // archived: anna

/** Groups, memberships and one extra member written straight into the test server's database. */
function seedFixtures() {
  const userId = (email: string) => (db.prepare("select id from users where lower(email) = ?").get(email) as { id: number }).id;
  const anna = userId("anna.schmidt@ag-portal.test");
  // A third plain member with the demo password (the hash is Anna's).
  const hash = (db.prepare("select password_hash from users where id = ?").get(anna) as { password_hash: string }).password_hash;
  const now = Date.now();
  db.prepare("insert into users (email, display_name, organisation, role, password_hash, created_at) values (?, ?, ?, 'member', ?, ?)").run(
    "lena.fischer@ag-portal.test",
    "Lena Fischer",
    "Stadtverwaltung Weimar",
    hash,
    now,
  );
  const addGroup = (slug: string, visibility: string, status: string, members: [string, string][]) => {
    const { lastInsertRowid } = db
      .prepare(
        "insert into groups (slug, title, description, goals, status, visibility, created_at, updated_at) values (?, ?, ?, '', ?, ?, ?, ?)",
      )
      .run(slug, `Testgruppe ${slug}`, "Eine Gruppe für die Materialien-Tests.", status, visibility, now, now);
    groupIds[slug] = Number(lastInsertRowid);
    for (const [email, role] of members) {
      db.prepare("insert into group_members (group_id, user_id, role, joined_at) values (?, ?, ?, ?)").run(groupIds[slug], userId(email), role, now);
    }
  };
  addGroup(A, "intern", "aktiv", [
    ["moderation@ag-portal.test", "moderation"],
    ["anna.schmidt@ag-portal.test", "member"],
    ["jonas.weber@ag-portal.test", "member"],
  ]);
  addGroup(B, "intern", "aktiv", [["lena.fischer@ag-portal.test", "member"]]);
  addGroup(C, "vertraulich", "aktiv", [["anna.schmidt@ag-portal.test", "member"]]);
  addGroup(E, "intern", "aktiv", [
    ["anna.schmidt@ag-portal.test", "member"],
    ["moderation@ag-portal.test", "moderation"],
  ]);
}

beforeAll(async () => {
  uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-portal-uploads-"));
  server = await startPortal({ env: { UPLOAD_DIR: uploadDir, MAX_UPLOAD_BYTES: String(MAX), MAX_UNPACKED_BYTES: String(MAX_UNPACKED) } });
  db = new Database(server.dbPath);
  db.pragma("busy_timeout = 5000");
  seedFixtures();
  for (const [name, email] of Object.entries({
    admin: "admin@ag-portal.test",
    moderation: "moderation@ag-portal.test",
    anna: "anna.schmidt@ag-portal.test",
    jonas: "jonas.weber@ag-portal.test",
    lena: "lena.fischer@ag-portal.test",
    observer: "beobachtung@ag-portal.test",
  })) {
    c[name] = new PortalClient(server.origin);
    await c[name].login(email, DEMO_PASSWORD);
  }
  c.anonymous = new PortalClient(server.origin);
});

afterAll(async () => {
  db?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
  if (uploadDir) fs.rmSync(uploadDir, { recursive: true, force: true });
});

// ── Helpers ─────────────────────────────────────────────────────────────────

type FilePart = { bytes: Uint8Array; name: string; type?: string };
const pdf = (title = "Testvortrag") => ({ bytes: buildTalkPdf({ title, speaker: "Test" }), name: "vortrag.pdf", type: "application/pdf" });
const sha = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

function upload(client: PortalClient, slug: string, fields: Record<string, string>, file?: FilePart | null) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.type ?? "application/octet-stream" }), file.name);
  return client.request(`/gruppen/${slug}/materialien`, { method: "POST", body: form, headers: { origin: server.origin } });
}

function remove(client: PortalClient, slug: string, materialId: number | string) {
  return client.post(`/gruppen/${slug}/materialien`, { intent: "delete", materialId: String(materialId) });
}

const rows = () =>
  db.prepare("select id, group_id, title, file_name, content_type, size_bytes, sha256, uploaded_by, speaker, loge from materials order by id").all() as {
    id: number;
    group_id: number;
    title: string;
    file_name: string;
    content_type: string;
    size_bytes: number;
    sha256: string;
    uploaded_by: number;
    speaker: string | null;
    loge: string | null;
  }[];
const rowByTitle = (title: string) => rows().find((r) => r.title === title);
const storedPath = (hash: string) => path.join(uploadDir, hash.slice(0, 2), hash);
const tmpFiles = () => (fs.existsSync(path.join(uploadDir, "tmp")) ? fs.readdirSync(path.join(uploadDir, "tmp")) : []);
/** Every file under UPLOAD_DIR except the tmp folder. */
function storedFiles(): string[] {
  const out: string[] = [];
  for (const dir of fs.readdirSync(uploadDir)) {
    if (dir === "tmp") continue;
    for (const f of fs.readdirSync(path.join(uploadDir, dir))) out.push(`${dir}/${f}`);
  }
  return out.sort();
}

/** Sends only the headers of a multipart POST with the given Content-Length and reads the answer. */
function declareOnly(client: PortalClient, urlPath: string, contentLength: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.origin}${urlPath}`, {
      method: "POST",
      headers: {
        "content-type": "multipart/form-data; boundary=grenze",
        "content-length": String(contentLength),
        origin: server.origin,
        cookie: client.cookie ?? "",
      },
    });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on("error", reject);
    req.flushHeaders();
  });
}

async function uploadOk(client: PortalClient, slug: string, title: string, file: FilePart = pdf(title), extra: Record<string, string> = {}) {
  const res = await upload(client, slug, { title, ...extra }, file);
  expect(res.status, await res.clone().text()).toBe(302);
  const row = rowByTitle(title);
  expect(row).toBeDefined();
  expect(res.headers.get("location")).toBe(`/gruppen/${slug}/materialien?hochgeladen=${row!.id}`);
  return row!;
}

// ── Tests ───────────────────────────────────────────────────────────────────

describe("upload and download", () => {
  it("a member uploads a PDF; another member downloads it with safe headers", async () => {
    const file = pdf("Das digitale Rathaus in der Praxis");
    const row = await uploadOk(c.anna, A, "Das digitale Rathaus in der Praxis", { ...file, name: "Prüfbericht „Jena“ (Entwurf).pdf" }, {
      description: "Folien vom Kongress",
      speaker: "Dr. Katrin Vogel, Leiterin Digitalisierung, Stadt Jena",
      loge: "Digitales Rathaus",
    });
    expect(row).toMatchObject({
      group_id: groupIds[A],
      content_type: "application/pdf",
      size_bytes: file.bytes.length,
      sha256: sha(file.bytes),
      file_name: "Prüfbericht „Jena“ (Entwurf).pdf",
      speaker: "Dr. Katrin Vogel, Leiterin Digitalisierung, Stadt Jena",
      loge: "Digitales Rathaus",
    });
    expect(fs.readFileSync(storedPath(row.sha256))).toEqual(Buffer.from(file.bytes));
    expect(tmpFiles()).toEqual([]);

    const page = await c.jonas.get(`/gruppen/${A}/materialien?hochgeladen=${row.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Das digitale Rathaus in der Praxis");
    expect(html).toContain("wurde hochgeladen");
    expect(html).toContain("Anna Schmidt");
    expect(html).toContain(`/gruppen/${A}/materialien/${row.id}/download`);

    const res = await c.jonas.get(`/gruppen/${A}/materialien/${row.id}/download`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-length")).toBe(String(file.bytes.length));
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="Pruefbericht _Jena_ (Entwurf).pdf"; filename*=UTF-8''Pr%C3%BCfbericht%20%E2%80%9EJena%E2%80%9C%20%28Entwurf%29.pdf`,
    );
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from(file.bytes));
  });

  it("shows the empty state in a group without materials", async () => {
    const html = await (await c.lena.get(`/gruppen/${B}/materialien`)).text();
    expect(html).toContain("Noch keine Materialien");
  });

  it("stores the same content once and deletes the file with its last reference", async () => {
    const file = pdf("Doppelt");
    const first = await uploadOk(c.anna, A, "Doppelt eins", file);
    const second = await uploadOk(c.jonas, A, "Doppelt zwei", file);
    expect(first.sha256).toBe(second.sha256);
    expect(storedFiles().filter((f) => f.endsWith(first.sha256))).toHaveLength(1);
    expect((await remove(c.anna, A, first.id)).status).toBe(200);
    expect(fs.existsSync(storedPath(first.sha256))).toBe(true);
    expect((await remove(c.jonas, A, second.id)).status).toBe(200);
    expect(fs.existsSync(storedPath(first.sha256))).toBe(false);
  });
});

describe("who may do what", () => {
  it("signed out: every materials URL sends to the login", async () => {
    for (const res of [
      await c.anonymous.get(`/gruppen/${A}/materialien`),
      await c.anonymous.get(`/gruppen/${A}/materialien/1/download`),
      await upload(c.anonymous, A, { title: "Anonym" }, pdf()),
    ]) {
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toMatch(/^\/anmelden\?redirectTo=/);
    }
    expect(rowByTitle("Anonym")).toBeUndefined();
  });

  it("the observer reads the list but has no upload form and gets 403 on upload", async () => {
    await uploadOk(c.anna, A, "Für die Beobachtung");
    const res = await c.observer.get(`/gruppen/${A}/materialien`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Für die Beobachtung");
    expect(html).not.toContain('type="file"');
    expect(html).not.toContain("multipart/form-data");
    expect(html).not.toContain('value="delete"');
    const before = storedFiles();
    const post = await upload(c.observer, A, { title: "Vom Ministerium" }, pdf("Vom Ministerium"));
    expect(post.status).toBe(403);
    expect(rowByTitle("Vom Ministerium")).toBeUndefined();
    expect(storedFiles()).toEqual(before);
    expect(tmpFiles()).toEqual([]);
  });

  it("a member of another group reads and downloads an intern group's materials, but cannot upload or delete", async () => {
    const row = await uploadOk(c.anna, A, "Lesbar für alle");
    const page = await c.lena.get(`/gruppen/${A}/materialien`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Lesbar für alle");
    expect(html).not.toContain('type="file"');
    expect((await c.lena.get(`/gruppen/${A}/materialien/${row.id}/download`)).status).toBe(200);
    expect((await upload(c.lena, A, { title: "Fremd" }, pdf("Fremd"))).status).toBe(403);
    expect(rowByTitle("Fremd")).toBeUndefined();
    expect((await remove(c.lena, A, row.id)).status).toBe(403);
    expect(rowByTitle("Lesbar für alle")).toBeDefined();
  });

  it("the uploader deletes their own material; another plain member may not", async () => {
    const row = await uploadOk(c.anna, A, "Annas Arbeitspapier");
    const jonasPage = await (await c.jonas.get(`/gruppen/${A}/materialien`)).text();
    expect(jonasPage).not.toContain(`Material „Annas Arbeitspapier“ löschen`);
    expect((await remove(c.jonas, A, row.id)).status).toBe(403);
    const annaPage = await (await c.anna.get(`/gruppen/${A}/materialien`)).text();
    expect(annaPage).toContain(`Material „Annas Arbeitspapier“ löschen`);
    const res = await remove(c.anna, A, row.id);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("wurde gelöscht");
    expect(rowByTitle("Annas Arbeitspapier")).toBeUndefined();
    expect(fs.existsSync(storedPath(row.sha256))).toBe(false);
  });

  it("the group moderation and an admin delete others' materials", async () => {
    const one = await uploadOk(c.anna, A, "Von der Moderation gelöscht");
    const two = await uploadOk(c.jonas, A, "Von der Administration gelöscht");
    expect((await remove(c.moderation, A, one.id)).status).toBe(200);
    expect((await remove(c.admin, A, two.id)).status).toBe(200);
    expect(rowByTitle("Von der Moderation gelöscht")).toBeUndefined();
    expect(rowByTitle("Von der Administration gelöscht")).toBeUndefined();
  });

  it("a vertraulich group's downloads are 404 for non-members", async () => {
    const row = await uploadOk(c.anna, C, "Vertrauliches Papier");
    expect((await c.anna.get(`/gruppen/${C}/materialien/${row.id}/download`)).status).toBe(200);
    expect((await c.lena.get(`/gruppen/${C}/materialien/${row.id}/download`)).status).toBe(404);
    expect((await c.observer.get(`/gruppen/${C}/materialien/${row.id}/download`)).status).toBe(404);
    expect((await c.lena.get(`/gruppen/${C}/materialien`)).status).toBe(404);
  });

  it("an archived group takes no uploads and no deletes", async () => {
    const row = await uploadOk(c.anna, E, "Vor der Archivierung");
    db.prepare("update groups set status = 'archiviert' where id = ?").run(groupIds[E]);
    const before = storedFiles();
    expect((await upload(c.anna, E, { title: "Nach der Archivierung" }, pdf("Nach der Archivierung"))).status).toBe(403);
    expect((await remove(c.anna, E, row.id)).status).toBe(403);
    expect((await remove(c.moderation, E, row.id)).status).toBe(403);
    expect(rowByTitle("Nach der Archivierung")).toBeUndefined();
    expect(rowByTitle("Vor der Archivierung")).toBeDefined();
    expect(storedFiles()).toEqual(before);
    const html = await (await c.anna.get(`/gruppen/${E}/materialien`)).text();
    expect(html).not.toContain('type="file"');
    expect((await c.anna.get(`/gruppen/${E}/materialien/${row.id}/download`)).status).toBe(200);
  });
});

describe("downloads only reach the material of this group", () => {
  it("an id of another group via this group's URL is 404, and so are malformed ids", async () => {
    const row = await uploadOk(c.anna, A, "Nur in Gruppe A");
    expect((await c.admin.get(`/gruppen/${B}/materialien/${row.id}/download`)).status).toBe(404);
    for (const id of ["abc", "0", "-1", "1.5", "99999999", "1e3", "..%2F..%2Fetc%2Fpasswd", `${row.id}%00`]) {
      const res = await c.admin.get(`/gruppen/${A}/materialien/${id}/download`);
      expect(res.status, id).toBe(404);
    }
  });
});

describe("refused uploads leave nothing behind", () => {
  const nothingStored = (title: string, filesBefore: string[]) => {
    expect(rowByTitle(title)).toBeUndefined();
    expect(storedFiles()).toEqual(filesBefore);
    expect(tmpFiles()).toEqual([]);
  };

  it("a body declared over the limit is refused by its Content-Length with 413", async () => {
    const before = storedFiles();
    // Only the headers are sent: the server must answer from Content-Length alone.
    const res = await declareOnly(c.anna, `/gruppen/${A}/materialien`, MAX + 64 * 1024 + 1);
    expect(res.status).toBe(413);
    expect(res.body).toContain("zu groß");
    nothingStored("Viel zu groß", before);
  });

  it.each([1, 60 * 1024])("a file %i bytes over the cap inside an allowed body is stopped while streaming with 413", async (over) => {
    const before = storedFiles();
    // PDF header first: the cap must hit before any type check.
    const bytes = new Uint8Array(MAX + over);
    bytes.set(buildTalkPdf({ title: "groß", speaker: "x" }));
    const res = await upload(c.anna, A, { title: "Knapp zu groß" }, { bytes, name: "knapp.pdf", type: "application/pdf" });
    expect(res.status).toBe(413);
    // The rest of the body was never read, so the connection is not reused.
    expect(res.headers.get("connection")).toBe("close");
    const html = await res.text();
    expect(html).toContain("Die Datei ist zu groß. Erlaubt sind höchstens 256 KB.");
    // The title typed by the person comes back with the error.
    expect(html).toContain('value="Knapp zu groß"');
    nothingStored("Knapp zu groß", before);
  });

  it("an upload broken off mid-file leaves no temp file and no row", async () => {
    const before = storedFiles();
    const boundary = "abbruchgrenze";
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nAbgebrochen\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="abbruch.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const req = http.request(`${server.origin}/gruppen/${A}/materialien`, {
      method: "POST",
      headers: {
        "content-type": `multipart/form-data; boundary=${boundary}`,
        "content-length": String(head.length + 200 * 1024),
        origin: server.origin,
        cookie: c.anna.cookie!,
      },
    });
    req.on("error", () => {});
    req.write(head);
    req.write(Buffer.concat([Buffer.from(buildTalkPdf({ title: "abbruch", speaker: "x" })), Buffer.alloc(100 * 1024)]));
    // Wait until the server has started writing the temp file, then cut the connection.
    await expect.poll(() => tmpFiles().length, { timeout: 5000 }).toBe(1);
    req.destroy();
    await expect.poll(() => tmpFiles().length, { timeout: 5000 }).toBe(0);
    nothingStored("Abgebrochen", before);
  });

  it("exactly the cap is accepted", async () => {
    const bytes = new Uint8Array(MAX);
    bytes.set(buildTalkPdf({ title: "genau", speaker: "x" }));
    const row = await uploadOk(c.anna, A, "Genau an der Grenze", { bytes, name: "genau.pdf" });
    expect(row.size_bytes).toBe(MAX);
  });

  it.each([
    ["an ELF executable named .pdf", Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200)]), "programm.pdf"],
    ["a Windows executable named .pdf", Buffer.concat([Buffer.from("MZ"), Buffer.alloc(62), Buffer.from("This program cannot be run in DOS mode.")]), "setup.pdf"],
    ["an HTML page named .png", Buffer.from("<!doctype html><script>alert(document.cookie)</script>"), "bild.png"],
    ["a text file named .docx (no ZIP at all)", Buffer.from("Nur Text, kein Word-Dokument."), "bericht.docx"],
  ])("refuses %s with 415 and the allowed types", async (_label, bytes, name) => {
    const before = storedFiles();
    const title = `Getarnt ${name}`;
    const res = await upload(c.anna, A, { title }, { bytes, name, type: name.endsWith(".png") ? "image/png" : "application/pdf" });
    expect(res.status).toBe(415);
    expect(await res.text()).toContain(ALLOWED);
    nothingStored(title, before);
  });

  const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  const bombNames = Array.from({ length: 21 }, (_, i) => `word/media/bild${i}.png`);
  it.each([
    [
      "200 KB that unpack to 200 MB",
      () => buildZip([...docxParts, { name: "word/media/bild.png", deflated: deflatedZeros(200) }]),
      "Die Datei würde entpackt 200 MB belegen; erlaubt sind höchstens 64 MB.",
    ],
    [
      "32 KB of zeros packed 1000:1",
      () => buildZip([...docxParts, { name: "word/media/bild.png", deflated: deflatedZeros(32) }]),
      "Die Datei ist ungewöhnlich stark gepackt (mehr als 100 : 1).",
    ],
    [
      "105 KB whose 21 overlapping entries unpack to 2 GB, the Fifield bomb",
      () => overlappingBomb(docxParts, bombNames, deflatedZeros(100)),
      "Die Datei ist als DOCX nicht einwandfrei aufgebaut (beschädigt oder nachträglich verändert).",
    ],
  ])("a ZIP bomb disguised as DOCX (%s) is refused with 422, keeps the typed fields, and is neither stored nor listed", async (_label, make, message) => {
    const before = storedFiles();
    const title = `Bombe ${_label}`;
    const res = await upload(c.anna, A, { title, description: "Sieht aus wie ein Word-Dokument" }, { bytes: make(), name: "bericht.docx", type: DOCX_MIME });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain(`value="${title}"`);
    expect(html).toContain("Sieht aus wie ein Word-Dokument");
    nothingStored(title, before);
    expect(await (await c.jonas.get(`/gruppen/${A}/materialien`)).text()).not.toContain(title);
  });

  it("20 bombs posted at once are all refused, and no row, file or temp file stays", async () => {
    const before = storedFiles();
    const bomb = overlappingBomb(docxParts, bombNames, deflatedZeros(100));
    const titles = Array.from({ length: 20 }, (_, i) => `Parallele Bombe ${i}`);
    const answers = await Promise.all(titles.map((title) => upload(c.jonas, A, { title }, { bytes: bomb, name: "bericht.docx", type: DOCX_MIME })));
    expect(answers.map((r) => r.status)).toEqual(titles.map(() => 422));
    await Promise.all(answers.map((r) => r.text()));
    for (const title of titles) expect(rowByTitle(title)).toBeUndefined();
    expect(storedFiles()).toEqual(before);
    expect(tmpFiles()).toEqual([]);
  });

  it("a real DOCX (written by the docx package) is accepted and offered", async () => {
    const bytes = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph("Empfehlung zur E-Akte")] }] }));
    const row = await uploadOk(c.anna, A, "Empfehlung als Word-Datei", { bytes, name: "empfehlung.docx", type: DOCX_MIME });
    expect(row).toMatchObject({ content_type: DOCX_MIME, file_name: "empfehlung.docx", size_bytes: bytes.length });
    expect(fs.readFileSync(storedPath(row.sha256))).toEqual(bytes);
  });

  it("a missing or empty file is a field error", async () => {
    const before = storedFiles();
    const none = await upload(c.anna, A, { title: "Ohne Datei" });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Bitte wählen Sie eine Datei aus.");
    // What a browser sends when no file was chosen.
    const empty = await upload(c.anna, A, { title: "Ohne Datei" }, { bytes: new Uint8Array(0), name: "" });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Bitte wählen Sie eine Datei aus.");
    const zero = await upload(c.anna, A, { title: "Ohne Datei" }, { bytes: new Uint8Array(0), name: "leer.pdf" });
    expect(zero.status).toBe(400);
    expect(await zero.text()).toContain("Die gewählte Datei ist leer.");
    nothingStored("Ohne Datei", before);
  });

  it("invalid fields refuse the upload and drop the file", async () => {
    const before = storedFiles();
    const noTitle = await upload(c.anna, A, { title: "  " }, pdf("ohne Titel"));
    expect(noTitle.status).toBe(400);
    expect(await noTitle.text()).toContain("Bitte geben Sie einen Titel ein.");
    const badLoge = await upload(c.anna, A, { title: "Falsche Loge", loge: "Erfundene Loge" }, pdf("Falsche Loge"));
    expect(badLoge.status).toBe(400);
    const longTitle = await upload(c.anna, A, { title: "x".repeat(201) }, pdf("lang"));
    expect(longTitle.status).toBe(400);
    expect(await longTitle.text()).toContain("Bitte höchstens 200 Zeichen eingeben.");
    nothingStored("Falsche Loge", before);
  });

  it("a POST that is not multipart is 400 with a German message", async () => {
    const form = await c.anna.post(`/gruppen/${A}/materialien`, { title: "Ohne Multipart" });
    expect(form.status).toBe(400);
    expect(await form.text()).toContain("Formular „Material hochladen“");
    const jsonBody = await c.anna.request(`/gruppen/${A}/materialien`, {
      method: "POST",
      body: JSON.stringify({ title: "x" }),
      headers: { "content-type": "application/json", origin: server.origin },
    });
    expect(jsonBody.status).toBe(400);
    const broken = await c.anna.request(`/gruppen/${A}/materialien`, {
      method: "POST",
      body: "--xyz\r\nkaputt",
      headers: { "content-type": "multipart/form-data; boundary=abc", origin: server.origin },
    });
    expect(broken.status).toBe(400);
    expect(tmpFiles()).toEqual([]);
  });
});

describe("file names never become paths", () => {
  it.each([
    ["../../etc/passwd.pdf", "passwd.pdf"],
    ["..\\..\\windows\\system32\\evil.pdf", "evil.pdf"],
    ["rechnung\u202Efdp.exe", "rechnungfdp.exe.pdf"],
    ["....", "datei.pdf"],
  ])("%j is stored as %j and the file lies under its hash", async (name, expected) => {
    const title = `Name ${name}`;
    const file = pdf(title);
    const row = await uploadOk(c.anna, A, title, { ...file, name });
    expect(row.file_name).toBe(expected);
    expect(fs.existsSync(storedPath(row.sha256))).toBe(true);
    expect(fs.existsSync(path.join(uploadDir, "..", "etc"))).toBe(false);
    for (const f of storedFiles()) expect(f).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{64}$/);
    const res = await c.jonas.get(`/gruppen/${A}/materialien/${row.id}/download`);
    expect(res.headers.get("content-disposition")).toContain(`filename="${expected}"`);
    await res.arrayBuffer();
  });
});
