/**
 * Link addresses in documents: only http, https and mailto, however they are
 * spelled. Browsers ignore tabs, line breaks and leading control characters
 * in a URL and compare schemes case-insensitively, so ` JaVa\tScRiPt:` is
 * `javascript:` to them; we normalise the same way before looking at the
 * scheme. Used by the editor's Link extension (isAllowedUri, autolink),
 * the toolbar's link form and the server-side HTML rendering.
 */
const ALLOWED_SCHEMES = new Set(["http", "https", "mailto"]);

// C0 controls, DEL, C1 controls and invisible format characters (zero-width space/joiners, BOM).
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u2028\u2029\u2060\uFEFF]/g;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/**
 * The normalised address if it is an allowed link, otherwise null:
 * trimmed, control characters removed, the scheme lowercased.
 */
export function safeLinkHref(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const cleaned = input.replace(INVISIBLE, "").trim();
  if (!cleaned) return null;
  const colon = cleaned.indexOf(":");
  if (colon < 1) return null; // no scheme: relative addresses are not links in a document
  // Whitespace inside the scheme (`java script:`) is what browsers would also skip.
  const scheme = cleaned.slice(0, colon).replace(/\s+/g, "");
  const rest = cleaned.slice(colon + 1);
  if (!SCHEME.test(`${scheme}:`)) return null;
  const lower = scheme.toLowerCase();
  if (!ALLOWED_SCHEMES.has(lower)) return null;
  const href = `${lower}:${rest}`;
  if (lower === "mailto") return rest.trim() ? href : null;
  try {
    const url = new URL(href);
    if (!url.hostname) return null;
  } catch {
    return null;
  }
  return href;
}

export function isSafeLink(input: unknown): boolean {
  return safeLinkHref(input) !== null;
}

/**
 * What a person typed into the link field, completed: `beispiel.de` becomes
 * `https://beispiel.de`, `name@beispiel.de` becomes `mailto:name@beispiel.de`.
 * Returns the safe address or null.
 */
export function completeLinkInput(input: string): string | null {
  const cleaned = input.replace(INVISIBLE, "").trim();
  if (!cleaned) return null;
  const hasScheme = /^[a-zA-Z][a-zA-Z0-9+.\s-]*:/.test(cleaned) && !/^[^:]*[/?#@]/.test(cleaned.slice(0, cleaned.indexOf(":")));
  if (hasScheme) return safeLinkHref(cleaned);
  if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(cleaned)) return safeLinkHref(`mailto:${cleaned}`);
  return safeLinkHref(`https://${cleaned.replace(/^\/+/, "")}`);
}

/**
 * The options of tiptap's Link extension in the portal's editors (documents,
 * posts): addresses only by the rule above, typed or pasted addresses linked
 * automatically, no opening on click while editing, no new tab, and `rel`
 * as the caller says.
 */
export function safeLinkOptions(rel: string) {
  return {
    openOnClick: false,
    autolink: true,
    defaultProtocol: "https",
    HTMLAttributes: { rel, target: null },
    isAllowedUri: (url: string) => isSafeLink(url),
    shouldAutoLink: (url: string) => completeLinkInput(url) !== null,
  };
}
