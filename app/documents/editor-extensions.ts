import { mergeAttributes, type Attributes, type Extensions } from "@tiptap/core";
import CodeBlock from "@tiptap/extension-code-block";
import Link from "@tiptap/extension-link";
import { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { safeLinkOptions } from "./safe-link";

/**
 * The document schema, shared by the browser editor and the server-side
 * rendering (app/documents/render-html.server.ts). No browser-only imports
 * here; Collaboration and the carets are added by the editor.
 */

/** Name of the Y.XmlFragment that holds the document text in the Y.Doc. */
export const COLLAB_FIELD = "inhalt";

/** Heading levels in the text: the page already has h1 (group) and h2 (title, sections). */
export const HEADING_LEVELS = [3, 4] as const;

/** Drops `style`: the CSP (style-src 'self') refuses style attributes in markup. */
function withoutStyle(attrs: Record<string, unknown>) {
  const { style: _style, ...rest } = attrs;
  return rest;
}

/**
 * Links keep their address and title, nothing else from the document.
 * tiptap's Link also takes `target`, `rel` and `class` from the document and
 * renders them over the configured ones: a raw Yjs update (or pasted HTML)
 * with `target="_blank" rel="opener"` gave the linked page `window.opener`,
 * a handle on the portal's tab (reverse tabnabbing), and `class` dressed a
 * link as a portal button. Without them in the schema every link renders
 * with the rel configured below and no target (tests/integration/xss-corpus.test.ts).
 */
const DocumentLink = Link.extend({
  addAttributes() {
    const { href, title } = (this.parent?.() ?? {}) as Attributes;
    return { href, title };
  },
});

/** A language name as the ``` input rule writes it; anything else (`x kern-alert`, from a raw update) put classes of the author's choosing on the page. */
const LANGUAGE_NAME = /^[a-z0-9+#-]{1,32}$/i;

const DocumentCodeBlock = CodeBlock.extend({
  renderHTML({ node, HTMLAttributes }) {
    const language: unknown = node.attrs.language;
    const className = typeof language === "string" && LANGUAGE_NAME.test(language) ? `${this.options.languageClassPrefix ?? ""}${language}` : null;
    return ["pre", mergeAttributes(this.options.HTMLAttributes, HTMLAttributes), ["code", { class: className }, 0]];
  },
});

/**
 * How many columns or rows a table cell may span. prosemirror-tables walks a
 * table's width column by column and the editor's table view adds a <col> for
 * each: a raw update with a colspan of a billion made the document page fail
 * for everyone who opened it. A cell beyond this, or with a span that is no
 * whole number, is outside the schema: the editor drops it like a foreign
 * node, the server renders no HTML for the document (tests/e2e/xss-corpus.e2e.test.ts).
 */
const MAX_CELL_SPAN = 100;

function spanAttribute(name: "colspan" | "rowspan") {
  return {
    default: 1,
    // Pasted tables keep their cells, their spans cut to the limit.
    parseHTML: (element: HTMLElement) => Math.min(MAX_CELL_SPAN, Math.max(1, Number.parseInt(element.getAttribute(name) ?? "", 10) || 1)),
    validate: (value: unknown) => {
      if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_CELL_SPAN) throw new RangeError(`${name} ${String(value)} is not 1 to ${MAX_CELL_SPAN}`);
    },
  };
}

const withCellSpans = (parent: Attributes) => ({ ...parent, colspan: spanAttribute("colspan"), rowspan: spanAttribute("rowspan") });

export function documentExtensions(): Extensions {
  return [
    StarterKit.configure({
      // Yjs keeps its own history; ProseMirror's would undo other people's changes.
      undoRedo: false,
      heading: { levels: [...HEADING_LEVELS] },
      codeBlock: false,
      link: false,
    }),
    DocumentCodeBlock,
    DocumentLink.configure(safeLinkOptions("noopener noreferrer nofollow")),
    // Tables without inline widths and alignment styles (CSP); layout comes from editor.css.
    Table.extend({
      renderHTML({ HTMLAttributes }) {
        return ["table", mergeAttributes(this.options.HTMLAttributes, withoutStyle(HTMLAttributes)), ["tbody", 0]];
      },
    }).configure({ resizable: false }),
    TableRow,
    TableHeader.extend({
      addAttributes() {
        return withCellSpans((this.parent?.() ?? {}) as Attributes);
      },
      renderHTML({ HTMLAttributes }) {
        return ["th", mergeAttributes(this.options.HTMLAttributes, withoutStyle(HTMLAttributes)), 0];
      },
    }),
    TableCell.extend({
      addAttributes() {
        return withCellSpans((this.parent?.() ?? {}) as Attributes);
      },
      renderHTML({ HTMLAttributes }) {
        return ["td", mergeAttributes(this.options.HTMLAttributes, withoutStyle(HTMLAttributes)), 0];
      },
    }),
  ];
}
