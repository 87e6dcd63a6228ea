import type { DocumentStatus, NotificationDelivery, NotificationKind, ProposalStatus } from "../../db/schema";
import { documentTexts } from "./documents";
import { topicTexts } from "./topics";

const quote = (s: string) => `„${s}“`;

/** German texts of notifications: the sentences, the bell, the pages, the mails. */
export const notificationTexts = {
  // The bell in the header
  bellLabel: "Benachrichtigungen",
  unread: (n: number) => (n === 1 ? "1 ungelesen" : `${n} ungelesen`),
  unreadNone: "keine ungelesen",
  liveNew: (n: number) => `Neue Benachrichtigung. ${n === 1 ? "1 ungelesene" : `${n} ungelesene`} Benachrichtigungen.`,

  // One sentence per kind (stored in notifications.text when created)
  sentence: {
    mention: (actor: string, thread: string) => `${actor} hat Sie in ${quote(thread)} erwähnt.`,
    reply: (actor: string, thread: string) => `${actor} hat in ${quote(thread)} geantwortet.`,
    new_thread: (actor: string, thread: string, group: string) => `${actor} hat in ${quote(group)} die Diskussion ${quote(thread)} begonnen.`,
    new_document: (actor: string, doc: string, group: string) => `${actor} hat in ${quote(group)} das Dokument ${quote(doc)} angelegt.`,
    document_status: (actor: string, doc: string, status: DocumentStatus) =>
      `${actor} hat den Status von ${quote(doc)} auf ${quote(documentTexts.status[status])} gesetzt.`,
    joinAccepted: (group: string) => `Ihre Anfrage zur Mitarbeit in ${quote(group)} wurde angenommen. Willkommen in der Arbeitsgruppe!`,
    joinDeclined: (group: string, reason: string | null) =>
      `Ihre Anfrage zur Mitarbeit in ${quote(group)} wurde abgelehnt.${reason ? ` Begründung: ${reason}` : ""}`,
    topicDecision: (proposal: string, status: ProposalStatus, group: string | null, reason: string | null) => {
      const head =
        status === "angenommen"
          ? `Der Themenvorschlag ${quote(proposal)} wurde angenommen${group ? `: Die Arbeitsgruppe ${quote(group)} ist eröffnet.` : "."}`
          : status === "zusammengefuehrt"
            ? `Der Themenvorschlag ${quote(proposal)} wurde mit der Arbeitsgruppe ${quote(group ?? "")} zusammengeführt.`
            : `Der Themenvorschlag ${quote(proposal)} ist jetzt ${quote(topicTexts.status[status])}.`;
      return reason ? `${head} Begründung: ${reason}` : head;
    },
  },
  someone: "Jemand",

  // Kinds and deliveries (preferences page, digest headings)
  kind: {
    mention: "Erwähnungen",
    reply: "Antworten in Diskussionen, an denen ich beteiligt bin",
    new_thread: "Neue Diskussionen in meinen Arbeitsgruppen",
    new_document: "Neue Dokumente in meinen Arbeitsgruppen",
    document_status: "Statuswechsel von Dokumenten in meinen Arbeitsgruppen",
    join_request_answer: "Antworten auf meine Anfragen zur Mitarbeit",
    topic_decision: "Entscheidungen über Themenvorschläge, die ich eingereicht oder unterstützt habe",
  } satisfies Record<NotificationKind, string>,
  kindShort: {
    mention: "Erwähnungen",
    reply: "Antworten",
    new_thread: "Neue Diskussionen",
    new_document: "Neue Dokumente",
    document_status: "Statuswechsel von Dokumenten",
    join_request_answer: "Anfragen zur Mitarbeit",
    topic_decision: "Themenvorschläge",
  } satisfies Record<NotificationKind, string>,
  delivery: {
    portal: "Nur im Portal",
    sofort: "E-Mail sofort",
    digest: "E-Mail im Tagesüberblick",
  } satisfies Record<NotificationDelivery, string>,

  // List page
  listTitle: "Benachrichtigungen",
  listIntro: "Was in Ihren Arbeitsgruppen und bei Ihren Themenvorschlägen geschehen ist, das Neueste zuerst.",
  none: "Keine Benachrichtigungen.",
  unreadBadge: "Ungelesen",
  markRead: "Als gelesen markieren",
  markReadLabel: (text: string) => `Als gelesen markieren: ${text}`,
  markAllRead: "Alle als gelesen markieren",
  markedRead: "Die Benachrichtigung ist als gelesen markiert.",
  markedAllRead: (n: number) => (n === 1 ? "1 Benachrichtigung als gelesen markiert." : `${n} Benachrichtigungen als gelesen markiert.`),
  notFound: "Diese Benachrichtigung gibt es nicht.",
  paginationLabel: "Seiten der Benachrichtigungen",
  settingsLink: "Benachrichtigungen einstellen",
  listCaption: "Ihre Benachrichtigungen",

  // Preferences page
  prefsTitle: "Benachrichtigungen einstellen",
  prefsIntro:
    "Legen Sie für jede Art fest, wie Sie erfahren, was geschieht: nur hier im Portal (Glocke und Seite „Benachrichtigungen“), sofort per E-Mail oder gesammelt in einer E-Mail am Morgen (Tagesüberblick).",
  prefsSaved: "Ihre Einstellungen sind gespeichert.",
  prefsSave: "Einstellungen speichern",
  prefsInvalid: "Bitte wählen Sie eine der drei Möglichkeiten.",
  navPrefs: "Benachrichtigungen einstellen",

  // Mails
  mailGreeting: (name: string) => `Guten Tag ${name},`,
  mailSignature: "Ihr AG-Portal E-Government Thüringen",
  mailSettings: (url: string) => `Welche Benachrichtigungen Sie per E-Mail erhalten, stellen Sie hier ein: ${url}`,
  mailAutomatic: "Diese E-Mail wurde automatisch versandt; bitte antworten Sie nicht darauf.",
  sofortSubject: (text: string) => `AG-Portal: ${text.length > 90 ? `${text.slice(0, 89)}…` : text}`,
  sofortIntro: "es gibt eine neue Benachrichtigung für Sie:",
  openLink: (url: string) => `Öffnen: ${url}`,
  digestSubject: (day: string) => `AG-Portal: Ihr Tagesüberblick vom ${day}`,
  digestIntro: (n: number) =>
    n === 1 ? "hier ist Ihr Tagesüberblick mit 1 Neuigkeit aus dem AG-Portal." : `hier ist Ihr Tagesüberblick mit ${n} Neuigkeiten aus dem AG-Portal.`,
  digestGroup: (title: string) => `Arbeitsgruppe ${quote(title)}`,
  digestNoGroup: "Wie weiter? – Themenvorschläge und Anfragen",
};
