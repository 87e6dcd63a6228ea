import { describe, expect, it } from "vitest";
import { foldGerman } from "~/search/fold";
import { highlightExcerpt } from "~/search/highlight";
import { likePattern, parseSearchQuery, quoteTerm } from "~/search/query";

const match = (q: string) => {
  const parsed = parseSearchQuery(q);
  return parsed.ok ? parsed.match : parsed.reason;
};

describe("search query escaping", () => {
  it("quotes and ANDs plain terms, folded", () => {
    expect(match("Rathaus")).toBe('"rathaus"*');
    expect(match("digitales  Rathaus")).toBe('"digitales"* AND "rathaus"*');
    expect(match("Bürger BÜRGER Buerger")).toBe('"buerger"*');
    expect(match("Straße")).toBe('"strasse"*');
  });

  it.each([
    ["Rat*haus", '"rat"* AND "haus"*'],
    ['"Rathaus', '"rathaus"*'],
    ['Rat"haus"', '"rat"* AND "haus"*'],
    ["rathaus NEAR zugang", '"rathaus"* AND "near"* AND "zugang"*'],
    ["NEAR(rathaus zugang)", '"near"* AND "rathaus"* AND "zugang"*'],
    ["rathaus OR NOT zugang", '"rathaus"* AND "not"* AND "zugang"*'], // "or" is short: the LIKE fallback takes it
    ["-rathaus", '"rathaus"*'],
    ["^rathaus", '"rathaus"*'],
    ["title:rathaus", '"title"* AND "rathaus"*'],
    ["{title body}: rathaus", '"title"* AND "body"* AND "rathaus"*'],
    ["(rathaus)", '"rathaus"*'],
    ["rathaus +zugang", '"rathaus"* AND "zugang"*'],
    // FTS5 sees two words; the "e" has no token, so the whole term also goes to LIKE.
    ["E-Akte", '"akte"*'],
    ["Digital-Rathaus", '"digital"* AND "rathaus"*'],
    ["Ende.", '"ende"*'],
  ])("%s becomes plain terms", (input, expected) => {
    expect(match(input)).toBe(expected);
  });

  it("says empty when nothing is left", () => {
    for (const q of ["", "   ", '"""', "*", "()", "- -", "^:*"]) expect(parseSearchQuery(q)).toEqual({ ok: false, reason: "empty" });
  });

  it("refuses overlong input", () => {
    expect(parseSearchQuery("a".repeat(201))).toEqual({ ok: false, reason: "too_long" });
  });

  it("hands terms under 3 characters to the LIKE fallback", () => {
    expect(parseSearchQuery("KI")).toEqual({ ok: true, terms: ["ki"], words: [], match: null, short: ["ki"] });
    expect(parseSearchQuery("KI Chatbot")).toEqual({ ok: true, terms: ["ki", "chatbot"], words: ["chatbot"], match: '"chatbot"*', short: ["ki"] });
    expect(parseSearchQuery("E-Akte")).toMatchObject({ match: '"akte"*', short: ["e-akte"] });
    expect(parseSearchQuery("Digital-Rathaus")).toMatchObject({ short: [] });
    // "ä" is "ae" once folded: two characters.
    expect(parseSearchQuery("Ö")).toMatchObject({ match: null, short: ["oe"] });
  });

  it("caps the number of terms", () => {
    const parsed = parseSearchQuery("eins zwei drei vier fünf sechs sieben acht neun zehn");
    expect(parsed.ok && parsed.terms).toHaveLength(8);
  });

  it("doubles quotes inside a quoted term and escapes LIKE wildcards", () => {
    expect(quoteTerm('a"b')).toBe('"a""b"');
    expect(likePattern("50%_a\\")).toBe("%50\\%\\_a\\\\%");
  });
});

describe("German fold", () => {
  it("writes umlauts out and lower-cases ASCII", () => {
    expect(foldGerman("Übergabe an Ämter, Öffnung, Größe, ẞ")).toBe("uebergabe an aemter, oeffnung, groesse, ss");
  });
});

describe("highlighted excerpt", () => {
  it("marks the term in the original spelling", () => {
    expect(highlightExcerpt("Die Bürgerinnen im Digitalrathaus", ["buerger", "rathaus"])).toBe(
      "Die <mark>Bürger</mark>innen im Digital<mark>rathaus</mark>",
    );
  });

  it("escapes the text and only adds its own marks", () => {
    expect(highlightExcerpt('<script>alert("x")</script> Rathaus & <mark>', ["rathaus"])).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Rathaus</mark> &amp; &lt;mark&gt;",
    );
  });

  it("cuts long text around the first hit", () => {
    const text = `${"Wort ".repeat(100)}Onlinezugangsgesetz ${"Ende ".repeat(100)}`;
    const html = highlightExcerpt(text, ["zugang"], 120);
    expect(html).toContain("Online<mark>zugang</mark>sgesetz");
    expect(html.startsWith("… ")).toBe(true);
    expect(html.endsWith(" …")).toBe(true);
  });
});
