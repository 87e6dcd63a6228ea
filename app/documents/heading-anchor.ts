/**
 * Stable anchors for the headings of a document, so that a discussion thread
 * (or anyone) can link to `…/dokumente/<id>#<anchor>`. Pure functions, no
 * browser or server imports: used by the server rendering (ids on the
 * headings), app/documents/headings.server.ts and the browser.
 */

export type DocumentHeading = { level: number; text: string; anchor: string };

/** ProseMirror JSON as produced by tiptap (only the fields we read). */
export type ProseMirrorJson = { type?: string; text?: string; attrs?: Record<string, unknown> | null; content?: ProseMirrorJson[] };

const PREFIX = "abschnitt-";
const UMLAUTS: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss" };

/**
 * `Ziele & Maßnahmen (2026)` → `abschnitt-ziele-massnahmen-2026`.
 * Lowercase, German umlauts and ß spelled out, other accents dropped, every
 * run of other characters one "-". Empty text gives `abschnitt`.
 */
export function headingAnchor(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => UMLAUTS[c] ?? c)
    // é → e etc.: decompose and drop the combining marks.
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
  return slug ? PREFIX + slug : PREFIX.slice(0, -1);
}

/** The plain text of a node (a heading's inline content). */
function textOf(node: ProseMirrorJson): string {
  if (typeof node.text === "string") return node.text;
  return (node.content ?? []).map(textOf).join("");
}

/** A heading's text as shown in lists of headings: whitespace collapsed. */
export function headingText(raw: string): string {
  return raw.replace(/\s+/g, " ").trim();
}

/**
 * Anchors for headings in document order, unique on the page: a second
 * heading with the same text gets `-2`, a third `-3` (like GitHub).
 */
export function uniqueAnchors(texts: string[]): string[] {
  const seen = new Map<string, number>();
  return texts.map((text) => {
    const base = headingAnchor(text);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}-${count}`;
  });
}

/** The headings of a document (ProseMirror JSON) in order, each with its unique anchor. */
export function listHeadings(json: ProseMirrorJson | null | undefined): DocumentHeading[] {
  const found: { level: number; text: string }[] = [];
  const visit = (node: ProseMirrorJson) => {
    if (node.type === "heading") {
      found.push({ level: Number(node.attrs?.level ?? 0), text: headingText(textOf(node)) });
      return; // headings hold no headings
    }
    for (const child of node.content ?? []) visit(child);
  };
  if (json) visit(json);
  const anchors = uniqueAnchors(found.map((h) => h.text));
  return found.map((h, i) => ({ ...h, anchor: anchors[i] }));
}
