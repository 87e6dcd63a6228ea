import type { JSONContent } from "@tiptap/core";
import type { MentionNodeAttrs } from "@tiptap/extension-mention";
import { PluginKey } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { EditorContent, useEditor, useEditorState, type Editor } from "@tiptap/react";
import { exitSuggestion, type SuggestionKeyDownProps, type SuggestionProps } from "@tiptap/suggestion";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { EditorLinkForm } from "~/components/editor-link-form";
import { postTexts as t } from "~/i18n/posts";
import { filterMembers, textToPostJson } from "./mention-text";
import { MentionSuggestionList, type MentionPopup } from "./mention-suggestions";
import { postExtensions, type MentionItem, type MentionMember } from "./post-extensions";

type Props = {
  name: string;
  ids: { field: string; label: string; hint: string; error: string };
  describedBy: string;
  invalid: boolean;
  members: MentionMember[];
  /** The textarea's text when the editor took over. */
  startText: string;
  defaultText: string;
  defaultJson: string | null;
  autoFocus?: boolean;
  onTyping?: () => void;
  /** Called with the form values on every change by the person (not on a reset). */
  onChange?: (values: { json: string; text: string }) => void;
  /** What was typed into the fallback textarea while this code loaded, and when. */
  typedWhileLoading?: () => { text: string | null; at: number };
};

const EMPTY_DOC: JSONContent = { type: "doc", content: [{ type: "paragraph" }] };

/** The stored post when nothing was typed over it, else the typed text read like the server reads it. */
function initialContent({ startText, defaultText, defaultJson, members }: Props): JSONContent {
  if (defaultJson && startText === defaultText) {
    try {
      return JSON.parse(defaultJson) as JSONContent;
    } catch {
      // A stored post that does not parse: start from its text below.
    }
  }
  return startText.trim() ? (textToPostJson(startText, members) as JSONContent) : EMPTY_DOC;
}

/** The editor's content as the two form values; an empty editor submits nothing, so the server says "empty". */
function formValues(editor: Editor): { json: string; text: string } {
  const text = editor.getText({ blockSeparator: "\n\n" }).trim();
  return { json: text ? JSON.stringify(editor.getJSON()) : "", text };
}

/** The tiptap editor of a post: toolbar, @mentions with a listbox, hidden form values. */
export default function PostEditor(props: Props) {
  const { name, ids, describedBy, invalid, autoFocus } = props;
  const membersRef = useRef(props.members);
  membersRef.current = props.members;
  const onTypingRef = useRef(props.onTyping);
  onTypingRef.current = props.onTyping;
  const onChangeRef = useRef(props.onChange);
  onChangeRef.current = props.onChange;

  const [popup, setPopup] = useState<MentionPopup | null>(null);
  const popupRef = useRef<MentionPopup | null>(null);
  popupRef.current = popup;
  const [announcement, setAnnouncement] = useState("");
  const [values, setValues] = useState<{ json: string; text: string }>({ json: "", text: "" });
  const pluginKey = useMemo(() => new PluginKey("postMention"), []);
  // Stable option values: useEditor compares them on every render and would otherwise reconfigure the view.
  // Keystrokes that went into the textarea while this chunk loaded are carried over, and so is the focus.
  const [typed] = useState(() => props.typedWhileLoading?.() ?? { text: null, at: 0 });
  const [content] = useState(() => initialContent(typed.text === null ? props : { ...props, startText: typed.text }));
  const focusOnStart = autoFocus || Date.now() - typed.at < 5_000;
  const resetting = useRef(false);
  const editorProps = useMemo(
    () => ({
      attributes: {
        id: ids.field,
        class: "post-content post-editor__content",
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": ids.label,
        "aria-autocomplete": "list",
      },
      handleKeyDown: (view: EditorView, event: globalThis.KeyboardEvent) => {
        // Ctrl/Cmd+Enter sends the post, as in most discussion tools.
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          const form = view.dom.closest("form");
          if (form) {
            event.preventDefault();
            form.requestSubmit();
            return true;
          }
        }
        return false;
      },
    }),
    [ids.field, ids.label],
  );

  const extensions = useMemo(
    () =>
      postExtensions({
        suggestion: {
          pluginKey,
          items: ({ query }) => filterMembers(membersRef.current, query).map((m): MentionItem => ({ id: String(m.id), label: m.displayName })),
          render: () => {
            const show = (p: SuggestionProps<MentionItem, MentionNodeAttrs>, active: number) => {
              setPopup({ items: p.items, active, query: p.query, command: p.command, rect: p.clientRect?.() ?? null });
              setAnnouncement(p.items.length || p.query ? t.mentionCount(p.items.length) : "");
            };
            return {
              onStart: (p) => show(p, 0),
              onUpdate: (p) => show(p, 0),
              onExit: () => {
                setPopup(null);
                setAnnouncement("");
              },
              onKeyDown: ({ event, view }: SuggestionKeyDownProps) => {
                const current = popupRef.current;
                if (event.key === "Escape") {
                  exitSuggestion(view, pluginKey);
                  return true;
                }
                if (!current || current.items.length === 0) return false;
                const n = current.items.length;
                if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                  const active = event.key === "ArrowDown" ? (current.active + 1) % n : (current.active - 1 + n) % n;
                  setPopup({ ...current, active });
                  return true;
                }
                if (event.key === "Enter") {
                  const item = current.items[current.active];
                  current.command(item);
                  setAnnouncement(t.mentionChosen(item.label));
                  return true;
                }
                return false;
              },
            };
          },
        },
      }),
    [pluginKey],
  );

  const editor = useEditor(
    {
      immediatelyRender: false,
      // Its <style> element would be refused by the CSP; the rules are in app/styles/discussion.css.
      injectCSS: false,
      extensions,
      content,
      autofocus: focusOnStart ? "end" : false,
      editorProps,
      onCreate: ({ editor: e }) => setValues(formValues(e)),
      onUpdate: ({ editor: e, transaction }) => {
        const next = formValues(e);
        setValues(next);
        if (transaction.docChanged && !resetting.current) {
          onTypingRef.current?.();
          onChangeRef.current?.(next);
        }
      },
    },
    [],
  );

  // Attributes that change with the field's state; ProseMirror leaves attributes it did not set alone.
  useEffect(() => {
    const dom = editor?.view.dom;
    if (!dom) return;
    setAttr(dom, "aria-describedby", describedBy || null);
    setAttr(dom, "aria-invalid", invalid ? "true" : null);
  }, [editor, describedBy, invalid]);

  const listId = `${ids.field}-mentions`;
  const open = popup !== null && popup.items.length > 0;
  useEffect(() => {
    const dom = editor?.view.dom;
    if (!dom) return;
    setAttr(dom, "aria-controls", open ? listId : null);
    setAttr(dom, "aria-activedescendant", open ? `${listId}-${popup.active}` : null);
  }, [editor, open, popup?.active, listId]);

  // A reset of the form (after sending) empties the editor too.
  useEffect(() => {
    const form = editor?.view.dom.closest("form");
    if (!editor || !form) return;
    const onReset = () => {
      // Emptied by the page, not typed: no typing signal.
      resetting.current = true;
      editor.commands.clearContent(true);
      resetting.current = false;
      setValues({ json: "", text: "" });
    };
    form.addEventListener("reset", onReset);
    return () => form.removeEventListener("reset", onReset);
  }, [editor]);

  if (!editor) return <div className="post-editor__loading" aria-hidden="true" />;
  return (
    <div className="post-editor__frame">
      <Toolbar editor={editor} fieldId={ids.field} />
      <div className="post-editor__surface">
        <EditorContent editor={editor} />
        {open ? (
          <MentionSuggestionList
            id={listId}
            popup={popup}
            label={t.mentionList}
            onChoose={(item) => {
              popup.command(item);
              setAnnouncement(t.mentionChosen(item.label));
            }}
          />
        ) : null}
      </div>
      <p className="kern-sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      <input type="hidden" name={name} value={values.text} />
      <input type="hidden" name={`${name}Json`} value={values.json} />
    </div>
  );
}

