import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { Awareness } from "y-protocols/awareness";
import { initials } from "~/components/site-header";
import { documentTexts } from "~/i18n/documents";

const t = documentTexts.editor.presence;

export type Present = { clientId: number; name: string; color: string; self: boolean };

const COLOR = /^#[0-9a-f]{6}$/i;

/** Everyone in the document from the awareness states, oneself first, one entry per name. */
export function presentPeople(states: Map<number, Record<string, unknown>>, selfId: number): Present[] {
  const list: Present[] = [];
  const seen = new Set<string>();
  const entries = [...states.entries()].sort(([a], [b]) => (a === selfId ? -1 : b === selfId ? 1 : a - b));
  for (const [clientId, state] of entries) {
    const user = state?.user as { name?: unknown; color?: unknown } | undefined;
    if (!user || typeof user.name !== "string" || !user.name.trim()) continue;
    const name = user.name.trim().slice(0, 120);
    const self = clientId === selfId;
    const key = `${self ? "self" : "other"}:${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    list.push({ clientId, name, color: typeof user.color === "string" && COLOR.test(user.color) ? user.color : "#4a4a4a", self });
  }
  return list;
}

/** The awareness as a stable snapshot for useSyncExternalStore (only a new array when the people change). */
function usePresent(awareness: Awareness): Present[] {
  const cache = useRef<{ key: string; list: Present[] }>({ key: "", list: [] });
  const subscribe = (listener: () => void) => {
    awareness.on("change", listener);
    return () => awareness.off("change", listener);
  };
  const getSnapshot = () => {
    const list = presentPeople(awareness.getStates() as Map<number, Record<string, unknown>>, awareness.clientID);
    const key = JSON.stringify(list);
    if (key !== cache.current.key) cache.current = { key, list };
    return cache.current.list;
  };
  return useSyncExternalStore(subscribe, getSnapshot, () => cache.current.list);
}

/** Who joined and who left, for the live region; the people there at the start are not announced. */
function useAnnouncement(people: Present[]): string {
  const [message, setMessage] = useState("");
  const previous = useRef<Set<string> | null>(null);
  const settled = useRef(false);

  useEffect(() => {
    // The states of those already there arrive just after joining: take them in silently.
    const timer = setTimeout(() => {
      settled.current = true;
    }, 2000);
    return () => clearTimeout(timer);
  }, []);

  useEffect(() => {
    const now = new Set(people.filter((p) => !p.self).map((p) => p.name));
    const before = previous.current;
    previous.current = now;
    if (!before || !settled.current) return;
    const joined = [...now].filter((n) => !before.has(n)).map(t.joined);
    const left = [...before].filter((n) => !now.has(n)).map(t.left);
    if (joined.length + left.length === 0) return;
    setMessage([...joined, ...left].join(" "));
    const clear = setTimeout(() => setMessage(""), 8000);
    return () => clearTimeout(clear);
  }, [people]);

  return message;
}

/** The avatars of everyone in the document (initials in the person's colour, the name beside) and a live region for joins and leaves. */
export function PresenceAvatars({ awareness }: { awareness: Awareness }) {
  const people = usePresent(awareness);
  const announcement = useAnnouncement(people);

  return (
    <div className="document-presence">
      <ul className="document-presence__list" aria-label={t.heading}>
        {people.map((p) => (
          <li key={p.clientId} className="document-presence__person">
            <span className="document-presence__avatar" aria-hidden="true" style={{ backgroundColor: p.color }}>
              {initials(p.name)}
            </span>
            <span className="document-presence__name kern-body kern-body--small">
              {p.name}
              {p.self ? ` ${t.self}` : ""}
            </span>
          </li>
        ))}
      </ul>
      <p className="kern-sr-only" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </div>
  );
}
