import { Window } from "happy-dom";

/** The rel of every link in a document (app/documents/editor-extensions.ts). */
export const DOCUMENT_LINK_REL = "noopener noreferrer nofollow";

/** Link targets a document may have: http, https, mailto (app/documents/safe-link.ts), or none. */
export function isAllowedHref(href: string): boolean {
  if (href === "") return true;
  try {
    return ["http:", "https:", "mailto:"].includes(new URL(href).protocol);
  } catch {
    return false; // not absolute: documents have no relative links
  }
}

type AttributeRule = (value: string) => boolean;
const any: AttributeRule = () => true;

/**
 * What the document renderer (app/documents/render-html.server.ts) may
 * write: its elements, and per element the attributes with a check of their
 * values. Anything else in derived HTML — another element, an event handler,
 * `style`, a `target`, a class or id of the author's choosing — is a finding.
 */
export const DOCUMENT_MARKUP: Record<string, Record<string, AttributeRule>> = {
  p: {},
  h3: { id: (v) => /^(beschlossen-)?abschnitt[a-z0-9-]*$/.test(v) },
  h4: { id: (v) => /^(beschlossen-)?abschnitt[a-z0-9-]*$/.test(v) },
  strong: {},
  em: {},
  s: {},
  u: {},
  code: { class: (v) => /^language-[a-z0-9+#-]+$/i.test(v) },
  pre: {},
  blockquote: {},
  ul: {},
  ol: { start: any, type: any },
  li: {},
  hr: {},
  br: {},
  table: {},
  tbody: {},
  tr: {},
  th: { colspan: any, rowspan: any, colwidth: any },
  td: { colspan: any, rowspan: any, colwidth: any },
  a: { href: isAllowedHref, rel: (v) => v === DOCUMENT_LINK_REL, title: any },
};

/** A search result's excerpt: escaped text and the portal's own <mark>. */
export const SNIPPET_MARKUP: Record<string, Record<string, AttributeRule>> = { mark: {} };

let parser: DOMParser | null = null;

/** Parses HTML without running anything (happy-dom with scripts and loading off). */
export function parseHtml(html: string): Document {
  parser ??= new (new Window({
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true },
  }).DOMParser)() as unknown as DOMParser;
  return parser.parseFromString(html, "text/html");
}

/** Every element, attribute or value below `root` that `allowed` does not name; [] when all is inert. */
export function markupProblems(root: Element, allowed: Record<string, Record<string, AttributeRule>>): string[] {
  const problems: string[] = [];
  for (const el of root.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    const rules = allowed[tag];
    if (!rules) {
      problems.push(`element <${tag}>`);
      continue;
    }
    for (const { name, value } of el.attributes) {
      const rule = rules[name.toLowerCase()];
      if (!rule) problems.push(`<${tag} ${name}=${JSON.stringify(value)}>`);
      else if (!rule(value)) problems.push(`<${tag} ${name}=${JSON.stringify(value)}> (value)`);
    }
  }
  return problems;
}

/** The same for an HTML fragment, such as a document's derived HTML. */
export function htmlProblems(html: string, allowed = DOCUMENT_MARKUP): string[] {
  return markupProblems(parseHtml(`<!doctype html><html><body>${html}</body></html>`).body, allowed);
}
