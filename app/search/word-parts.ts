/**
 * The tokens search_fts indexes for a text (migrations/0007_search_suffix_index.sql):
 * every word and each of its suffixes of at least MIN_PART characters, so a part
 * of a German compound word is the start of some token — "rathaus" starts the
 * suffix "rathaus" of "digitalrathaus", "zugang" starts "zugangsgesetz" of
 * "onlinezugangsgesetz" — and a query term becomes an FTS5 prefix query.
 *
 * Words are split as FTS5's unicode61 tokenizer splits them (letters and
 * digits form words, everything else separates), so the tokens written here
 * are exactly the tokens FTS5 stores (combining marks separate there too, so
 * text is composed first: "u\u0308" becomes "ü"). The text is expected folded already
 * (foldGerman: "bürger" → "buerger"); FTS5 lower-cases and removes the
 * remaining accents itself.
 */

export const MIN_PART = 3;
/** Longer tokens add nothing a query could ask for but cost index space. */
export const MAX_TOKEN = 32;
/** Beyond this many suffixes a "word" is not language (a URL, a hash): its tail is not split further. */
const MAX_SUFFIXES = 48;

const WORD = /[\p{L}\p{N}]+/gu;

export function wordParts(text: string): string {
  const out: string[] = [];
  for (const [word] of text.normalize("NFC").toLowerCase().matchAll(WORD)) {
    const chars = [...word];
    out.push(chars.slice(0, MAX_TOKEN).join(""));
    const last = Math.min(chars.length - MIN_PART, MAX_SUFFIXES);
    for (let i = 1; i <= last; i++) out.push(chars.slice(i, i + MAX_TOKEN).join(""));
  }
  return out.join(" ");
}

/** Splits a query term into the words FTS5 will see, each cut to the indexed token length. */
export function queryWords(term: string): string[] {
  return [...term.normalize("NFC").toLowerCase().matchAll(WORD)].map(([w]) => [...w].slice(0, MAX_TOKEN).join(""));
}
