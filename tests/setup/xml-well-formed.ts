/**
 * Why a text is not well-formed XML 1.0, as a strict parser (Word, a feed
 * reader) would refuse it; [] when it is. The project has no XML library, and
 * a check of matching tags alone misses what breaks feeds and Word files in
 * practice: characters XML forbids (U+0001, U+FFFE), stray `&`, character
 * references to forbidden characters (`&#1;`), `]]>` in text. Covers what the
 * portal writes: declaration, elements, attributes, text, references,
 * comments, CDATA; a DOCTYPE is reported, not parsed.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  for (const ch of xml) if (!isXmlChar(ch.codePointAt(0)!)) problems.push(`forbidden character U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`);
  const open: string[] = [];
  let roots = 0;
  let pos = 0;
  const fail = (what: string) => problems.push(`${what} at ${pos}: ${JSON.stringify(xml.slice(pos, pos + 40))}`);
  while (pos < xml.length) {
    const lt = xml.indexOf("<", pos);
    const text = xml.slice(pos, lt === -1 ? xml.length : lt);
    if (text) {
      if (!open.length && text.trim()) fail("text outside the root element");
      if (text.includes("]]>")) fail("]]> in text");
      checkReferences(text, fail);
    }
    if (lt === -1) break;
    pos = lt;
    /** The position after a construct that runs from `start` to `end` (a comment, CDATA, a processing instruction). */
    const skip = (start: string, end: string) => {
      const close = xml.indexOf(end, pos + start.length);
      if (close === -1) {
        fail(`${start} without ${end}`);
        return xml.length;
      }
      if (start === "<!--" && xml.slice(pos + 4, close).includes("--")) fail("-- inside a comment");
      return close + end.length;
    };
    if (xml.startsWith("<?", pos)) pos = skip("<?", "?>");
    else if (xml.startsWith("<!--", pos)) pos = skip("<!--", "-->");
    else if (xml.startsWith("<![CDATA[", pos)) {
      if (!open.length) fail("CDATA outside the root element");
      pos = skip("<![CDATA[", "]]>");
    } else if (xml.startsWith("<!", pos)) {
      fail("DOCTYPE or declaration (not expected)");
      pos = skip("<!", ">");
    } else if (xml.startsWith("</", pos)) {
      const m = /^<\/([A-Za-z_:][-\w:.]*)\s*>/.exec(xml.slice(pos));
      if (!m) fail("broken end tag");
      else if (open.pop() !== m[1]) fail(`</${m[1]}> does not close the open element`);
      pos += m ? m[0].length : 2;
    } else {
      const m = /^<([A-Za-z_:][-\w:.]*)((?:\s+[A-Za-z_:][-\w:.]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(xml.slice(pos));
      if (!m) {
        fail("broken start tag");
        pos += 1;
        continue;
      }
      const names = [...m[2].matchAll(/([A-Za-z_:][-\w:.]*)\s*=\s*("[^"]*"|'[^']*')/g)];
      if (new Set(names.map((a) => a[1])).size !== names.length) fail(`repeated attribute in <${m[1]}>`);
      for (const [, , value] of names) checkReferences(value.slice(1, -1), fail);
      if (!open.length && ++roots > 1) fail("a second root element");
      if (!m[3]) open.push(m[1]);
      pos += m[0].length;
    }
  }
  if (open.length) problems.push(`not closed: ${open.join(" > ")}`);
  if (roots === 0) problems.push("no root element");
  return problems;
}

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function checkReferences(text: string, fail: (what: string) => void) {
  for (const m of text.matchAll(/&([^;&\s]*)(;?)/g)) {
    const [, name, semicolon] = m;
    const numeric = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(name);
    if (!semicolon || !(numeric || ["lt", "gt", "amp", "quot", "apos"].includes(name))) fail(`bad reference &${name}${semicolon}`);
    else if (numeric && !isXmlChar(numeric[1] ? parseInt(numeric[1], 16) : Number(numeric[2]))) fail(`reference to a forbidden character &${name};`);
  }
}

/** The text of XML character data: the five entities and character references decoded. */
export function xmlText(escaped: string): string {
  const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
  return escaped.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_, ref: string) =>
    ref.startsWith("#x") ? String.fromCodePoint(parseInt(ref.slice(2), 16)) : ref.startsWith("#") ? String.fromCodePoint(Number(ref.slice(1))) : named[ref],
  );
}
