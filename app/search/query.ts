import { foldGerman } from "./fold";
import { MIN_PART, queryWords } from "./word-parts";

/**
 * Turns what someone typed into the search box into a safe FTS5 query.
 * User input never reaches MATCH raw: it is split into terms, FTS5 syntax
 * characters are dropped, every term is folded (fold.ts) and split into the
 * words FTS5 sees (word-parts.ts); each word of at least 3 characters is
 * quoted as an FTS5 string and asked as a prefix ("rathaus"*: the start of a
 * word or of one of its indexed suffixes), and everything is ANDed.
 * Operators typed as words (AND, OR, NOT, NEAR) are plain terms then.
 * A term with a word under 3 characters ("KI", the "E" of "E-Akte") has no
 * token to ask for: the whole term goes to a LIKE filter on the folded text
 * instead (`short`).
 */

export const MAX_QUERY_LENGTH = 200;
export const MAX_TERMS = 8;

export type ParsedQuery =
  | { ok: true; terms: string[]; words: string[]; match: string | null; short: string[] }
  | { ok: false; reason: "empty" | "too_long" };

/** Characters with a meaning in FTS5 query syntax (and a few separators): they split terms. */
const SYNTAX = /["*^:(){}[\]+,;!?<>=|\\]/g;

export function parseSearchQuery(raw: string): ParsedQuery {
  if (raw.length > MAX_QUERY_LENGTH) return { ok: false, reason: "too_long" };
  const terms: string[] = [];
  for (const piece of raw.replace(SYNTAX, " ").split(/\s+/)) {
    // A leading or trailing "-" or "." is an operator or punctuation, not part of the word ("-foo", "Ende.").
    const term = foldGerman(piece.replace(/^[-.']+|[-.']+$/g, "")).trim();
    if (term && !terms.includes(term)) terms.push(term);
    if (terms.length === MAX_TERMS) break;
  }
  if (terms.length === 0) return { ok: false, reason: "empty" };
  const words: string[] = [];
  const short: string[] = [];
  for (const term of terms) {
    const parts = queryWords(term);
    for (const w of parts) if ([...w].length >= MIN_PART && !words.includes(w)) words.push(w);
    if (parts.length === 0 || parts.some((w) => [...w].length < MIN_PART)) short.push(term);
  }
  return { ok: true, terms, words, match: matchOf(words), short };
}

/** The FTS5 query for index words: each a quoted prefix, all ANDed; null for none. */
export function matchOf(words: string[]): string | null {
  return words.length ? words.map((w) => `${quoteTerm(w)}*`).join(" AND ") : null;
}

/** An FTS5 string: everything inside double quotes is literal; a quote is written twice. */
export function quoteTerm(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** A LIKE pattern that finds the term anywhere, with LIKE's own wildcards escaped (ESCAPE '\'). */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
