import { describe, expect, it } from "vitest";
import { headingAnchor, listHeadings } from "~/documents/heading-anchor";

describe("headingAnchor", () => {
  it("lowercases, spells out umlauts and ß, joins words with one hyphen, prefixes abschnitt-", () => {
    expect(headingAnchor("Ziele")).toBe("abschnitt-ziele");
    expect(headingAnchor("Übergabe an das Ministerium")).toBe("abschnitt-uebergabe-an-das-ministerium");
    expect(headingAnchor("Größe & Maßnahmen (2026)")).toBe("abschnitt-groesse-massnahmen-2026");
    expect(headingAnchor("ÄÖÜ äöü")).toBe("abschnitt-aeoeue-aeoeue");
    expect(headingAnchor("  Café – Résumé!  ")).toBe("abschnitt-cafe-resume");
  });

  it("never yields characters that need escaping in an id or URL fragment", () => {
    for (const text of ['<script>"x"</script>', "a/b?c#d", "Emoji 🎉 Text", "\u200Bunsichtbar\u0000", "x".repeat(500)]) {
      expect(headingAnchor(text)).toMatch(/^abschnitt(-[a-z0-9]+)*$/);
      expect(headingAnchor(text).length).toBeLessThanOrEqual("abschnitt-".length + 80);
    }
  });

  it("gives headings without letters or digits the bare prefix", () => {
    expect(headingAnchor("")).toBe("abschnitt");
    expect(headingAnchor("–!?")).toBe("abschnitt");
  });

  it("is stable: the same text always gives the same anchor", () => {
    expect(headingAnchor("Offene Punkte")).toBe(headingAnchor("Offene Punkte"));
    expect(headingAnchor("Offene  Punkte")).toBe(headingAnchor("offene punkte"));
  });
});

describe("listHeadings", () => {
  const h = (level: number, ...parts: string[]) => ({
    type: "heading",
    attrs: { level },
    content: parts.map((text, i) => ({ type: "text", text, ...(i === 1 ? { marks: [{ type: "bold" }] } : {}) })),
  });

  it("lists headings in document order with level, text and a unique anchor", () => {
    const doc = {
      type: "doc",
      content: [
        h(3, "Ausgangslage"),
        { type: "paragraph", content: [{ type: "text", text: "Text" }] },
        h(4, "Offene ", "Fragen"),
        h(3, "Ausgangslage"),
        { type: "blockquote", content: [h(4, "Zitat  im   Kasten")] },
        h(3, "Ausgangslage"),
      ],
    };
    expect(listHeadings(doc)).toEqual([
      { level: 3, text: "Ausgangslage", anchor: "abschnitt-ausgangslage" },
      { level: 4, text: "Offene Fragen", anchor: "abschnitt-offene-fragen" },
      { level: 3, text: "Ausgangslage", anchor: "abschnitt-ausgangslage-2" },
      { level: 4, text: "Zitat im Kasten", anchor: "abschnitt-zitat-im-kasten" },
      { level: 3, text: "Ausgangslage", anchor: "abschnitt-ausgangslage-3" },
    ]);
  });

  it("is empty for an empty or missing document", () => {
    expect(listHeadings(null)).toEqual([]);
    expect(listHeadings({ type: "doc", content: [] })).toEqual([]);
  });
});
