import { foldWithMap, looseFold } from "./fold";

/**
 * A short excerpt of the original text around the first hit, HTML-escaped,
 * with every occurrence of a search term wrapped in <mark>. Built here rather
 * than with FTS5 snippet(): the index holds the folded text ("buerger"), and
 * people should read what was written ("Bürger"). Safe by construction: the
 * text is escaped piece by piece and only our own <mark> tags are added.
 */
export function highlightExcerpt(text: string, terms: string[], maxChars = 220): string {
  const { folded, origin } = foldWithMap(text);
  const marked = new Uint8Array(text.length);
  let first = -1;
  for (const term of terms.map(looseFold).filter(Boolean)) {
    for (let at = folded.indexOf(term); at !== -1; at = folded.indexOf(term, at + term.length)) {
      const start = origin[at];
      const endIndex = at + term.length;
      const end = endIndex < origin.length ? origin[endIndex] : text.length;
      // A folded "ae" may begin inside one original "ä": mark the whole character.
      for (let i = start; i < Math.max(end, start + 1); i++) marked[i] = 1;
      if (first === -1 || start < first) first = start;
    }
  }
  let from = 0;
  let to = text.length;
  if (text.length > maxChars) {
    from = Math.max(0, (first === -1 ? 0 : first) - Math.floor(maxChars / 3));
    // Start at a word boundary when one is near.
    const space = text.lastIndexOf(" ", from);
    if (from > 0 && space !== -1 && from - space < 20) from = space + 1;
    to = Math.min(text.length, from + maxChars);
  }
  let html = from > 0 ? "… " : "";
  let i = from;
  while (i < to) {
    const on = marked[i];
    let j = i;
    while (j < to && marked[j] === on) j++;
    const piece = escapeHtml(text.slice(i, j));
    html += on ? `<mark>${piece}</mark>` : piece;
    i = j;
  }
  return to < text.length ? `${html} …` : html;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
