import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { foldGerman } from "~/search/fold";
import { MAX_TOKEN, queryWords, wordParts } from "~/search/word-parts";

describe("word parts for the search index", () => {
  it("indexes every word and each suffix of at least 3 characters", () => {
    expect(wordParts("Digitalrathaus")).toBe("digitalrathaus igitalrathaus gitalrathaus italrathaus talrathaus alrathaus lrathaus rathaus athaus thaus haus aus");
    expect(wordParts("Amt und KI")).toBe("amt und ki");
  });

  it("splits words where FTS5's unicode61 tokenizer splits them", () => {
    expect(wordParts("E-Akte, §5 (neu)")).toBe("e akte kte 5 neu");
    expect(queryWords("E-Akte")).toEqual(["e", "akte"]);
    // A decomposed umlaut is one letter after composing, not a separator.
    expect(wordParts("Mu\u0308ller")).toBe("müller üller ller ler");
  });

  it("bounds what a very long 'word' adds", () => {
    const tokens = wordParts("x".repeat(5000)).split(" ");
    expect(tokens.length).toBeLessThanOrEqual(49);
    for (const t of tokens) expect([...t].length).toBeLessThanOrEqual(MAX_TOKEN);
  });

  // The point of the whole scheme, checked against SQLite itself: a word part is the prefix of a token.
  it("lets an FTS5 prefix query find parts of compound words", () => {
    const db = new Database(":memory:");
    db.exec("CREATE VIRTUAL TABLE f USING fts5(body, content='', contentless_delete=1, prefix='3', tokenize='unicode61 remove_diacritics 2')");
    const texts = ["Das Onlinezugangsgesetz gilt.", "Ein Digitalrathaus für alle.", "Die Bürgerämter öffnen.", "Nichts davon."];
    texts.forEach((t, i) => db.prepare("INSERT INTO f (rowid, body) VALUES (?, ?)").run(i + 1, wordParts(foldGerman(t))));
    const find = (q: string) => db.prepare("SELECT rowid FROM f WHERE f MATCH ? ORDER BY rowid").pluck().all(q);
    expect(find('"zugang"*')).toEqual([1]);
    expect(find('"rathaus"*')).toEqual([2]);
    expect(find('"gesetz"*')).toEqual([1]);
    // Text and query are folded first (ä → ae), as search_docs and parseSearchQuery do.
    expect(find('"aemter"*')).toEqual([3]);
    expect(find('"amt"*')).toEqual([]);
    expect(find('"davon"*')).toEqual([4]);
  });
});
