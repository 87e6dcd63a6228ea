import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { filterMembers, postJsonToText, textToPostJson } from "~/threads/mention-text";
import { parsePostBody, postBodyErrors, postPlainText, renderPostHtml, type PostBody } from "~/threads/post-body.server";

const members = [
  { id: 3, displayName: "Anna Schmidt" },
  { id: 4, displayName: "Jonas Weber" },
  { id: 7, displayName: "Dr. Claudia Berger" },
  { id: 9, displayName: "Anna Schmidt-Berg" },
];

type J = Record<string, unknown>;
const doc = (...content: J[]) => JSON.stringify({ type: "doc", content });
const p = (...content: J[]) => ({ type: "paragraph", content });
const text = (t: string, marks?: J[]) => ({ type: "text", text: t, ...(marks ? { marks } : {}) });
const link = (href: unknown, label = "hier") => text(label, [{ type: "link", attrs: { href } }]);

function ok(input: { json?: string | null; text?: string | null }): PostBody {
  const result = parsePostBody(input, members);
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.body;
}

function html(input: { json?: string | null; text?: string | null }): string {
  return renderPostHtml(ok(input).json);
}

/**
 * Inert, checked on the parsed markup (happy-dom, no scripts): only the
 * schema's elements, only their attributes (no event handlers, no style, no
 * src), every href http(s) or mailto.
 */
