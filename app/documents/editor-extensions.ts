import { mergeAttributes, type Extensions } from "@tiptap/core";
import { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { completeLinkInput, isSafeLink } from "./safe-link";

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

export function documentExtensions(): Extensions {
  return [
    StarterKit.configure({
      // Yjs keeps its own history; ProseMirror's would undo other people's changes.
      undoRedo: false,
      heading: { levels: [...HEADING_LEVELS] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: "https",
        HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
        isAllowedUri: (url) => isSafeLink(url),
        shouldAutoLink: (url) => completeLinkInput(url) !== null,
      },
    }),
    // Tables without inline widths and alignment styles (CSP); layout comes from editor.css.
    Table.extend({
      renderHTML({ HTMLAttributes }) {
        return ["table", mergeAttributes(this.options.HTMLAttributes, withoutStyle(HTMLAttributes)), ["tbody", 0]];
      },
    }).configure({ resizable: false }),
    TableRow,
    TableHeader.extend({
      renderHTML({ HTMLAttributes }) {
        return ["th", mergeAttributes(this.options.HTMLAttributes, withoutStyle(HTMLAttributes)), 0];
      },
    }),
    TableCell.extend({
      renderHTML({ HTMLAttributes }) {
        return ["td", mergeAttributes(this.options.HTMLAttributes, withoutStyle(HTMLAttributes)), 0];
      },
    }),
  ];
}
