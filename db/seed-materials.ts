import { getEnv } from "../app/server/env.server";
import { detectAllowedType, discardTemp, moveIntoStore, receiveToTemp, uploadRoot } from "../app/materials/storage.server";
import { insertMaterial, materialTitleExists } from "../app/models/material.server";
import type { Db } from "./client.server";

/**
 * Demo materials: one congress talk per demo group, as a small real PDF made
 * here, stored through the same functions as an upload (content-hash path in
 * UPLOAD_DIR, type detected from the bytes). Idempotent: a group that already
 * has the talk's title is skipped.
 */

type Talk = { title: string; speaker: string; loge: string | null; description: string };

const congress = "Vortrag auf dem 1. Thüringer E-Government-Kongress (Demodaten).";

const talks: Record<string, Talk> = {
  "digitales-rathaus": {
    title: "Das digitale Rathaus in der Praxis – Erfahrungen aus Jena",
    speaker: "Dr. Katrin Vogel, Leiterin Digitalisierung, Stadt Jena",
    loge: "Digitales Rathaus",
    description: `Vom Papierantrag zur E-Akte: was in drei Jahren gelungen ist und was nicht. ${congress}`,
  },
  "behoerden-chatbots-und-ki": {
    title: "Ein Jahr Chatbot im Bürgerservice – Zwischenbilanz eines Landratsamts",
    speaker: "Markus Fiedler, Referent für KI-Anwendungen, Landratsamt Saalfeld-Rudolstadt",
    loge: "Behörden-Chatbots und KI in der Verwaltung",
    description: `Welche Fragen der Chatbot beantwortet, wo er an Grenzen stößt und wie Datenschutz und Personalrat beteiligt wurden. ${congress}`,
  },
  onlinezugangsgesetz: {
    title: "OZG in Thüringer Kommunen – Stand, Hürden und nächste Schritte",
    speaker: "Sabine Krüger, OZG-Koordinatorin, Thüringer Finanzministerium",
    loge: "Onlinezugangsgesetz in Land und Kommunen",
    description: `Überblick über die Onlinedienste nach dem Einer-für-Alle-Prinzip und die Anbindung der Kommunen. ${congress}`,
  },
  "verwaltung-und-regionale-wirtschaft": {
    title: "Digitale Gewerbeanmeldung – schneller zum eigenen Betrieb",
    speaker: "Frank Lehmann, Leiter Wirtschaftsförderung, Stadt Erfurt",
    loge: "Verwaltung und regionale Wirtschaft",
    description: `Wie Unternehmen und Verwaltung von medienbruchfreien Verfahren profitieren. ${congress}`,
  },
  "kooperation-it-wirtschaft-bildung": {
    title: "Verwaltungsinformatik dual studieren – Hochschule und Kommunen gemeinsam",
    speaker: "Prof. Dr. Andreas Brandt, Thüringer Fachhochschule für öffentliche Verwaltung, Gotha",
    loge: "Kooperation mit IT-Wirtschaft und Bildungseinrichtungen",
    description: `Ein Modell für Nachwuchs in der Verwaltungs-IT mit Praxisphasen in Landratsämtern und Städten. ${congress}`,
  },
  "nutzen-vermitteln-aengste-abbauen": {
    title: "Mitarbeitende mitnehmen – Veränderung gestalten, ohne zu überfordern",
    speaker: "Claudia Neumann, Personalentwicklung, Landratsamt Gotha",
    loge: "Nutzen vermitteln – Ängste abbauen",
    description: `Schulungen, Lotsen und offene Sprechstunden: was Beschäftigten die Sorge vor neuen Verfahren nimmt. ${congress}`,
  },
};

const fallbackTalk: Talk = {
  title: "Ergebnisse der Loge und offene Fragen – Einführung in die Arbeitsgruppe",
  speaker: "Thomas Keller, Geschäftsstelle E-Government-Kongress",
  loge: null,
  description: `Zusammenfassung der Diskussion auf dem Kongress als Ausgangspunkt der Arbeitsgruppe. ${congress}`,
};

