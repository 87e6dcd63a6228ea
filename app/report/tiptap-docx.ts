import type { JSONContent } from "@tiptap/core";
import {
  AlignmentType,
  ExternalHyperlink,
  HeadingLevel,
  LevelFormat,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type IParagraphOptions,
  type ParagraphChild,
} from "docx";
import { safeLinkHref } from "~/documents/safe-link";
import { withoutCharsForbiddenInXml } from "~/documents/xml-chars";

/**
 * A document's tiptap JSON as docx blocks, keeping what the report promises:
 * headings stay headings (Word's outline and table of contents see them),
 * lists stay real Word lists (bullets and numbers, nested), marks stay marks.
 * Pure: the same JSON gives the same blocks.
 */

export const ORDERED_LIST_REFERENCE = "empfehlung-nummern";

/** Word's numbered-list definition for the document (levels 0–8: "1.", "a)", "i.", …). */
export function orderedListNumbering(): { reference: string; levels: ILevelsOptions[] } {
  const formats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
  return {
    reference: ORDERED_LIST_REFERENCE,
    levels: Array.from({ length: 9 }, (_, level) => ({
      level,
      format: formats[level % 3],
      text: formats[level % 3] === LevelFormat.LOWER_LETTER ? `%${level + 1})` : `%${level + 1}.`,
      alignment: AlignmentType.START,
      style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
    })),
  };
}

// Document headings are h3/h4 on the page; in the report they sit under the recommendation's own heading (level 3).
const HEADING_FOR_LEVEL: Record<number, (typeof HeadingLevel)[keyof typeof HeadingLevel]> = {
  1: HeadingLevel.HEADING_4,
  2: HeadingLevel.HEADING_4,
  3: HeadingLevel.HEADING_4,
  4: HeadingLevel.HEADING_5,
  5: HeadingLevel.HEADING_6,
  6: HeadingLevel.HEADING_6,
};

type ListContext = { kind: "bullet" | "ordered"; level: number; instance: number } | null;

/** Gives every ordered list its own numbering instance, so each starts again at 1. */
export type Counter = { next: () => number };
export function createCounter(): Counter {
  let n = 0;
  return { next: () => ++n };
}

export function tiptapToDocx(json: JSONContent | null, counter: Counter = createCounter()): (Paragraph | Table)[] {
  if (!json?.content) return [];
  return json.content.flatMap((node) => block(node, null, counter));
}

function block(node: JSONContent, list: ListContext, counter: Counter): (Paragraph | Table)[] {
  switch (node.type) {
    case "heading":
      return [new Paragraph({ heading: HEADING_FOR_LEVEL[Number(node.attrs?.level) || 3], children: inline(node.content) })];
    case "paragraph":
      return [new Paragraph({ children: inline(node.content), ...listProps(list) })];
    case "bulletList":
    case "orderedList": {
      const kind = node.type === "bulletList" ? "bullet" : "ordered";
      const level = list ? Math.min(list.level + 1, 8) : 0;
      // Each top-level ordered list starts again at 1; a nested level of the same list shares its instance (Word numbers levels separately).
      const instance = kind === "ordered" ? (list?.kind === "ordered" ? list.instance : counter.next()) : 0;
      return (node.content ?? []).flatMap((item) => listItem(item, { kind, level, instance }, counter));
    }
    case "blockquote":
      // A quotation: indented and in italics; lists inside keep their own form.
      return (node.content ?? []).flatMap((child) =>
        child.type === "paragraph"
          ? [new Paragraph({ children: inline(child.content, { italics: true }), indent: { left: 720 } })]
          : block(child, list, counter),
      );
    case "codeBlock":
      return [new Paragraph({ children: inline(node.content, { font: "Courier New" }) })];
    case "horizontalRule":
      return [new Paragraph({ thematicBreak: true })];
    case "table":
      return [table(node, counter)];
    default:
      // Unknown blocks keep their text rather than vanish.
      return node.content ? [new Paragraph({ children: inline(flattenText(node)) })] : [];
  }
}

function listItem(item: JSONContent, list: NonNullable<ListContext>, counter: Counter): (Paragraph | Table)[] {
  const children = item.content ?? [];
  return children.flatMap((child, i) =>
    // Only the item's first paragraph carries the bullet or number; later ones are continuation text.
    i === 0 && child.type === "paragraph"
      ? [new Paragraph({ children: inline(child.content), ...listProps(list) })]
      : child.type === "paragraph"
        ? [new Paragraph({ children: inline(child.content), indent: { left: 720 * (list.level + 1) } })]
        : block(child, list, counter),
  );
}

function listProps(list: ListContext): Partial<IParagraphOptions> {
  if (!list) return {};
  return list.kind === "bullet"
    ? { bullet: { level: list.level } }
    : { numbering: { reference: ORDERED_LIST_REFERENCE, level: list.level, instance: list.instance } };
}

function table(node: JSONContent, counter: Counter): Table {
  const rows = (node.content ?? []).map(
    (row) =>
      new TableRow({
        tableHeader: (row.content ?? []).every((c) => c.type === "tableHeader"),
        children: (row.content ?? []).map((cell) => {
          const blocks = (cell.content ?? []).flatMap((c) => block(c, null, counter)).filter((b): b is Paragraph => b instanceof Paragraph);
          return new TableCell({ children: blocks.length ? blocks : [new Paragraph("")] });
        }),
      }),
  );
  return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
}

type RunStyle = { italics?: boolean; font?: string };

function inline(content: JSONContent[] | undefined, base: RunStyle = {}): ParagraphChild[] {
  return (content ?? []).flatMap((node): ParagraphChild[] => {
    if (node.type === "hardBreak") return [new TextRun({ text: "", break: 1 })];
    // The JSON comes straight from Yjs (report-data.server.ts): a raw update can make a text's "text" an object.
    if (node.type !== "text" || typeof node.text !== "string" || !node.text) return node.content ? inline(node.content, base) : [];
    const marks = new Set((node.marks ?? []).map((m) => m.type));
    const run = new TextRun({
      // U+FFFE in one run made word/document.xml unreadable, and with it the whole report (tests/integration/xss-corpus.test.ts).
      text: withoutCharsForbiddenInXml(node.text),
      bold: marks.has("bold") || undefined,
      italics: marks.has("italic") || base.italics || undefined,
      strike: marks.has("strike") || undefined,
      underline: marks.has("underline") ? {} : undefined,
      font: marks.has("code") ? "Courier New" : base.font,
      style: marks.has("link") ? "Hyperlink" : undefined,
    });
    const href = safeLinkHref((node.marks ?? []).find((m) => m.type === "link")?.attrs?.href);
    // Only links that passed the editor's safe-link rule become clickable; others stay text.
    return href ? [new ExternalHyperlink({ link: href, children: [run] })] : [run];
  });
}

function flattenText(node: JSONContent): JSONContent[] {
  if (node.type === "text") return [node];
  return (node.content ?? []).flatMap(flattenText);
}
