import { describe, expect, it } from "vitest";
import { escapeXml, renderAtom, tagUri } from "~/feeds/atom";
import { csvCell, csvLine, toCsv } from "~/report/csv";
import { redactSecrets } from "~/server/http/redact.server";

describe("CSV cells for German Excel", () => {
  it("leaves plain text and numbers alone", () => {
    expect(csvCell("Digitalrathaus")).toBe("Digitalrathaus");
    expect(csvCell("Übergeben, 2 Stück")).toBe("Übergeben, 2 Stück");
    expect(csvCell(12)).toBe("12");
    expect(csvCell(-1)).toBe("-1");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("quotes separators, quotes and line breaks, doubling quotes", () => {
    expect(csvCell("A;B")).toBe('"A;B"');
    expect(csvCell('Das „Onlinezugangsgesetz" (OZG)')).toBe('"Das „Onlinezugangsgesetz"" (OZG)"');
    expect(csvCell("Zeile 1\nZeile 2")).toBe('"Zeile 1\nZeile 2"');
    expect(csvCell("a\r\nb")).toBe('"a\r\nb"');
  });

  it("neutralises formula injection with a leading apostrophe", () => {
    expect(csvCell("=SUMME(A1:A9)")).toBe("'=SUMME(A1:A9)");
    expect(csvCell("+49 361 123")).toBe("'+49 361 123");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@HYPERLINK")).toBe("'@HYPERLINK");
    expect(csvCell("\t=1")).toBe("'\t=1");
    // Neutralised and quoted at once: the apostrophe goes inside the quotes.
    expect(csvCell('=HYPERLINK("http://x";"y")')).toBe(`"'=HYPERLINK(""http://x"";""y"")"`);
    expect(csvCell("Kosten = 3")).toBe("Kosten = 3");
  });

  it("builds a file with BOM, semicolons and CRLF", () => {
    expect(csvLine(["a", 1, null, "b;c"])).toBe('a;1;;"b;c"');
    const file = toCsv(["Gruppe", "Mitglieder"], [["AG Ö", 3]]);
    expect(file).toBe("\uFEFFGruppe;Mitglieder\r\nAG Ö;3\r\n");
  });
});

describe("Atom escaping", () => {
  it("escapes markup and drops characters XML forbids", () => {
    expect(escapeXml(`<a href="x">&'</a>\u0001`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
  });

  it("renders entries with escaped titles and HTML content", () => {
    const xml = renderAtom({
      id: tagUri("https://ag.example:8443", "empfehlungen"),
      title: "A & B",
      selfUrl: "https://ag.example/feeds/x/empfehlungen.atom?a=1&b=2",
      alternateUrl: "https://ag.example/gruppen",
      updated: new Date(0),
      generator: "AG-Portal",
      entries: [{ id: "tag:ag.example,2026:dokument/1", title: "<Titel>", url: "https://ag.example/d/1", updated: new Date("2026-12-02T10:00:00Z"), author: null, contentHtml: "<p>1 &lt; 2</p>" }],
    });
    expect(xml).toContain("<id>tag:ag.example,2026:empfehlungen</id>");
    expect(xml).toContain('href="https://ag.example/feeds/x/empfehlungen.atom?a=1&amp;b=2"');
    expect(xml).toContain("<title type=\"text\">&lt;Titel&gt;</title>");
    expect(xml).toContain('<content type="html">&lt;p&gt;1 &amp;lt; 2&lt;/p&gt;</content>');
    expect(xml).toContain("<updated>2026-12-02T10:00:00.000Z</updated>");
  });
});

describe("log redaction", () => {
  it("removes feed tokens from logged URLs", () => {
    expect(redactSecrets("/feeds/abcdefgh/gruppen/x.atom")).toBe("/feeds/[entfernt]/gruppen/x.atom");
  });
});
