import { getSchema, getText, getTextSerializersFromSchema } from "@tiptap/core";
import { Mark as PMMark, Node as PMNode } from "@tiptap/pm/model";
import { safeLinkHref } from "~/documents/safe-link";
import { schemaHtmlSerializer } from "~/documents/schema-html.server";
import { postTexts } from "~/i18n/posts";
import { mentionizeText, textToPostJson, type PostJsonMark, type PostJsonNode } from "./mention-text";
import { postExtensions, type MentionMember } from "./post-extensions";

/**
 * A post's content from the form to the database and back to HTML.
 * Whatever arrives (the editor's JSON or the textarea's text) is rebuilt
 * node by node from the post schema: only known nodes, marks and attributes
 * survive, links pass the safe-link check, mentions name only members. What
 * is stored is that rebuilt JSON, never the input.
 */

export type PostBody = { json: string; text: string; mentionedUserIds: number[] };

export const MAX_POST_CHARS = 20_000;
/**
 * The editor's JSON is several times the text (each formatted word is a node
 * with its marks); 200 KB leaves room for 20,000 richly formatted characters.
 */
export const MAX_POST_JSON_BYTES = 200_000;
/** Deeper nesting than this is not something the editor produces (lists in quotes in lists …). */
const MAX_DEPTH = 24;

export const postBodyErrors = postTexts.errors;

const extensions = postExtensions();
const schema = getSchema(extensions);
const textSerializers = getTextSerializersFromSchema(schema);

const ALLOWED_MARKS = new Set(["bold", "italic", "code", "link"]);
const ALLOWED_NODES = new Set(["doc", "paragraph", "text", "hardBreak", "bulletList", "orderedList", "listItem", "blockquote", "mention"]);

class InvalidPost extends Error {}

type Mentions = { members: Map<number, MentionMember> } | "keep";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Known marks with their checked attributes; a link to an unsafe address loses
 * its mark, the text stays. Combinations the schema excludes (code with bold)
 * are resolved the way the editor would, by ProseMirror's addToSet.
 */
function cleanMarks(raw: unknown): PostJsonMark[] {
  if (!Array.isArray(raw)) return [];
  let set: readonly PMMark[] = PMMark.none;
  for (const m of raw) {
    if (!isRecord(m) || typeof m.type !== "string" || !ALLOWED_MARKS.has(m.type)) continue;
    if (m.type === "link") {
      const href = safeLinkHref(isRecord(m.attrs) ? m.attrs.href : null);
      if (href) set = schema.mark("link", { href }).addToSet(set);
    } else {
      set = schema.mark(m.type).addToSet(set);
    }
  }
  return set.map((mark) => (mark.type.name === "link" ? { type: "link", attrs: { href: mark.attrs.href as string } } : { type: mark.type.name }));
}

