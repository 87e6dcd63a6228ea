/**
 * CSV for German Excel: semicolon as separator (the comma is the decimal
 * sign), CRLF line ends, and a UTF-8 byte order mark so Excel does not read
 * "Übergeben" as Latin-1. Pure functions, tested in tests/unit/csv.test.ts.
 */

export const CSV_SEPARATOR = ";";
export const UTF8_BOM = "\uFEFF";

// A cell starting like a formula would run as one when the file is opened in a spreadsheet (CSV injection, OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[";\r\n]/;

/** One cell: formula-like text gets a leading apostrophe, then quotes are doubled and the cell quoted if needed. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  // Numbers are the portal's own counts: they are never formulas, and "-1" must stay a number.
  if (typeof value === "number") return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(cells: (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(CSV_SEPARATOR);
}

/** The whole file: BOM, header, rows, each line ended by CRLF (RFC 4180). */
export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return UTF8_BOM + [header, ...rows].map((r) => csvLine(r) + "\r\n").join("");
}
