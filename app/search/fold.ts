/**
 * German spelling fold shared by the search index and the queries: umlauts are
 * written out (ä → ae, ß → ss) and ASCII is lower-cased, so "Bürger",
 * "Buerger" and "BÜRGER" become the same text. Must stay identical to the fold
 * written in SQL in migrations/0006_search_index.sql (nested replace + lower):
 * the triggers fold what is indexed, this folds what is asked.
 * Case of other letters and accents (é) are left to the trigram tokenizer
 * (case-insensitive, remove_diacritics 1).
 */
const UMLAUTS: Record<string, string> = { Ä: "ae", Ö: "oe", Ü: "ue", ä: "ae", ö: "oe", ü: "ue", ß: "ss", ẞ: "ss" };

export function foldGerman(text: string): string {
  return text.replace(/[ÄÖÜäöüßẞ]/g, (c) => UMLAUTS[c]).replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/**
 * A looser per-character fold for finding where a term occurs in the original
 * text (highlighting): like foldGerman, plus full lower case and accents
 * removed, as the tokenizer compares. Returns the folded text and, for each of
 * its characters, the index of the original character it came from.
 */
export function foldWithMap(text: string): { folded: string; origin: number[] } {
  let folded = "";
  const origin: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) origin.push(i);
    folded += f;
    i += ch.length;
  }
  return { folded, origin };
}

// Highlighting folds every character of up to a few KB per hit: normalize() per character
// was most of a search's time, so ASCII takes a short path and other characters are cached.
const foldedChars = new Map<string, string>();
function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
  let f = foldedChars.get(ch);
  if (f === undefined) {
    f = UMLAUTS[ch] ?? ch.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    if (foldedChars.size < 10_000) foldedChars.set(ch, f);
  }
  return f;
}

/** The same loose fold for a search term. */
export function looseFold(term: string): string {
  return foldWithMap(term).folded;
}