const window = new Window({ settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
const ALLOWED_TAGS = new Set(["P", "BR", "STRONG", "EM", "CODE", "A", "UL", "OL", "LI", "BLOCKQUOTE", "SPAN"]);
const ALLOWED_ATTRS = new Set(["href", "rel", "class", "data-type", "data-user-id", "start"]);
function expectInert(markup: string) {
  const wrap = window.document.createElement("div");
  wrap.innerHTML = markup;
  for (const el of wrap.querySelectorAll("*")) {
    expect(ALLOWED_TAGS.has(el.tagName), `element <${el.tagName}> in ${markup}`).toBe(true);
    for (const attr of el.attributes) {
      expect(ALLOWED_ATTRS.has(attr.name), `attribute ${attr.name} in ${markup}`).toBe(true);
      if (attr.name === "href") expect(attr.value).toMatch(/^(https?:\/\/[^\s]|mailto:[^\s])/);
      if (attr.name === "class") expect(["mention", "post-unreadable"]).toContain(attr.value);
    }
  }
}

describe("XSS corpus: typed as text", () => {
  const payloads = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">klick</a>',
    '"><iframe src="javascript:alert(1)"></iframe>',
    "<style>body{display:none}</style>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "javascript:alert(1)",
  ];
  for (const payload of payloads) {
    it(`renders ${JSON.stringify(payload)} as text (textarea and editor)`, () => {
      const viaText = html({ text: `Vorher ${payload} nachher` });
      expectInert(viaText);
      expect(viaText).toContain("Vorher");
      const viaJson = html({ json: doc(p(text(payload))) });
      expectInert(viaJson);
      // The text itself survives, escaped.
      expect(ok({ json: doc(p(text(payload))) }).text).toBe(payload);
    });
  }

  it("escapes the characters that matter", () => {
    expect(html({ text: `<b>"a" & 'b'</b>` })).toBe("<p>&lt;b&gt;\"a\" &amp; 'b'&lt;/b&gt;</p>");
  });
});

describe("XSS corpus: crafted editor JSON", () => {
  it("drops unknown node types (script, image, iframe, html) and keeps the rest", () => {
    const json = doc(
      p(text("sichtbar")),
      { type: "image", attrs: { src: "x", onerror: "alert(1)" } },
      { type: "script", content: [text("alert(1)")] },
      { type: "iframe", attrs: { src: "javascript:alert(1)" } },
      { type: "html", attrs: { html: "<img src=x onerror=alert(1)>" } },
    );
    const markup = html({ json });
    expectInert(markup);
    expect(markup).toBe("<p>sichtbar</p>");
  });

  it("drops unknown marks and attributes on known nodes", () => {
    const json = doc({
      type: "paragraph",
      attrs: { style: "background:url(javascript:alert(1))", onclick: "alert(1)", class: "evil", id: "x" },
      content: [
        text("a", [{ type: "bold", attrs: { onmouseover: "alert(1)", style: "color:red" } }]),
        text("b", [{ type: "textStyle", attrs: { style: "color:red" } }, { type: "highlight" }]),
        text("c", [{ type: "italic" }, { type: "italic" }]),
      ],
    });
    const markup = html({ json });
    expectInert(markup);
    expect(markup).toBe("<p><strong>a</strong>b<em>c</em></p>");
  });

  it("resolves mark combinations the schema excludes instead of refusing the post", () => {
    const json = doc(p(text("a", [{ type: "bold" }, { type: "code" }, { type: "link", attrs: { href: "https://a.de" } }])));
    expect(html({ json })).toBe("<p><code>a</code></p>");
  });

  it("refuses structures the schema does not allow (a paragraph in a paragraph)", () => {
    const json = doc(p({ type: "paragraph", content: [text("x")] }));
    expect(parsePostBody({ json }, members)).toEqual({ ok: false, error: postBodyErrors.invalid });
  });

  it("keeps only the start of an ordered list and checks it", () => {
    const item = { type: "listItem", content: [p(text("eins"))] };
    expect(html({ json: doc({ type: "orderedList", attrs: { start: 3, type: "a\" onclick=\"x" }, content: [item] }) })).toBe(
      '<ol start="3"><li><p>eins</p></li></ol>',
    );
    const bad = html({ json: doc({ type: "orderedList", attrs: { start: "1\" onclick=\"alert(1)" }, content: [item] }) });
    expectInert(bad);
  });

  const evilHrefs = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "  javascript:alert(1)",
    "\tjavascript:alert(1)",
    "\njavascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java script:alert(1)",
    "\u0000javascript:alert(1)",
    "java\u200bscript:alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)",
    "jav&#x09;ascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "/relative",
    "",
    null,
    42,
    { href: "https://x" },
  ];
  for (const href of evilHrefs) {
    it(`refuses the link ${JSON.stringify(href)}: the text stays, the link goes`, () => {
      const body = ok({ json: doc(p(text("Siehe "), link(href))) });
      expect(body.json).not.toContain('"link"');
      const markup = renderPostHtml(body.json);
      expectInert(markup);
      expect(markup).toBe("<p>Siehe hier</p>");
    });
  }

  it("keeps safe links, normalised, with rel and without target", () => {
    const markup = html({ json: doc(p(link(" HTTPS://beispiel.de/a?b=1"), text(" "), link("mailto:ag@beispiel.de", "Mail"))) });
    expect(markup).toContain('href="https://beispiel.de/a?b=1"');
    expect(markup).toContain('href="mailto:ag@beispiel.de"');
    expect(markup).toContain('rel="noopener noreferrer nofollow ugc"');
    expect(markup).not.toContain("target=");
    expectInert(markup);
  });

  it("drops link attributes other than href (target, class, title, rel)", () => {
    const json = doc(p(text("x", [{ type: "link", attrs: { href: "https://a.de", target: "_top", class: "mention", title: "t", rel: "opener" } }])));
    expect(html({ json })).toBe('<p><a rel="noopener noreferrer nofollow ugc" href="https://a.de">x</a></p>');
  });

  it("renders a stored JSON with an unsafe link inert too (defence when rendering)", () => {
    const stored = doc(p(link("javascript:alert(1)")));
    const markup = renderPostHtml(stored);
    expectInert(markup);
    expect(markup).toBe("<p>hier</p>");
  });

  it("refuses JSON that is not a post", () => {
    for (const json of ["{", "[]", '"text"', "null", JSON.stringify({ type: "paragraph" }), JSON.stringify({ type: "doc", content: [text("loose text")] })]) {
      const result = parsePostBody({ json }, members);
      expect(result, json).toEqual({ ok: false, error: postBodyErrors.invalid });
    }
  });

  it("refuses absurdly deep nesting", () => {
    let node: J = p(text("tief"));
    for (let i = 0; i < 200; i++) node = { type: "blockquote", content: [node] };
    expect(parsePostBody({ json: doc(node) }, members)).toEqual({ ok: false, error: postBodyErrors.invalid });
  });

  it("refuses huge input before parsing it", () => {
    const json = doc(p(text("x".repeat(250_000))));
    expect(parsePostBody({ json }, members)).toEqual({ ok: false, error: postBodyErrors.tooLong });
    expect(parsePostBody({ text: "y".repeat(1_000_000) }, members)).toEqual({ ok: false, error: postBodyErrors.tooLong });
  });

  it("renders a corrupt stored value as an escaped notice instead of throwing", () => {
    for (const stored of ["{kaputt", "", "null", JSON.stringify({ type: "doc", content: [{ type: "listItem", content: [p(text("x"))] }] }), "<script>alert(1)</script>"]) {
      const markup = renderPostHtml(stored);
      expect(markup).toBe('<p class="post-unreadable">Dieser Beitrag kann nicht angezeigt werden.</p>');
    }
    expect(postPlainText("{kaputt")).toBe("");
  });
});

