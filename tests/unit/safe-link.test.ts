import { describe, expect, it } from "vitest";
import { completeLinkInput, isSafeLink, safeLinkHref } from "~/documents/safe-link";

describe("safe links", () => {
  it("allows http, https and mailto, with the scheme lowercased", () => {
    expect(safeLinkHref("https://www.thueringen.de/egov")).toBe("https://www.thueringen.de/egov");
    expect(safeLinkHref("  HTTP://example.org/a?b=c#d ")).toBe("http://example.org/a?b=c#d");
    expect(safeLinkHref("HtTpS://example.org")).toBe("https://example.org");
    expect(safeLinkHref("mailto:poststelle@tmik.thueringen.de")).toBe("mailto:poststelle@tmik.thueringen.de");
    expect(safeLinkHref("MAILTO:a@b.de")).toBe("mailto:a@b.de");
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\u0000script:alert(1)",
    "\u0001javascript:alert(1)",
    "java\u200Bscript:alert(1)",
    "java script:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org",
    "/gruppen/digitales-rathaus",
    "//evil.example",
    "https://",
    "http:",
    "mailto:",
    "",
    "   ",
  ])("refuses %j", (href) => {
    expect(safeLinkHref(href)).toBeNull();
    expect(isSafeLink(href)).toBe(false);
  });

  it("refuses what is not a string", () => {
    expect(isSafeLink(undefined)).toBe(false);
    expect(isSafeLink(null)).toBe(false);
    expect(isSafeLink(42)).toBe(false);
  });

  it("completes what a person types into the link field", () => {
    expect(completeLinkInput("www.thueringen.de")).toBe("https://www.thueringen.de");
    expect(completeLinkInput("name@beispiel.de")).toBe("mailto:name@beispiel.de");
    expect(completeLinkInput("https://example.org/x")).toBe("https://example.org/x");
    expect(completeLinkInput(" JavaScript:alert(1)")).toBeNull();
    expect(completeLinkInput("java\tscript:alert(1)")).toBeNull();
    expect(completeLinkInput("data:text/html,x")).toBeNull();
    expect(completeLinkInput("")).toBeNull();
  });
});