function mentionId(value: unknown): number | null {
  const id = typeof value === "number" ? value : typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** One input node as zero or more clean nodes (unknown node types are dropped with their content). */
function cleanNode(raw: unknown, mentions: Mentions, depth: number): PostJsonNode[] {
  if (depth > MAX_DEPTH) throw new InvalidPost("too deep");
  if (!isRecord(raw) || typeof raw.type !== "string" || !ALLOWED_NODES.has(raw.type)) return [];
  const type = raw.type;
  const marks = cleanMarks(raw.marks);

  if (type === "text") {
    if (typeof raw.text !== "string" || raw.text === "") return [];
    // Names typed without the popup become mentions too, except in code.
    if (mentions !== "keep" && !marks.some((m) => m.type === "code")) {
      return mentionizeText(raw.text, [...mentions.members.values()], marks);
    }
    return [marks.length ? { type, text: raw.text, marks } : { type, text: raw.text }];
  }

  if (type === "mention") {
    const attrs = isRecord(raw.attrs) ? raw.attrs : {};
    const id = mentionId(attrs.id);
    const label = typeof attrs.label === "string" ? attrs.label.slice(0, 200) : "";
    if (mentions === "keep") {
      // Stored posts were checked when saved; rendering only needs a well-formed node.
      if (id === null) return label ? [{ type: "text", text: `@${label}` }] : [];
      return [{ type, attrs: { id: String(id), label }, ...(marks.length ? { marks } : {}) }];
    }
    const member = id === null ? undefined : mentions.members.get(id);
    // Not a member of the group: the name stays as plain text and nobody is notified.
    if (!member) return [{ type: "text", text: `@${label}`, ...(marks.length ? { marks } : {}) }];
    return [{ type, attrs: { id: String(member.id), label: member.displayName }, ...(marks.length ? { marks } : {}) }];
  }

  const node: PostJsonNode = { type };
  if (type === "orderedList") {
    const start = isRecord(raw.attrs) ? raw.attrs.start : undefined;
    node.attrs = { start: typeof start === "number" && Number.isInteger(start) && start >= 0 && start <= 100_000 ? start : 1 };
  }
  if (Array.isArray(raw.content)) {
    const content = raw.content.flatMap((child) => cleanNode(child, mentions, depth + 1));
    if (content.length) node.content = content;
  }
  return [node];
}

/** Empty paragraphs at the start and end of a post are the editor's, not the author's. */
function trimDoc(doc: PostJsonNode): PostJsonNode {
  const content = [...(doc.content ?? [])];
  const isEmpty = (n: PostJsonNode | undefined) => n?.type === "paragraph" && !n.content?.length;
  while (content.length && isEmpty(content[0])) content.shift();
  while (content.length && isEmpty(content[content.length - 1])) content.pop();
  return { type: "doc", content: content.length ? content : [{ type: "paragraph" }] };
}

/** The clean JSON as a schema-valid ProseMirror node; throws InvalidPost otherwise. */
function toSchemaNode(raw: unknown, mentions: Mentions): PMNode {
  if (!isRecord(raw) || raw.type !== "doc") throw new InvalidPost("not a document");
  const [clean] = cleanNode(raw, mentions, 0);
  if (!clean) throw new InvalidPost("not a document");
  try {
    const node = PMNode.fromJSON(schema, trimDoc(clean));
    node.check();
    return node;
  } catch {
    throw new InvalidPost("does not fit the schema");
  }
}

function plainText(node: PMNode): string {
  // Nested blocks (list → item → paragraph) each add a separator; one blank line is enough.
  return getText(node, { blockSeparator: "\n\n", textSerializers })
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function bodyOf(node: PMNode): { ok: true; body: PostBody } | { ok: false; error: string } {
  const text = plainText(node);
  if (!text) return { ok: false, error: postBodyErrors.empty };
  if (text.length > MAX_POST_CHARS) return { ok: false, error: postBodyErrors.tooLong };
  const ids = new Set<number>();
  node.descendants((n) => {
    if (n.type.name === "mention") ids.add(Number(n.attrs.id));
  });
  return { ok: true, body: { json: JSON.stringify(node.toJSON()), text, mentionedUserIds: [...ids] } };
}

/**
 * The post from the form: the editor's JSON (`json`) when present, otherwise
 * the textarea's text. `members` are the people who can be mentioned (the
 * group's members); anyone else's name stays plain text.
 */
export function parsePostBody(
  input: { json?: string | null; text?: string | null },
  members: { id: number; displayName: string }[],
): { ok: true; body: PostBody } | { ok: false; error: string } {
  const mentions: Mentions = { members: new Map(members.map((m) => [m.id, m])) };
  const json = input.json?.trim();
  try {
    if (json) {
      if (Buffer.byteLength(json, "utf8") > MAX_POST_JSON_BYTES) return { ok: false, error: postBodyErrors.tooLong };
      let raw: unknown;
      try {
        raw = JSON.parse(json);
      } catch {
        return { ok: false, error: postBodyErrors.invalid };
      }
      return bodyOf(toSchemaNode(raw, mentions));
    }
    const text = input.text ?? "";
    if (!text.trim()) return { ok: false, error: postBodyErrors.empty };
    // Cheap guard before any work; the exact limit is checked on the derived text.
    if (text.length > MAX_POST_CHARS * 2) return { ok: false, error: postBodyErrors.tooLong };
    return bodyOf(toSchemaNode(textToPostJson(text, members), mentions));
  } catch (error) {
    if (error instanceof InvalidPost) return { ok: false, error: postBodyErrors.invalid };
    throw error;
  }
}

/** As @tiptap/html's generateHTML, with one schema and one document for the process (decision 010). */
const serialize = schemaHtmlSerializer(schema);

const UNREADABLE = `<p class="post-unreadable">${postTexts.unreadable}</p>`;

/**
 * A stored post as HTML, rendered from the schema like @tiptap/html: text is
 * escaped, only the schema's elements and attributes appear, links are
 * checked again. A stored value that is not a valid post gives a notice
 * instead of an error page.
 */
export function renderPostHtml(json: string): string {
  try {
    const node = toSchemaNode(JSON.parse(json), "keep");
    return serialize(node);
  } catch (error) {
    if (!(error instanceof InvalidPost || error instanceof SyntaxError)) console.error("post render failed", error);
    return UNREADABLE;
  }
}

/** The plain text of a stored post (for excerpts, quotes, notifications); "" when unreadable. */
export function postPlainText(json: string): string {
  try {
    return plainText(toSchemaNode(JSON.parse(json), "keep"));
  } catch {
    return "";
  }
}