describe("mentions", () => {
  const mention = (id: unknown, label: unknown) => ({ type: "mention", attrs: { id, label } });

  it("keeps a member's mention with the member's own name and reports the id once", () => {
    const body = ok({ json: doc(p(text("Hallo "), mention("3", "Anna"), text(" und "), mention(3, "Anna"), text("!"))) });
    expect(body.mentionedUserIds).toEqual([3]);
    expect(body.text).toBe("Hallo @Anna Schmidt und @Anna Schmidt!");
    expect(renderPostHtml(body.json)).toBe(
      '<p>Hallo <span data-type="mention" class="mention" data-user-id="3">@Anna Schmidt</span> und <span data-type="mention" class="mention" data-user-id="3">@Anna Schmidt</span>!</p>',
    );
  });

  it("turns the mention of a non-member into plain text without notifying", () => {
    const body = ok({ json: doc(p(text("Hallo "), mention("99", "Eve <img src=x onerror=alert(1)>"))) });
    expect(body.mentionedUserIds).toEqual([]);
    expect(body.json).not.toContain('"mention"');
    const markup = renderPostHtml(body.json);
    expectInert(markup);
    expect(markup).toBe("<p>Hallo @Eve &lt;img src=x onerror=alert(1)&gt;</p>");
  });

  it("treats malformed mention ids as non-members", () => {
    for (const id of [null, "", "3; drop", "-3", "3.5", 0, {}, "1e3"]) {
      const body = ok({ json: doc(p(mention(id, "Anna Schmidt"))) });
      expect(body.mentionedUserIds, String(id)).toEqual([]);
    }
  });

  it("renders stored mentions without trusting attributes beyond id and label", () => {
    const stored = doc(p({ type: "mention", attrs: { id: "3", label: "Anna", class: "x", onclick: "alert(1)", mentionSuggestionChar: "<b>" } }));
    const markup = renderPostHtml(stored);
    expectInert(markup);
    expect(markup).toBe('<p><span data-type="mention" class="mention" data-user-id="3">@Anna</span></p>');
  });

  it("recognises @Name typed into the editor without the popup, but not in code or e-mail addresses", () => {
    const body = ok({ json: doc(p(text("Frage an @jonas weber: "), text("@Anna Schmidt", [{ type: "code" }]), text(" mail an info@Anna Schmidt"))) });
    expect(body.mentionedUserIds).toEqual([4]);
    expect(body.text).toBe("Frage an @Jonas Weber: @Anna Schmidt mail an info@Anna Schmidt");
  });
});

describe("textarea fallback", () => {
  it("makes paragraphs on blank lines and keeps single line breaks", () => {
    const body = ok({ text: "Erster Absatz\nzweite Zeile\r\n\r\n\n  \nZweiter Absatz\n" });
    expect(renderPostHtml(body.json)).toBe("<p>Erster Absatz<br>zweite Zeile</p><p>Zweiter Absatz</p>");
    expect(body.text).toBe("Erster Absatz\nzweite Zeile\n\nZweiter Absatz");
  });

  it("turns @Vorname Nachname of members into mentions, the longest name first, case-insensitively", () => {
    const body = ok({ text: "@Anna Schmidt-Berg und @anna schmidt, bitte mit @Dr. Claudia Berger klären. @Max Muster ist nicht dabei." });
    expect(body.mentionedUserIds).toEqual([9, 3, 7]);
    const markup = renderPostHtml(body.json);
    expect(markup).toContain('data-user-id="9">@Anna Schmidt-Berg</span> und');
    expect(markup).toContain('data-user-id="3">@Anna Schmidt</span>, bitte');
    expect(markup).toContain("@Max Muster ist nicht dabei.");
  });

  it("links web addresses in the text, without the sentence's punctuation, and only http(s)", () => {
    const markup = renderPostHtml(ok({ text: "Siehe https://beispiel.de/leitfaden?x=1. Nicht javascript:alert(1) oder data:text/html,x" }).json);
    expect(markup).toBe(
      '<p>Siehe <a rel="noopener noreferrer nofollow ugc" href="https://beispiel.de/leitfaden?x=1">https://beispiel.de/leitfaden?x=1</a>. Nicht javascript:alert(1) oder data:text/html,x</p>',
    );
    expectInert(markup);
  });

  it("does not match a name that continues (@Anna Schmidtke) or an e-mail address", () => {
    const body = ok({ text: "@Anna Schmidtke und anna@Anna Schmidt" });
    expect(body.mentionedUserIds).toEqual([]);
  });

  it("prefers the editor's JSON when both arrive, and uses the text when the JSON is empty", () => {
    expect(ok({ json: doc(p(text("aus dem Editor"))), text: "aus dem Textfeld" }).text).toBe("aus dem Editor");
    expect(ok({ json: "", text: "aus dem Textfeld" }).text).toBe("aus dem Textfeld");
    expect(ok({ json: "   ", text: "aus dem Textfeld" }).text).toBe("aus dem Textfeld");
    expect(ok({ json: null, text: "aus dem Textfeld" }).text).toBe("aus dem Textfeld");
  });

  it("is the same reading as the browser's (textToPostJson) before the editor loaded", () => {
    expect(textToPostJson("a\n\nb @Jonas Weber", members)).toEqual({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "a" }] },
        { type: "paragraph", content: [{ type: "text", text: "b " }, { type: "mention", attrs: { id: "4", label: "Jonas Weber" } }] },
      ],
    });
  });
});

