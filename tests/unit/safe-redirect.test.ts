import { describe, expect, it } from "vitest";
import { safeRedirect } from "../../app/auth/safe-redirect";

const ORIGIN = "http://localhost:3000";

/** Targets that would leave the portal in a browser, or read otherwise than they resolve. */
const hostile: [string, string][] = [
  ["a tab (browsers drop it: //evil)", "/\t/evil.example"],
  ["a tab before the slashes", "\t//evil.example"],
  ["a carriage return", "/\r/evil.example"],
  ["a line feed", "/\n/evil.example"],
  ["CR LF (header splitting)", "/\r\nSet-Cookie: x=1"],
  ["a backslash (read as /)", "/\\evil.example"],
  ["a backslash later in the path", "/gruppen\\..\\..\\\\evil.example"],
  ["a protocol-relative URL", "//evil.example"],
  ["three slashes", "///evil.example"],
  ["a dot segment that resolves to //", "/.//evil.example"],
  ["a dot-dot segment that resolves to //", "/gruppen/..//evil.example"],
  ["a percent-encoded dot segment that resolves to //", "/%2e//evil.example"],
  ["an absolute URL elsewhere", "https://evil.example/"],
  ["an absolute URL of the portal (never made by the portal)", `${ORIGIN}/gruppen`],
  ["a javascript: URL", "javascript:alert(1)"],
  ["a data: URL", "data:text/html,<script>alert(1)</script>"],
  ["a relative path without the leading slash", "evil.example"],
  ["an ideographic space U+3000", "/\u3000/evil.example"],
  ["a byte order mark U+FEFF", "/\uFEFF/evil.example"],
  ["a line separator U+2028", "/\u2028/evil.example"],
  ["a paragraph separator U+2029", "/\u2029/evil.example"],
  ["a no-break space U+00A0", "/\u00A0/evil.example"],
  ["a plain space", "/ /evil.example"],
  ["NUL", "/\u0000/evil.example"],
  ["DEL", "/\u007F/evil.example"],
  ["a C1 control U+0085 (next line)", "/\u0085/evil.example"],
  ["a C1 control U+009B", "/\u009B/evil.example"],
  ["a zero-width space U+200B", "/\u200B/evil.example"],
  ["a right-to-left override U+202E", "/\u202Elpmaxe.live"],
  ["a Hangul filler U+3164", "/\u3164/evil.example"],
  ["a lone surrogate", "/\uD800/evil.example"],
  ["nothing", ""],
];

describe("safeRedirect refuses targets that could leave the portal", () => {
  it.each(hostile)("refuses %s", (_what, target) => {
    expect(safeRedirect(target, ORIGIN)).toBe("/");
    expect(safeRedirect(target, "https://portal.example.de", "/benachrichtigungen")).toBe("/benachrichtigungen");
  });

  it.each([null, undefined])("refuses %s", (target) => {
    expect(safeRedirect(target, ORIGIN)).toBe("/");
  });
});

describe("safeRedirect keeps paths on the portal", () => {
  it.each([
    ["/", "/"],
    ["/gruppen", "/gruppen"],
    ["/gruppen/digitales-rathaus/diskussion?seite=2#beitrag-5", "/gruppen/digitales-rathaus/diskussion?seite=2#beitrag-5"],
    ["/x//y", "/x//y"],
    // An encoded tab is no tab: the browser asks the portal for that path (a 404), it never drops it.
    ["/%09/evil.example", "/%09/evil.example"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/gruppen/../suche", "/suche"],
    // Letters outside ASCII come back percent-encoded: a Location header takes only ASCII.
    ["/suche?q=Bürgerämter€", "/suche?q=B%C3%BCrger%C3%A4mter%E2%82%AC"],
    ["/gruppen/€", "/gruppen/%E2%82%AC"],
  ])("%s → %s", (target, expected) => {
    expect(safeRedirect(target, ORIGIN)).toBe(expected);
  });

  it("answers, for every target of the corpus, a path a browser resolves to the portal", () => {
    const targets = [...hostile.map(([, t]) => t), "/gruppen", "/%09/evil.example", "/suche?q=ä"];
    for (const target of targets) {
      const result = safeRedirect(target, ORIGIN);
      expect(result).toMatch(/^\/(?!\/)[\x21-\x7E]*$/);
      expect(new URL(result, "https://some-other-page.example/a/b").host).toBe("some-other-page.example");
      expect(new URL(result, ORIGIN).origin).toBe(ORIGIN);
    }
  });
});
