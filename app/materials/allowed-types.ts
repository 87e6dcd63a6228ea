/**
 * The file types a group may upload, shared by the upload form (accept
 * attribute, hint) and the server (which decides from the file's bytes).
 * `detected` is the extension file-type reports for these bytes; a type is
 * accepted only when both its mime type and that extension match, so
 * macro-enabled Office files (docm, xlsm, pptm) and plain ZIPs stay out.
 * `zip` names the package format of the ZIP-based types, whose archive is
 * checked for ZIP bombs before it is stored (zip-check.server.ts).
 */
export const allowedTypes = [
  { detected: "pdf", mime: "application/pdf", short: "PDF", label: "PDF-Dokument", extensions: ["pdf"], zip: null },
  { detected: "odt", mime: "application/vnd.oasis.opendocument.text", short: "ODT", label: "Textdokument (ODT)", extensions: ["odt"], zip: "odf" },
  { detected: "ods", mime: "application/vnd.oasis.opendocument.spreadsheet", short: "ODS", label: "Tabelle (ODS)", extensions: ["ods"], zip: "odf" },
  { detected: "odp", mime: "application/vnd.oasis.opendocument.presentation", short: "ODP", label: "Präsentation (ODP)", extensions: ["odp"], zip: "odf" },
  {
    detected: "docx",
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    short: "DOCX",
    label: "Word-Dokument (DOCX)",
    extensions: ["docx"],
    zip: "ooxml",
  },
  {
    detected: "xlsx",
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    short: "XLSX",
    label: "Excel-Tabelle (XLSX)",
    extensions: ["xlsx"],
    zip: "ooxml",
  },
  {
    detected: "pptx",
    mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    short: "PPTX",
    label: "PowerPoint-Präsentation (PPTX)",
    extensions: ["pptx"],
    zip: "ooxml",
  },
  { detected: "png", mime: "image/png", short: "PNG", label: "PNG-Bild", extensions: ["png"], zip: null },
  { detected: "jpg", mime: "image/jpeg", short: "JPEG", label: "JPEG-Bild", extensions: ["jpg", "jpeg"], zip: null },
] as const;

export type AllowedType = (typeof allowedTypes)[number];

/** The allow-list entry for what file-type detected, or undefined when not allowed. */
export function allowedTypeFor(detected: { ext: string; mime: string } | undefined): AllowedType | undefined {
  if (!detected) return undefined;
  return allowedTypes.find((t) => t.detected === detected.ext && t.mime === detected.mime);
}

/** The allow-list entry for a stored Content-Type (for labels in the list). */
export function allowedTypeByMime(mime: string): AllowedType | undefined {
  return allowedTypes.find((t) => t.mime === mime);
}

/** "PDF, ODT, …, PNG und JPEG" for messages and hints. */
export const allowedTypeNames = (() => {
  const names = allowedTypes.map((t) => t.short);
  return `${names.slice(0, -1).join(", ")} und ${names[names.length - 1]}`;
})();

/** For <input type="file" accept>: only a hint to the file picker, never a check. */
export const acceptAttribute = allowedTypes.flatMap((t) => [...t.extensions.map((e) => `.${e}`), t.mime]).join(",");
