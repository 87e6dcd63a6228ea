import type { ActivityKind, DocumentKind, DocumentStatus } from "../../db/schema";
import { documentTexts } from "./documents";

const TZ = "Europe/Berlin";
const quoted = (s: string) => `„${s}“`;

/** German texts of the activity feeds and of following a group. */
export const activityTexts = {
  tabTitle: "Aktivität",
  navLabel: "Aktivität",
  tabIntro: "Was sich in der Arbeitsgruppe getan hat: neue Dokumente und Statuswechsel, Diskussionen, Mitglieder, Materialien und Meilensteine.",
  feedTitle: "Aktivität in meinen Gruppen",
  feedIntro:
    "Was sich in den Arbeitsgruppen getan hat, denen Sie folgen. Mitglieder folgen ihren Gruppen, Beobachtende allen internen Gruppen – wer nicht mehr folgen möchte, stellt das auf der Seite der Gruppe ab.",
  none: "Noch keine Aktivität.",
  noneFiltered: "Keine Aktivität dieser Art.",
  noneFollowed: "Sie folgen noch keiner Arbeitsgruppe. Auf der Seite einer Gruppe können Sie ihr folgen.",
  listLabel: "Aktivitäten",
  filterTitle: "Aktivität filtern",
  filterKind: "Art",
  filterAll: "Alle",
  filterApply: "Anzeigen",
  filterReset: "Filter zurücksetzen",
  categories: {
    dokumente: "Dokumente",
    diskussion: "Diskussionen",
    mitglieder: "Mitglieder",
    materialien: "Materialien",
    meilensteine: "Gruppe und Meilensteine",
  },
  paginationLabel: "Weitere Aktivität",
  older: "Ältere Aktivität",
  newest: "Zur neuesten Aktivität",
  inGroup: (title: string) => `in ${title}`,
  someone: "Jemand",
  today: "Heute",
  yesterday: "Gestern",
  dayHeading: (d: Date) => new Intl.DateTimeFormat("de-DE", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: TZ }).format(d),
  time: (d: Date) => new Intl.DateTimeFormat("de-DE", { hour: "2-digit", minute: "2-digit", timeZone: TZ }).format(d),
  absolute: (d: Date) => new Intl.DateTimeFormat("de-DE", { dateStyle: "long", timeStyle: "short", timeZone: TZ }).format(d),
  /** "vor 5 Minuten", "vor 3 Stunden", "vor 2 Tagen". */
  relative: (d: Date, now: Date) => {
    const minutes = Math.round((now.getTime() - d.getTime()) / 60_000);
    const rtf = new Intl.RelativeTimeFormat("de-DE", { numeric: "auto" });
    if (minutes < 1) return "gerade eben";
    if (minutes < 60) return rtf.format(-minutes, "minute");
    const hours = Math.round(minutes / 60);
    if (hours < 24) return rtf.format(-hours, "hour");
    const days = Math.round(hours / 24);
    if (days < 31) return rtf.format(-days, "day");
    const months = Math.round(days / 30);
    return months < 12 ? rtf.format(-months, "month") : rtf.format(-Math.round(days / 365), "year");
  },
  /**
   * The sentence of an entry around its linked title: "<actor> <before> „Titel“ <after>".
   * Member entries name the member in the title and need no actor.
   */
  sentence: (kind: ActivityKind, detail: string | null, hasActor = true): { withActor: boolean; before: string; after: string } => {
    switch (kind) {
      case "group_created":
        return { withActor: true, before: "hat die Arbeitsgruppe", after: "eröffnet" };
      case "document_created": {
        const k = documentTexts.kind[detail as DocumentKind];
        return { withActor: true, before: k ? `hat ${k === "Empfehlung" ? "die" : "das"} ${k}` : "hat das Dokument", after: "angelegt" };
      }
      case "document_status": {
        const s = documentTexts.status[detail as DocumentStatus] ?? detail ?? "";
        return { withActor: true, before: "hat den Status von", after: `auf ${quoted(s)} gesetzt` };
      }
      case "thread_created":
        return { withActor: true, before: "hat die Diskussion", after: "begonnen" };
      case "post_created":
        return { withActor: true, before: "hat in", after: "geantwortet" };
      case "member_joined":
        return { withActor: false, before: "", after: "ist der Gruppe beigetreten" };
      case "member_left":
        return { withActor: false, before: "", after: detail === "removed" ? "wurde aus der Gruppe entfernt" : "hat die Gruppe verlassen" };
      case "material_added":
        return { withActor: true, before: "hat das Material", after: "hinzugefügt" };
      case "milestone_added":
        return { withActor: true, before: "hat den Meilenstein", after: "angelegt" };
      case "milestone_done":
        // Milestones reached before the feed existed have no known actor.
        return hasActor
          ? { withActor: true, before: "hat den Meilenstein", after: "als erreicht markiert" }
          : { withActor: false, before: "Meilenstein", after: "erreicht" };
    }
  },
  follow: {
    follow: "Folgen",
    unfollow: "Nicht mehr folgen",
    following: "Sie folgen dieser Gruppe.",
    notFollowing: "Sie folgen dieser Gruppe nicht.",
    hint: "Wer einer Gruppe folgt, sieht ihre Aktivität unter „Aktivität“ und erhält Benachrichtigungen über neue Diskussionen, Dokumente und Statuswechsel.",
    followed: (title: string) => `Sie folgen jetzt „${title}“.`,
    unfollowed: (title: string) => `Sie folgen „${title}“ nicht mehr.`,
  },
} as const;