function setAttr(element: Element, name: string, value: string | null) {
  if (value === null) element.removeAttribute(name);
  else element.setAttribute(name, value);
}

type Action = { key: string; label: string; pressed?: boolean; run: () => void; className?: string };

/** Formatting buttons: one tab stop, arrow keys move within (WAI-ARIA toolbar), like the document editor's. */
function Toolbar({ editor, fieldId }: { editor: Editor; fieldId: string }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      blockquote: e.isActive("blockquote"),
      link: e.isActive("link"),
    }),
  });
  const [linkOpen, setLinkOpen] = useState(false);
  const [focusIndex, setFocusIndex] = useState(0);
  const bar = useRef<HTMLDivElement>(null);
  const chain = () => editor.chain().focus();

  const actions: Action[] = [
    { key: "bold", label: t.bold, pressed: active.bold, run: () => chain().toggleBold().run(), className: "post-toolbar__bold" },
    { key: "italic", label: t.italic, pressed: active.italic, run: () => chain().toggleItalic().run(), className: "post-toolbar__italic" },
    { key: "ul", label: t.bulletList, pressed: active.bulletList, run: () => chain().toggleBulletList().run() },
    { key: "ol", label: t.orderedList, pressed: active.orderedList, run: () => chain().toggleOrderedList().run() },
    { key: "quote", label: t.blockquote, pressed: active.blockquote, run: () => chain().toggleBlockquote().run() },
    active.link
      ? { key: "unlink", label: t.unlink, run: () => chain().extendMarkRange("link").unsetLink().run() }
      : { key: "link", label: t.link, run: () => setLinkOpen(true) },
  ];
  const current = Math.min(focusIndex, actions.length - 1);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const keys: Record<string, (i: number) => number> = {
      ArrowRight: (i) => (i + 1) % actions.length,
      ArrowLeft: (i) => (i - 1 + actions.length) % actions.length,
      Home: () => 0,
      End: () => actions.length - 1,
    };
    const move = keys[event.key];
    if (!move) return;
    event.preventDefault();
    const next = move(current);
    setFocusIndex(next);
    bar.current?.querySelectorAll<HTMLButtonElement>("[data-toolbar-button]")[next]?.focus();
  }

  return (
    <>
      <div ref={bar} role="toolbar" aria-label={t.toolbar} aria-controls={fieldId} className="post-toolbar" onKeyDown={onKeyDown}>
        {actions.map((a, i) => (
          <button
            key={a.key}
            type="button"
            data-toolbar-button=""
            className={`post-toolbar__button${a.className ? ` ${a.className}` : ""}`}
            aria-pressed={a.pressed === undefined ? undefined : a.pressed}
            tabIndex={i === current ? 0 : -1}
            onFocus={() => setFocusIndex(i)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={a.run}
          >
            {a.label}
          </button>
        ))}
      </div>
      {linkOpen ? <EditorLinkForm editor={editor} fieldId={fieldId} className="post-linkform" texts={t} onClose={() => setLinkOpen(false)} /> : null}
    </>
  );
}

