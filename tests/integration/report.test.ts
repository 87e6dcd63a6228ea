import fs from "node:fs";
import type Database from "better-sqlite3";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { parseCsv } from "../setup/csv-reader";
import { addAdoptedRecommendation, addGroup, addMilestone, startPortalWithFixtureDb } from "../setup/feed-fixtures";
import { PortalClient } from "../setup/http-client";
import type { PortalServer } from "../setup/portal-server";

/**
 * The progress report against the real server: the DOCX opened as the zip it
 * is, the CSV parsed back, the form's checks, and that a member gets only
 * the groups they may read.
 */

let server: PortalServer;
let db: Database.Database;
const c: Record<string, PortalClient> = {};
const ids: Record<string, number> = {};

const INTERN = "ag-bericht-intern";
const SECRET = "ag-bericht-vertraulich";
const FORMULA_TITLE = "=HYPERLINK(\"http://example.test\";\"klick\")";

async function download(client: PortalClient, query: string) {
  const res = await client.get(`/fortschritt/bericht/datei?${query}`);
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

function documentXml(bytes: Uint8Array): string {
  return strFromU8(unzipSync(bytes)["word/document.xml"]);
}

beforeAll(async () => {
  const started = await startPortalWithFixtureDb();
  ({ server, db } = started);
  const { anna, jonas } = started;
  ids.intern = addGroup(db, INTERN, "Berichtsgruppe Onlinezugang", "intern", [[anna, "moderation"], [jonas, "member"]], "Loge Digitale Verwaltung");
  ids.secret = addGroup(db, SECRET, "Vertrauliche Berichtsgruppe", "vertraulich", [[anna, "moderation"]]);
  ids.formula = addGroup(db, "ag-bericht-formel", FORMULA_TITLE, "intern", [[anna, "member"]]);
  addAdoptedRecommendation(db, ids.intern, "Empfehlung Digitalrathaus", anna);
  addAdoptedRecommendation(db, ids.intern, "Empfehlung Übergabe", anna, "uebergeben");
  addAdoptedRecommendation(db, ids.secret, "Geheime Berichtsempfehlung", anna);
  addMilestone(db, ids.intern, "Auftakt", "2020-01-15", true);
  addMilestone(db, ids.intern, "Zwischenbericht", "2020-03-01");
  addMilestone(db, ids.intern, "Abschluss", "2099-12-31");
  for (const [name, email] of Object.entries({ anna: "anna.schmidt@ag-portal.test", jonas: "jonas.weber@ag-portal.test", observer: "beobachtung@ag-portal.test" })) {
    c[name] = new PortalClient(server.origin);
    await c[name].login(email, DEMO_PASSWORD);
  }
});

afterAll(async () => {
  db?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

describe("DOCX", () => {
  it("is a Word file with title, portal name, date, groups, milestones and the adopted texts' headings and lists", async () => {
    const { res, bytes } = await download(c.anna, "umfang=alle&format=docx");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="fortschrittsbericht-\d{4}-\d{2}-\d{2}\.docx"$/);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const xml = documentXml(bytes);
    expect(xml).toContain("Fortschrittsbericht");
    expect(xml).toContain("AG-Portal E-Government Thüringen – Stand:");
    for (const text of ["Berichtsgruppe Onlinezugang", "Vertrauliche Berichtsgruppe", "Empfehlung Digitalrathaus", "Empfehlung Übergabe", "Geheime Berichtsempfehlung"]) {
      expect(xml, text).toContain(text);
    }
    expect(xml).toContain("Loge Digitale Verwaltung");
    expect(xml).toMatch(/Zwischenbericht – überfällig, fällig am 1\. März 2020/);
    expect(xml).toMatch(/Auftakt – erledigt/);
    // Headings stay headings, lists stay Word lists (bullets and numbers).
    expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>[\s\S]*?Berichtsgruppe Onlinezugang/);
    expect(xml).toMatch(/<w:pStyle w:val="Heading4"\/>[\s\S]*?Ausgangslage Empfehlung Digitalrathaus/);
    expect(xml).toMatch(/<w:numPr>[\s\S]*?<\/w:numPr>[\s\S]*?Erster Punkt/);
    expect(xml).toMatch(/<w:numPr>[\s\S]*?<\/w:numPr>[\s\S]*?Schritt eins/);
    expect(xml).toContain("&lt;Digitalrathaus&gt; &amp; Onlinezugang");
    const numbering = strFromU8(unzipSync(bytes)["word/numbering.xml"]);
    expect(numbering).toContain('w:val="decimal"');
  });

  it("leaves out a vertraulich group the member is not in, even when chosen", async () => {
    const all = documentXml((await download(c.jonas, "umfang=alle&format=docx")).bytes);
    expect(all).toContain("Berichtsgruppe Onlinezugang");
    expect(all).not.toContain("Vertrauliche Berichtsgruppe");
    expect(all).not.toContain("Geheime Berichtsempfehlung");
    const chosen = documentXml((await download(c.jonas, `umfang=auswahl&gruppen=${ids.secret}&gruppen=${ids.intern}&format=docx`)).bytes);
    expect(chosen).not.toContain("Vertrauliche Berichtsgruppe");
    expect(chosen).toContain("Berichtsgruppe Onlinezugang");
  });
});

describe("CSV", () => {
  it("is UTF-8 with BOM, semicolons, one row per group, and neutralises formulas", async () => {
    const { res, bytes } = await download(c.anna, "umfang=alle&format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/filename="fortschrittsbericht-\d{4}-\d{2}-\d{2}\.csv"/);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    const [header, ...body] = rows;
    expect(header[0]).toBe("Gruppe");
    expect(header).toContain("Empfehlungen übergeben");
    const col = (name: string) => header.indexOf(name);
    const intern = body.find((r) => r[0] === "Berichtsgruppe Onlinezugang")!;
    expect(intern).toBeDefined();
    expect(intern.length).toBe(header.length);
    expect(intern[col("Loge")]).toBe("Loge Digitale Verwaltung");
    expect(intern[col("Mitglieder")]).toBe("2");
    expect(intern[col("Meilensteine erledigt")]).toBe("1");
    expect(intern[col("Meilensteine gesamt")]).toBe("3");
    expect(intern[col("Meilensteine überfällig")]).toBe("1");
    expect(intern[col("Nächster Meilenstein")]).toBe("Abschluss");
    expect(intern[col("Empfehlungen beschlossen")]).toBe("1");
    expect(intern[col("Empfehlungen übergeben")]).toBe("1");
    expect(intern[col("Titel der beschlossenen und übergebenen Empfehlungen")]).toContain("Empfehlung Digitalrathaus");
    expect(intern[col("Adresse")]).toBe(`${server.origin}/gruppen/${INTERN}`);
    expect(body.some((r) => r[0] === `'${FORMULA_TITLE}`)).toBe(true);
    expect(body.some((r) => r[0] === "Vertrauliche Berichtsgruppe")).toBe(true);
  });

  it("gives a member only readable groups, and a chosen set only those", async () => {
    const rows = parseCsv(new TextDecoder().decode((await download(c.jonas, "umfang=alle&format=csv")).bytes.slice(3)));
    expect(rows.some((r) => r[0] === "Vertrauliche Berichtsgruppe")).toBe(false);
    const chosen = parseCsv(new TextDecoder().decode((await download(c.anna, `umfang=auswahl&gruppen=${ids.intern}&format=csv`)).bytes.slice(3)));
    expect(chosen.slice(1).map((r) => r[0])).toEqual(["Berichtsgruppe Onlinezugang"]);
  });
});

describe("the report page", () => {
  it("offers readable groups only, and sends a valid choice on to the file", async () => {
    const page = await (await c.jonas.get("/fortschritt/bericht")).text();
    expect(page).toContain("Berichtsgruppe Onlinezugang");
    expect(page).not.toContain("Vertrauliche Berichtsgruppe");
    const res = await c.jonas.post("/fortschritt/bericht", { umfang: "auswahl", gruppen: String(ids.intern), format: "csv" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/fortschritt/bericht/datei?umfang=auswahl&format=csv&gruppen=${ids.intern}`);
  });

  it("answers bad choices with German errors, never a 500", async () => {
    const none = await c.jonas.post("/fortschritt/bericht", { umfang: "auswahl", format: "docx" });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Bitte wählen Sie mindestens eine Gruppe aus.");
    const secret = await c.jonas.post("/fortschritt/bericht", { umfang: "auswahl", gruppen: String(ids.secret), format: "docx" });
    expect(secret.status).toBe(400);
    expect(await secret.text()).toContain("Diese Auswahl enthält eine unbekannte Gruppe.");
    const format = await c.jonas.post("/fortschritt/bericht", { umfang: "alle", format: "pdf" });
    expect(format.status).toBe(400);
    expect(await format.text()).toContain("Bitte wählen Sie ein Format.");
    expect((await c.jonas.get("/fortschritt/bericht/datei?umfang=alle&format=xls")).status).toBe(400);
    expect((await c.jonas.get("/fortschritt/bericht/datei?umfang=auswahl&gruppen=abc&format=csv")).status).toBe(400);
  });

  it("needs a session", async () => {
    const anonymous = new PortalClient(server.origin);
    const res = await anonymous.get("/fortschritt/bericht/datei?umfang=alle&format=csv");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("/anmelden");
  });
});
