import type { GroupArea } from "../realtime/events";

/** German texts for who is where right now (documents, the group's live room, typing). */
export const presenceTexts = {
  column: "Gerade im Dokument",
  nobody: "–",
  groupLabel: "Gerade in der Gruppe:",
  groupNobody: "Gerade ist niemand sonst in der Gruppe.",
  /** "und 12 weitere" when the list is cut. */
  more: (n: number) => (n === 1 ? "und 1 weitere Person" : `und ${n} weitere Personen`),
  you: "Sie",
  area: {
    ueberblick: "Überblick",
    dokumente: "Dokumente",
    diskussion: "Diskussion",
    materialien: "Materialien",
    aktivitaet: "Aktivität",
  } satisfies Record<GroupArea, string>,
  inDocument: (title: string) => `Dokument »${title}«`,
  inThread: (title: string) => `Diskussion »${title}«`,
  joined: (name: string) => `${name} ist jetzt in der Gruppe.`,
  left: (name: string) => `${name} hat die Gruppe verlassen.`,
  typingOne: (name: string) => `${name} schreibt …`,
  typingMany: (names: string[]) => `${names.slice(0, -1).join(", ")} und ${names[names.length - 1]} schreiben …`,
} as const;
