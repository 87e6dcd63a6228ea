import { foldGerman } from "./fold";

/**
 * Turns what someone typed into the search box into a safe FTS5 query.
 * User input never reaches MATCH raw: it is split into terms, FTS5 syntax
 * characters are dropped, every term is folded (fold.ts) and quoted as an
 * FTS5 string ("…" with inner quotes doubled), and the terms are ANDed.
 * Operators typed as words (AND, OR, NOT, NEAR) are plain terms then.
 * The trigram tokenizer cannot match terms under 3 characters: those go to a
 * LIKE filter on the folded text instead (`short`).
 */

export const MAX_QUERY_LENGTH = 200;
export const MAX_TERMS = 8;
/** Shortest term the trigram index can answer. */
export const MIN_TRIGRAM_LENGTH = 3;

export type ParsedQuery =
  | { ok: true; terms: string[]; match: string | null; short: string[] }
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
  const long = terms.filter((t) => [...t].length >= MIN_TRIGRAM_LENGTH);
  const short = terms.filter((t) => [...t].length < MIN_TRIGRAM_LENGTH);
  return { ok: true, terms, match: long.length ? long.map(quoteTerm).join(" AND ") : null, short };
}

/** An FTS5 string: everything inside double quotes is literal; a quote is written twice. */
export function quoteTerm(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** A LIKE pattern that finds the term anywhere, with LIKE's own wildcards escaped (ESCAPE '\'). */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
