import type { Editor } from "@tiptap/core";
import { useEffect, useRef, useState } from "react";
import { completeLinkInput } from "~/documents/safe-link";

export type LinkFormTexts = { linkField: string; linkApply: string; linkCancel: string; linkInvalid: string };

/**
 * The link address form of both editors (documents and posts): the address is
 * checked by the same rule as on the server (app/documents/safe-link.ts), and
 * Enter/Escape stay inside the form so that Enter does not send a post.
 */
export function EditorLinkForm({
  editor,
  fieldId,
  className,
  texts,
  onClose,
}: {
  editor: Editor;
  fieldId: string;
  className: string;
  texts: LinkFormTexts;
  onClose: () => void;
}) {
  const [value, setValue] = useState(() => (editor.getAttributes("link").href as string | undefined) ?? "");
  const [invalid, setInvalid] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const inputId = `${fieldId}-link`;
  const errorId = `${fieldId}-link-error`;

  function close() {
    onClose();
    editor.commands.focus();
  }

  function apply() {
    const href = completeLinkInput(value);
    if (!href) {
      setInvalid(true);
      input.current?.focus();
      return;
    }
    const chain = editor.chain().focus().extendMarkRange("link");
    if (editor.state.selection.empty && !editor.isActive("link")) {
      // Nothing selected: the address itself becomes the linked text.
      chain.insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
    } else {
      chain.setLink({ href }).run();
    }
    onClose();
  }

  return (
    <div className={`${className} kern-form-input`}>
      <label className="kern-label" htmlFor={inputId}>
        {texts.linkField}
      </label>
      {invalid ? (
        <p id={errorId} className="kern-error" role="alert">
          <span className="kern-icon kern-icon--danger" aria-hidden="true" />
          <span>{texts.linkInvalid}</span>
        </p>
      ) : null}
      <input
        ref={input}
        id={inputId}
        className={`kern-form-input__input${invalid ? " kern-form-input__input--error" : ""}`}
        type="text"
        inputMode="url"
        value={value}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setInvalid(false);
        }}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            apply();
          } else if (e.key === "Escape") {
            e.preventDefault();
            close();
          }
        }}
      />
      <div className="button-row button-row--start">
        <button type="button" className="kern-btn kern-btn--secondary" onClick={apply}>
          <span className="kern-label">{texts.linkApply}</span>
        </button>
        <button type="button" className="kern-btn kern-btn--tertiary" onClick={close}>
          <span className="kern-label">{texts.linkCancel}</span>
        </button>
      </div>
    </div>
  );
}