export async function seedMaterials(
  db: Db,
  ctx: { userIds: Record<string, number>; groupIds: Record<string, number> },
): Promise<void> {
  const uploadedBy = ctx.userIds["moderation@ag-portal.test"] ?? null;
  for (const [slug, groupId] of Object.entries(ctx.groupIds)) {
    const talk = talks[slug] ?? fallbackTalk;
    if (materialTitleExists(groupId, talk.title, db)) continue;
    const pdf = buildTalkPdf(talk);
    const temp = await receiveToTemp(once(pdf), { maxBytes: getEnv().MAX_UPLOAD_BYTES, root: uploadRoot() });
    try {
      const type = await detectAllowedType(temp.path);
      if (!type) throw new Error("seed PDF not recognised as an allowed type");
      await moveIntoStore(temp);
      insertMaterial(
        {
          groupId,
          title: talk.title,
          description: talk.description,
          speaker: talk.speaker,
          loge: talk.loge,
          fileName: `${slug}-vortrag.pdf`,
          contentType: type.mime,
          sizeBytes: temp.sizeBytes,
          sha256: temp.sha256,
          uploadedBy,
        },
        db,
      );
    } finally {
      await discardTemp(temp);
    }
  }
}

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

// ── A minimal PDF 1.4, written by hand ─────────────────────────────────────

// WinAnsiEncoding bytes for the typographic characters of German text; Latin-1 covers the rest.
const winAnsi: Record<string, number> = { "€": 0x80, "‚": 0x82, "„": 0x84, "…": 0x85, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "–": 0x96, "—": 0x97 };

function winAnsiByte(ch: string): number {
  if (ch in winAnsi) return winAnsi[ch];
  const cp = ch.codePointAt(0)!;
  // Latin-1 except the C1 range, which WinAnsi uses for the characters above; anything else becomes "?".
  return cp <= 0xff && (cp < 0x80 || cp >= 0xa0) ? cp : 0x3f;
}

/** A PDF literal string: WinAnsi bytes, with ( ) \ escaped and everything outside ASCII as octal. */
function pdfString(text: string): string {
  let out = "(";
  for (const ch of text) {
    const code = winAnsiByte(ch);
    if (ch === "(" || ch === ")" || ch === "\\") out += `\\${ch}`;
    else if (code < 0x20 || code > 0x7e) out += `\\${code.toString(8).padStart(3, "0")}`;
    else out += String.fromCharCode(code);
  }
  return `${out})`;
}

/** A string for the info dictionary: UTF-16BE with byte order mark, as hex (text strings are not WinAnsi). */
function pdfTextString(text: string): string {
  const utf16be = Buffer.from(text, "utf16le").swap16().toString("hex").toUpperCase();
  return `<FEFF${utf16be}>`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * One A4 page with the talk's title and speaker in Helvetica, a catalog, a
 * page tree, an info dictionary, and an xref table whose offsets are counted
 * in bytes while the file is written.
 */
export function buildTalkPdf(talk: { title: string; speaker: string; loge?: string | null }): Uint8Array {
  const text: string[] = ["BT", "/F1 20 Tf", "24 TL", "72 760 Td"];
  for (const line of wrap(talk.title, 38)) text.push(`${pdfString(line)} Tj T*`);
  text.push("/F2 12 Tf", "16 TL", "T*");
  for (const line of wrap(talk.speaker, 64)) text.push(`${pdfString(line)} Tj T*`);
  if (talk.loge) text.push(`${pdfString(`Loge: ${talk.loge}`)} Tj T*`);
  text.push("T*", `${pdfString("1. Thüringer E-Government-Kongress – Demodaten des AG-Portals")} Tj`, "ET");
  const content = text.join("\n");

  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    // The content is ASCII (pdfString escapes the rest), so characters are bytes.
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    `<< /Title ${pdfTextString(talk.title)} /Author ${pdfTextString(talk.speaker)} /Producer (AG-Portal Demodaten) >>`,
  ];

  // A comment with bytes above 127 tells transfer tools the file is binary.
  const chunks: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1")];
  let offset = chunks[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, "latin1");
    chunks.push(chunk);
    offset += chunk.length;
  });
  const xref = [
    "xref",
    `0 ${objects.length + 1}`,
    "0000000000 65535 f ",
    ...offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n `),
    "trailer",
    `<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>`,
    "startxref",
    String(offset),
    "%%EOF",
    "",
  ].join("\n");
  chunks.push(Buffer.from(xref, "latin1"));
  return new Uint8Array(Buffer.concat(chunks));
}