describe("editing without JavaScript", () => {
  it("shows a stored post as text that reads back to the same mentions and paragraphs", () => {
    const stored = ok({ text: "Hallo @Anna Schmidt,\nzweite Zeile\n\nNeuer Absatz" }).json;
    const text = postJsonToText(stored);
    expect(text).toBe("Hallo @Anna Schmidt,\nzweite Zeile\n\nNeuer Absatz");
    expect(ok({ text }).json).toBe(stored);
  });

  it("writes lists and quotes with markers", () => {
    const json = doc(
      { type: "bulletList", content: [{ type: "listItem", content: [p(text("eins"))] }, { type: "listItem", content: [p(text("zwei"))] }] },
      { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [p(text("drei"))] }] },
      { type: "blockquote", content: [p(text("Zitat"))] },
    );
    expect(postJsonToText(json)).toBe("- eins\n\n- zwei\n\n3. drei\n\n> Zitat");
    expect(postJsonToText("{kaputt")).toBe("");
  });
});

describe("empty and too long", () => {
  it("refuses empty posts", () => {
    for (const input of [{}, { text: "" }, { text: "  \n\n \t" }, { json: doc({ type: "paragraph" }) }, { json: doc(p(text("   ")), { type: "paragraph" }) }, { json: doc() }, { json: doc({ type: "script", content: [text("x")] }) }]) {
      expect(parsePostBody(input, members), JSON.stringify(input)).toEqual({ ok: false, error: "Bitte schreiben Sie einen Beitrag." });
    }
  });

  it("accepts 20,000 richly formatted characters (the JSON is much larger than the text)", () => {
    const words = Array.from({ length: 2_000 }, (_, i) => text(`wort${String(i).padStart(4, "0")} `, i % 2 ? [{ type: "bold" }, { type: "italic" }] : [{ type: "italic" }]));
    const json = doc(p(...words));
    expect(json.length).toBeGreaterThan(100_000);
    expect(ok({ json }).text.length).toBeLessThanOrEqual(20_000);
  });

  it("accepts 20,000 characters and refuses more", () => {
    expect(ok({ text: "a".repeat(20_000) }).text).toHaveLength(20_000);
    expect(parsePostBody({ text: "a".repeat(20_001) }, members)).toEqual({ ok: false, error: "Der Beitrag ist zu lang (höchstens 20.000 Zeichen)." });
    expect(parsePostBody({ json: doc(p(text("b".repeat(20_001)))) }, members)).toEqual({ ok: false, error: postBodyErrors.tooLong });
  });

  it("drops leading and trailing empty paragraphs of the editor", () => {
    const body = ok({ json: doc({ type: "paragraph" }, p(text("Inhalt")), { type: "paragraph" }, { type: "paragraph" }) });
    expect(renderPostHtml(body.json)).toBe("<p>Inhalt</p>");
  });
});

describe("rich text", () => {
  it("keeps bold, italic, code, lists, quotes and hard breaks", () => {
    const json = doc(
      p(text("fett", [{ type: "bold" }]), text(" "), text("kursiv", [{ type: "italic" }]), { type: "hardBreak" }, text("x()", [{ type: "code" }])),
      { type: "bulletList", content: [{ type: "listItem", content: [p(text("eins"))] }] },
      { type: "blockquote", content: [p(text("Zitat"))] },
    );
    const body = ok({ json });
    expect(renderPostHtml(body.json)).toBe(
      "<p><strong>fett</strong> <em>kursiv</em><br><code>x()</code></p><ul><li><p>eins</p></li></ul><blockquote><p>Zitat</p></blockquote>",
    );
    expect(body.text).toBe("fett kursiv\nx()\n\neins\n\nZitat");
  });

  it("drops headings and other nodes the post editor does not offer", () => {
    const markup = html({ json: doc({ type: "heading", attrs: { level: 1 }, content: [text("Titel")] }, p(text("Text"))) });
    expect(markup).toBe("<p>Text</p>");
  });
});

describe("suggestions", () => {
  it("filters members by name, word starts first, at most eight", () => {
    expect(filterMembers(members, "an").map((m) => m.displayName)).toEqual(["Anna Schmidt", "Anna Schmidt-Berg"]);
    expect(filterMembers(members, "ber").map((m) => m.displayName)).toEqual(["Anna Schmidt-Berg", "Dr. Claudia Berger", "Jonas Weber"]);
    const many = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, displayName: `Person ${i}` }));
    expect(filterMembers(many, "")).toHaveLength(8);
    expect(filterMembers(members, "zzz")).toEqual([]);
  });
});
