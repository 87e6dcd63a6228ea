import { singleton } from "../server/singleton.server";
import type { GroupPresence, PresentPerson, PresentWhere } from "./events";

/**
 * Who is in which group right now, per socket (a person with three tabs has
 * three entries). Kept process-wide like the open-documents registry, so a
 * Remix loader could read it too. The list sent to clients is merged per
 * person: their most recently moved tab says where they are.
 */
type Entry = { userId: number; displayName: string; where: PresentWhere; seq: number };

/** A group page shows at most this many names; `total` says how many there are. */
export const PRESENCE_LIST_MAX = 100;

const present = singleton("groupPresence", () => new Map<number, Map<string, Entry>>());
let seq = 0;

export function setPresent(groupId: number, socketId: string, person: { userId: number; displayName: string }, where: PresentWhere): void {
  let group = present.get(groupId);
  if (!group) present.set(groupId, (group = new Map()));
  group.set(socketId, { userId: person.userId, displayName: person.displayName, where, seq: ++seq });
}

/** Removes one socket's entry; true when the group's merged list may have changed. */
export function removePresent(groupId: number, socketId: string): boolean {
  const group = present.get(groupId);
  if (!group?.delete(socketId)) return false;
  if (group.size === 0) present.delete(groupId);
  return true;
}

/** The merged list for a group: one entry per person, sorted by name, at most PRESENCE_LIST_MAX. */
export function peopleIn(groupId: number): GroupPresence {
  const latest = new Map<number, Entry>();
  for (const entry of present.get(groupId)?.values() ?? []) {
    const seen = latest.get(entry.userId);
    if (!seen || seen.seq < entry.seq) latest.set(entry.userId, entry);
  }
  const people: PresentPerson[] = [...latest.values()]
    .sort((a, b) => a.displayName.localeCompare(b.displayName, "de") || a.userId - b.userId)
    .slice(0, PRESENCE_LIST_MAX)
    .map((e) => ({ userId: e.userId, displayName: e.displayName, initials: initialsOf(e.displayName), where: e.where }));
  return { groupId, people, total: latest.size };
}

/** "Dr. Claudia Berger" → "CB": first and last name, titles (ending in a dot) skipped. */
export function initialsOf(displayName: string): string {
  const words = displayName.split(/\s+/).filter((w) => w && !w.endsWith(".") && /\p{L}/u.test(w[0]));
  if (words.length === 0) return displayName.slice(0, 1).toUpperCase();
  const first = words[0][0];
  const last = words.length > 1 ? words[words.length - 1][0] : "";
  return (first + last).toUpperCase();
}
