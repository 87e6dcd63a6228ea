import { useEffect, useId, useRef, useState } from "react";
import { presenceTexts as t } from "~/i18n/presence";
import type { PresentPerson, PresentWhere } from "~/realtime/events";
import { useGroupPresence } from "~/realtime/use-group-room";
import { useOptionalUser } from "~/root";

/** "Dokument »Empfehlung Onlinezugang«", "Diskussion", … */
export function describeWhere(where: PresentWhere): string {
  if (where.documentId !== undefined && where.title) return t.inDocument(where.title);
  if (where.threadId !== undefined && where.title) return t.inThread(where.title);
  return t.area[where.area];
}

/**
 * "Gerade in der Gruppe: Anna Schmidt (Diskussion), Jonas Weber (Dokument
 * »…«)". A plain list for screen readers; only joins and leaves of others
 * are announced (politely), not every move between tabs. Needs the live
 * connection: without JavaScript nothing is shown.
 */
export function GroupPresence() {
  const { presence } = useGroupPresence();
  const me = useOptionalUser();
  const labelId = useId();
  const announcement = useJoinsAndLeaves(presence?.people ?? null, me?.id ?? null);
  const people = presence?.people ?? [];
  const others = people.filter((p) => p.userId !== me?.id);
  return (
    <div className="group-presence">
      {presence ? (
        <>
          <span id={labelId} className="kern-label">
            {t.groupLabel}
          </span>
          {others.length === 0 ? (
            // Alone: saying so is clearer than a list with only oneself in it.
            <p className="kern-body kern-body--small">{t.groupNobody}</p>
          ) : (
            <ul aria-labelledby={labelId} className="kern-list kern-list--horizontal kern-list--small">
              {people.map((p) => (
                <li key={p.userId}>
                  {p.displayName} ({p.userId === me?.id ? `${t.you}, ` : ""}
                  {describeWhere(p.where)})
                </li>
              ))}
              {presence.total > people.length ? <li>{t.more(presence.total - people.length)}</li> : null}
            </ul>
          )}
        </>
      ) : null}
      <p className="kern-sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}

/** The latest "X ist jetzt in der Gruppe." / "X hat die Gruppe verlassen." (the first list is not announced). */
function useJoinsAndLeaves(people: PresentPerson[] | null, selfId: number | null): string {
  const previous = useRef<Map<number, string> | null>(null);
  const [message, setMessage] = useState("");
  useEffect(() => {
    if (!people) {
      previous.current = null;
      return;
    }
    const now = new Map(people.filter((p) => p.userId !== selfId).map((p) => [p.userId, p.displayName]));
    const before = previous.current;
    previous.current = now;
    if (!before) return;
    const joined = [...now].filter(([id]) => !before.has(id)).map(([, name]) => t.joined(name));
    const left = [...before].filter(([id]) => !now.has(id)).map(([, name]) => t.left(name));
    if (joined.length || left.length) setMessage([...joined, ...left].join(" "));
  }, [people, selfId]);
  return message;
}
