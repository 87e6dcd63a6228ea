import { useLayoutEffect, useRef } from "react";
import type { MentionItem } from "./post-extensions";

/** What the editor's suggestion plugin reports while "@…" is being typed. */
export type MentionPopup = {
  items: MentionItem[];
  active: number;
  query: string;
  command: (item: MentionItem) => void;
  /** Where the "@" is on screen; the list opens below it. */
  rect: DOMRect | null;
};

/**
 * The members matching "@…" as a listbox. Focus stays in the editor; the
 * editor points at the active option with aria-activedescendant (set by
 * post-editor.client.tsx) and the arrow keys, Enter and Escape are handled
 * there. Each option's accessible name is the member's name.
 */
export function MentionSuggestionList({
  id,
  popup,
  label,
  onChoose,
}: {
  id: string;
  popup: MentionPopup;
  label: string;
  onChoose: (item: MentionItem) => void;
}) {
  const list = useRef<HTMLUListElement>(null);

  // Positioned through the CSSOM (the CSP forbids style attributes in markup), relative to the editor surface.
  useLayoutEffect(() => {
    const el = list.current;
    const parent = el?.offsetParent;
    if (!el || !parent || !popup.rect) return;
    const base = parent.getBoundingClientRect();
    const left = Math.max(0, Math.min(popup.rect.left - base.left, base.width - el.offsetWidth));
    el.style.left = `${left}px`;
    el.style.top = `${popup.rect.bottom - base.top + 4}px`;
  }, [popup.rect]);

  useLayoutEffect(() => {
    list.current?.querySelector(`#${CSS.escape(`${id}-${popup.active}`)}`)?.scrollIntoView({ block: "nearest" });
  }, [id, popup.active]);

  return (
    <ul ref={list} id={id} role="listbox" aria-label={label} className="mention-popup">
      {popup.items.map((item, i) => (
        <li
          key={item.id}
          id={`${id}-${i}`}
          role="option"
          aria-selected={i === popup.active}
          className={`mention-popup__option${i === popup.active ? " mention-popup__option--active" : ""}`}
          // Keeps the focus (and the selection) in the editor.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => onChoose(item)}
        >
          {item.label}
        </li>
      ))}
    </ul>
  );
}
