import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { yUndoPluginKey } from "@tiptap/y-tiptap";
import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from "react";
import { caretColor } from "~/documents/caret-color";
import { CollabSession, localCopyName, type SessionState } from "~/documents/collab-session.client";
import { COLLAB_FIELD, documentExtensions, HEADING_LEVELS } from "~/documents/editor-extensions";
import { HeadingIds } from "~/documents/heading-ids";
import { PresenceAvatars } from "~/documents/presence-avatars";
import { EditorLinkForm } from "~/components/editor-link-form";
import { documentTexts } from "~/i18n/documents";
import { useSocket } from "~/realtime/socket-context";

const t = documentTexts.editor;

type Props = {
  documentId: number;
  canEdit: boolean;
  user: { id: number; name: string };
  /** The server-rendered text, shown until the editor has the document. */
  fallback: ReactNode;
};

const idleState: SessionState = { status: "connecting", readOnly: true, pending: 0, error: null, restored: false };
const noSubscribe = () => () => {};

/** The live co-editor: one CollabSession (Y.Doc) per mounted editor. */
export default function DocumentEditor({ documentId, canEdit, user, fallback }: Props) {
  const { socket } = useSocket();
  const [session, setSession] = useState<CollabSession | null>(null);
  const color = caretColor(user.id);

  useEffect(() => {
    if (!socket) return;
    // Only people who may write keep a local copy: it exists to save their unsent changes.
    const s = new CollabSession(socket, documentId, { name: user.name, color }, canEdit ? { localCopy: localCopyName(documentId, user.id) } : {});
    setSession(s);
    return () => {
      setSession(null);
      s.destroy();
    };
    // Not on canEdit: a change of rights reaches the open session (doc:mode) without rebuilding the editor.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [socket, documentId, user.id, user.name, color]);

  const state = useSyncExternalStore(session?.subscribe ?? noSubscribe, session?.getState ?? (() => idleState), () => idleState);
  const ready = session !== null && (state.status === "synced" || state.status === "offline" || state.restored);
  const editable = canEdit && !state.readOnly && state.status !== "closed";
  // "Gespeichert" only after this person changed something and the server acknowledged all of it.
  const [changed, setChanged] = useState(false);
  useEffect(() => {
    if (state.pending > 0) setChanged(true);
  }, [state.pending]);
  useLeaveWarning(state.pending > 0);

  return (
    <div className="document-editor">
      <p className="document-editor__status kern-body kern-body--small" role="status">
        {t.status[state.status]}
        {state.pending > 0 && state.status === "synced" ? ` ${t.pending(state.pending)}` : ""}
        {state.pending === 0 && state.status === "synced" && changed ? ` ${t.saved}.` : ""}
        {/* Before the first answer the rights are unknown: no read-only hint for people who may write. */}
        {ready && !editable && (!canEdit || state.status === "synced" || state.status === "closed") ? ` ${t.readOnlyHint}` : ""}
      </p>
      {ready && session ? <PresenceAvatars awareness={session.awareness} /> : null}
      {ready && session ? (
        <CollabEditor key={session.doc.guid} session={session} editable={editable} user={{ name: user.name, color }} />
      ) : (
        fallback
      )}
    </div>
  );
}

/** Closing or reloading the tab with changes the server has not acknowledged asks first. */
function useLeaveWarning(unsaved: boolean) {
  useEffect(() => {
    if (!unsaved) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show a dialog only when returnValue is set; the text itself is not shown any more.
      event.returnValue = t.leaveWarning;
      return t.leaveWarning;
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [unsaved]);
}

/**
 * Whether there is something to undo or redo. The Collaboration extension's
 * Y.UndoManager tracks only this editor's own changes (origin ySyncPluginKey),
 * never other people's; its stacks change after ProseMirror's transaction,
 * so we listen to the manager itself.
 */
function useUndoState(editor: Editor) {
  const [state, setState] = useState({ undo: false, redo: false });
  useEffect(() => {
    const manager = yUndoPluginKey.getState(editor.state)?.undoManager;
    if (!manager) return;
    const update = () => setState({ undo: manager.undoStack.length > 0, redo: manager.redoStack.length > 0 });
    update();
    const events = ["stack-item-added", "stack-item-popped", "stack-cleared"] as const;
    for (const e of events) manager.on(e, update);
    return () => {
      for (const e of events) manager.off(e, update);
    };
  }, [editor]);
  return state;
}

function CollabEditor({ session, editable, user }: { session: CollabSession; editable: boolean; user: { name: string; color: string } }) {
  const editor = useEditor(
    {
      immediatelyRender: false,
      // Its <style> element would be refused by the CSP; the same rules are in app/styles/editor.css.
      injectCSS: false,
      editable,
      extensions: [
        ...documentExtensions(),
        HeadingIds,
        Collaboration.configure({ document: session.doc, field: COLLAB_FIELD }),
        CollaborationCaret.configure({ provider: { awareness: session.awareness }, user }),
      ],
      editorProps: {
        attributes: {
          class: "document-content document-editor__content",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": t.label,
        },
      },
    },
    [session],
  );

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  if (!editor) return null;
  return (
    <>
      {editable ? <Toolbar editor={editor} /> : null}
      <EditorContent editor={editor} />
    </>
  );
}

type Action = { key: string; label: string; pressed?: boolean; run: () => void; className?: string; disabled?: boolean; shortcuts?: string };

function Toolbar({ editor }: { editor: Editor }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      h1: e.isActive("heading", { level: HEADING_LEVELS[0] }),
      h2: e.isActive("heading", { level: HEADING_LEVELS[1] }),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      blockquote: e.isActive("blockquote"),
      link: e.isActive("link"),
      table: e.isActive("table"),
    }),
  });
  const history = useUndoState(editor);
  const [linkOpen, setLinkOpen] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);
  const bar = useRef<HTMLDivElement>(null);
  const chain = () => editor.chain().focus();

  const actions: Action[] = useMemo(() => {
    const list: Action[] = [
      {
        key: "undo",
        label: t.undo,
        disabled: !history.undo,
        shortcuts: "Control+Z Meta+Z",
        run: () => chain().undo().run(),
        className: "document-toolbar__undo",
      },
      {
        key: "redo",
        label: t.redo,
        disabled: !history.redo,
        shortcuts: "Control+Shift+Z Control+Y Meta+Shift+Z",
        run: () => chain().redo().run(),
        className: "document-toolbar__redo",
      },
      { key: "bold", label: t.bold, pressed: active.bold, run: () => chain().toggleBold().run(), className: "document-toolbar__bold" },
      { key: "italic", label: t.italic, pressed: active.italic, run: () => chain().toggleItalic().run(), className: "document-toolbar__italic" },
      { key: "h1", label: t.heading, pressed: active.h1, run: () => chain().toggleHeading({ level: HEADING_LEVELS[0] }).run() },
      { key: "h2", label: t.subheading, pressed: active.h2, run: () => chain().toggleHeading({ level: HEADING_LEVELS[1] }).run() },
      { key: "ul", label: t.bulletList, pressed: active.bulletList, run: () => chain().toggleBulletList().run() },
      { key: "ol", label: t.orderedList, pressed: active.orderedList, run: () => chain().toggleOrderedList().run() },
      { key: "quote", label: t.blockquote, pressed: active.blockquote, run: () => chain().toggleBlockquote().run() },
      active.link
        ? { key: "unlink", label: t.unlink, run: () => chain().extendMarkRange("link").unsetLink().run() }
        : { key: "link", label: t.link, run: () => setLinkOpen(true) },
    ];
    if (active.table) {
      list.push(
        { key: "row", label: t.addRow, run: () => chain().addRowAfter().run() },
        { key: "col", label: t.addColumn, run: () => chain().addColumnAfter().run() },
        { key: "deltable", label: t.deleteTable, run: () => chain().deleteTable().run() },
      );
    } else {
      list.push({ key: "table", label: t.table, run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() });
    }
    return list;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [active, history, editor]);

  const current = Math.min(focusIndex, actions.length - 1);

  // Roving focus: one tab stop for the toolbar, arrow keys move within it (WAI-ARIA toolbar pattern).
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const keys: Record<string, (i: number) => number> = {
      ArrowRight: (i) => (i + 1) % actions.length,
      ArrowLeft: (i) => (i - 1 + actions.length) % actions.length,
      Home: () => 0,
      End: () => actions.length - 1,
    };
    const move = keys[event.key];
    if (!move || (event.target as HTMLElement).tagName === "INPUT") return;
    event.preventDefault();
    const next = move(current);
    setFocusIndex(next);
    bar.current?.querySelectorAll<HTMLButtonElement>("[data-toolbar-button]")[next]?.focus();
  }

  return (
    <div className="document-toolbar-wrap">
      <div ref={bar} role="toolbar" aria-label={t.toolbar} className="document-toolbar" onKeyDown={onKeyDown}>
        {actions.map((a, i) => (
          <button
            key={a.key}
            type="button"
            data-toolbar-button=""
            className={`document-toolbar__button${a.className ? ` ${a.className}` : ""}`}
            aria-label={a.label}
            aria-pressed={a.pressed === undefined ? undefined : a.pressed}
            // aria-disabled, not disabled: the button stays reachable with the arrow keys (WAI-ARIA toolbar).
            aria-disabled={a.disabled || undefined}
            aria-keyshortcuts={a.shortcuts}
            title={a.key === "undo" ? `${a.label} (${t.undoShortcut})` : a.key === "redo" ? `${a.label} (${t.redoShortcut})` : undefined}
            tabIndex={i === current ? 0 : -1}
            onFocus={() => setFocusIndex(i)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={a.disabled ? undefined : a.run}
          >
            {a.label}
          </button>
        ))}
      </div>
      {linkOpen ? <EditorLinkForm editor={editor} fieldId="document" className="document-linkform" texts={t} onClose={() => setLinkOpen(false)} /> : null}
    </div>
  );
}

