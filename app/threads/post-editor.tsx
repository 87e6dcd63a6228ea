import { Component, lazy, Suspense, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { FieldError } from "~/components/form-fields";
import { postTexts as t } from "~/i18n/posts";
import { postJsonToText } from "./mention-text";
import { readDraft, writeDraft, type PostDraft } from "./reply-draft";

/** The rich-text editor (tiptap) is its own chunk, loaded only in the browser after hydration. */
const PostEditor = lazy(() => import("./post-editor.client"));

export type PostEditorFieldProps = {
  /** Form field of the plain text; the editor adds `${name}Json` with the rich text. */
  name: string;
  label: string;
  /** Who can be mentioned (the group's members). */
  members: { id: number; displayName: string }[];
  defaultText?: string;
  /** Stored JSON of the post (when editing); the editor starts from it. */
  defaultJson?: string | null;
  errors?: string[];
  id?: string;
  autoFocus?: boolean;
  /** Called on every change by the person (for a typing indicator). */
  onTyping?: () => void;
  /**
   * Keeps the half-written text in the tab's sessionStorage under this key
   * (app/threads/reply-draft.ts) and brings it back into an empty field; the
   * page clears it once the post went through.
   */
  draftKey?: string;
};

/**
 * A post's text field. Rendered on the server and without JavaScript as a
 * labelled KERN textarea (the server turns its text into a post, "@Name"
 * included); after hydration the tiptap editor replaces it and submits the
 * rich text as `${name}Json` next to the plain text in `${name}`. The editor
 * empties itself when its form is reset and starts afresh when the field
 * remounts (e.g. a new `key` after a successful submission).
 */
export function PostEditorField({ name, label, members, defaultText: givenText, defaultJson, errors, id, autoFocus, onTyping, draftKey }: PostEditorFieldProps) {
  // Editing without JavaScript: the stored post as text the server reads back the same way.
  const defaultText = givenText ?? (defaultJson ? postJsonToText(defaultJson) : "");
  const generated = useId();
  const fieldId = id ?? `${name}-${generated.replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const ids = { field: fieldId, label: `${fieldId}-label`, hint: `${fieldId}-hint`, error: `${fieldId}-error` };
  const invalid = Boolean(errors?.length);
  const textarea = useRef<HTMLTextAreaElement>(null);
  // What the textarea held when the page became interactive: text typed before hydration is not lost.
  const [startText, setStartText] = useState<string | null>(null);
  // Text typed into the textarea while the editor's code loads (the Suspense fallback), for the editor to take over.
  const typedWhileLoading = useRef<{ text: string | null; at: number }>({ text: null, at: 0 });
  // A draft from sessionStorage, taken only when the field starts empty (a refused post's text wins).
  const [draft, setDraft] = useState<PostDraft | null>(null);

  useEffect(() => {
    const text = textarea.current?.value ?? defaultText;
    const saved = draftKey && !text.trim() ? readDraft(draftKey) : null;
    setDraft(saved);
    setStartText(saved?.text ?? text);
    // Only once, at hydration.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const describedBy = [ids.hint, invalid ? ids.error : null].filter(Boolean).join(" ");
  const fallback = (
    <textarea
      ref={textarea}
      id={ids.field}
      name={name}
      rows={6}
      defaultValue={startText ?? defaultText}
      autoFocus={autoFocus}
      aria-labelledby={ids.label}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      className={`kern-form-input__input post-editor__textarea${invalid ? " kern-form-input__input--error" : ""}`}
      onChange={(event) => {
        if (startText !== null) typedWhileLoading.current = { text: event.currentTarget.value, at: Date.now() };
        onTyping?.();
      }}
    />
  );

  return (
    <div className={`kern-form-input post-editor${invalid ? " kern-form-input--error" : ""}`}>
      {/* The editor is a contenteditable <div>, not labelable: it names itself with aria-labelledby. */}
      <label className="kern-label" id={ids.label} htmlFor={startText === null ? ids.field : undefined}>
        {label}
      </label>
      <div className="kern-hint" id={ids.hint}>
        {startText === null ? t.hintText : t.hintEditor}
      </div>
      <FieldError id={ids.error} errors={errors} />
      {startText === null ? (
        fallback
      ) : (
        <FallbackOnError fallback={fallback}>
          <Suspense fallback={fallback}>
            <PostEditor
              name={name}
              ids={ids}
              describedBy={describedBy}
              invalid={invalid}
              members={members}
              startText={startText}
              defaultText={draft?.text ?? defaultText}
              defaultJson={draft?.json || (defaultJson ?? null)}
              autoFocus={autoFocus}
              onTyping={onTyping}
              onChange={draftKey ? (values) => writeDraft(draftKey, values) : undefined}
              typedWhileLoading={() => typedWhileLoading.current}
            />
          </Suspense>
        </FallbackOnError>
      )}
    </div>
  );
}

/**
 * If the editor's chunk cannot be loaded (offline, a new deployment) or the
 * editor fails, the textarea stays: the form still works as without JavaScript.
 */
class FallbackOnError extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  componentDidCatch(error: unknown) {
    console.warn("post editor unavailable, using the text field", error);
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
