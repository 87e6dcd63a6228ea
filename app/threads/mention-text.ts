import { safeLinkHref } from "~/documents/safe-link";
import type { MentionMember } from "./post-extensions";

/**
 * Plain text → post JSON, and "@Vorname Nachname" → mention. Shared by the
 * server (the no-JavaScript textarea, names typed without the popup) and the
 * browser (text typed into the textarea before the editor loaded), so both
 * read a post the same way.
 */

export type PostJsonMark = { type: string; attrs?: Record<string, unknown> };
export type PostJsonNode = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PostJsonNode[];
  text?: string;
  marks?: PostJsonMark[];
};

export const MAX_SUGGESTIONS = 8;

const WORD_CHAR = /[\p{L}\p{N}_]/u;
// Before an "@": a letter, digit or address character means an e-mail address, not a mention.
const ADDRESS_CHAR = /[\p{L}\p{N}_.+\-@]/u;

function fold(s: string) {
  return s.toLocaleLowerCase("de-DE");
}

export function mentionNode(member: MentionMember): PostJsonNode {
  return { type: "mention", attrs: { id: String(member.id), label: member.displayName } };
}

/**
 * One line of text as inline nodes: text, with "@Name" of a member turned into
 * a mention (longest name first, so "@Anna Schmidt-Berg" beats "@Anna Schmidt";
 * case-insensitive, the stored label is the member's own spelling).
 */
export function mentionizeText(text: string, members: MentionMember[], marks?: PostJsonMark[]): PostJsonNode[] {
  const byLength = members.filter((m) => m.displayName.trim()).sort((a, b) => b.displayName.length - a.displayName.length);
  const out: PostJsonNode[] = [];
  let plain = "";
  const flush = () => {
    if (plain) out.push(marks?.length ? { type: "text", text: plain, marks } : { type: "text", text: plain });
    plain = "";
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "@" && (i === 0 || !ADDRESS_CHAR.test(text[i - 1]))) {
      const rest = fold(text.slice(i + 1, i + 1 + (byLength[0]?.displayName.length ?? 0) + 1));
      const member = byLength.find((m) => {
        const name = fold(m.displayName);
        if (!rest.startsWith(name)) return false;
        const after = text[i + 1 + m.displayName.length];
        return after === undefined || !WORD_CHAR.test(after);
      });
      if (member) {
        flush();
        const node = mentionNode(member);
        out.push(marks?.length ? { ...node, marks } : node);
        i += 1 + member.displayName.length;
        continue;
      }
    }
    plain += ch;
    i += 1;
  }
  flush();
  return out;
}

// An address typed as text; closing punctuation after it belongs to the sentence.
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"»“]+$/;

/** One line: web addresses as links (as the editor's autolink does), the rest with mentions. */
function lineToInline(line: string, members: MentionMember[]): PostJsonNode[] {
  const out: PostJsonNode[] = [];
  let last = 0;
  for (const match of line.matchAll(URL_IN_TEXT)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, "");
    const href = safeLinkHref(url);
    if (!href) continue;
    out.push(...mentionizeText(line.slice(last, match.index), members));
    out.push({ type: "text", text: url, marks: [{ type: "link", attrs: { href } }] });
    last = match.index + url.length;
  }
  out.push(...mentionizeText(line.slice(last), members));
  return out;
}

/**
 * The textarea's text as a post: paragraphs on blank lines, single line breaks
 * kept as hard breaks, member names after "@" as mentions, web addresses as links.
 */
export function textToPostJson(text: string, members: MentionMember[]): PostJsonNode {
  const normalised = text.replace(/\r\n?/g, "\n");
  const paragraphs = normalised
    .split(/\n[ \t]*\n\s*/)
    .map((p) => p.replace(/^\s*\n|\s+$/g, ""))
    .filter((p) => p.trim() !== "");
  const content: PostJsonNode[] = paragraphs.map((p) => {
    const inline: PostJsonNode[] = [];
    p.split("\n").forEach((line, index) => {
      if (index > 0) inline.push({ type: "hardBreak" });
      inline.push(...lineToInline(line, members));
    });
    return inline.length ? { type: "paragraph", content: inline } : { type: "paragraph" };
  });
  return { type: "doc", content: content.length ? content : [{ type: "paragraph" }] };
}

/**
 * Members for the suggestion popup: names containing the query (case-insensitive),
 * those where a word starts with it first, at most eight.
 */
export function filterMembers(members: MentionMember[], query: string, max = MAX_SUGGESTIONS): MentionMember[] {
  const q = fold(query.trim());
  const scored = members
    .map((m) => {
      const name = fold(m.displayName);
      if (!q) return { m, score: 1 };
      if (name.startsWith(q)) return { m, score: 0 };
      if (name.split(/[\s-]+/).some((w) => w.startsWith(q))) return { m, score: 1 };
      return name.includes(q) ? { m, score: 2 } : null;
    })
    .filter((x): x is { m: MentionMember; score: number } => x !== null);
  scored.sort((a, b) => a.score - b.score || a.m.displayName.localeCompare(b.m.displayName, "de"));
  return scored.slice(0, max).map((x) => x.m);
}

/**
 * A stored post as textarea text (editing without JavaScript), in the form
 * textToPostJson reads back: blocks separated by blank lines, hard breaks as
 * line breaks, mentions as "@Name", list items with "- " or "1. ", quotes with "> ".
 */
export function postJsonToText(json: string): string {
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch {
    return "";
  }
  const inline = (node: PostJsonNode): string => {
    if (node.type === "text") return typeof node.text === "string" ? node.text : "";
    if (node.type === "mention") return `@${String(node.attrs?.label ?? "")}`;
    if (node.type === "hardBreak") return "\n";
    return (node.content ?? []).map(inline).join("");
  };
  const blocks = (node: PostJsonNode, prefix: string): string[] => {
    const children = Array.isArray(node.content) ? node.content : [];
    switch (node.type) {
      case "doc":
        return children.flatMap((c) => blocks(c, prefix));
      case "blockquote":
        return children.flatMap((c) => blocks(c, `${prefix}> `));
      case "bulletList":
      case "orderedList":
        return children.flatMap((item, i) => {
          const marker = node.type === "bulletList" ? "- " : `${Number(node.attrs?.start ?? 1) + i}. `;
          const [first = "", ...rest] = (item.content ?? []).flatMap((c) => blocks(c, ""));
          return [`${prefix}${marker}${first}`, ...rest.map((r) => `${prefix}${r}`)];
        });
      case "paragraph":
        return [`${prefix}${inline(node).replace(/\n/g, `\n${prefix}`)}`];
      default:
        return [];
    }
  };
  return typeof root === "object" && root !== null ? blocks(root as PostJsonNode, "").join("\n\n") : "";
}
