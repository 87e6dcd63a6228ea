import { and, eq } from "drizzle-orm";
import { documentHeadings } from "../app/documents/headings.server";
import { headingAnchor } from "../app/documents/heading-anchor";
import { parsePostBody } from "../app/threads/post-body.server";
import type { Db } from "./client.server";
import { documents, groupMembers, postReports, posts, postVersions, threadReads, threads, users } from "./schema";

/**
 * Demo discussions in the demo groups: several threads per group with
 * replies, a quote-reply, an edited post (its earlier version kept), a pinned
 * and a locked thread, one thread about a section of a document, one open
 * report, and a read mark that shows "neu seit Ihrem letzten Besuch" to Anna.
 * Bodies go through parsePostBody like a textarea post ("@Name" becomes a
 * mention). Idempotent: a thread whose title exists in its group is skipped.
 */

type DemoPost = {
  by: string;
  text: string;
  hoursAgo: number;
  /** Index of the post in this thread that this one quotes. */
  quotes?: number;
  /** The text first written (at hoursAgo); the post's text is the edit, made editedHoursAgo. */
  editedFrom?: { text: string; editedHoursAgo: number };
  report?: { by: string; reason: string };
};
type DemoThread = {
  group: string;
  title: string;
  pinned?: boolean;
  locked?: boolean;
  document?: { title: string; heading?: string };
  posts: DemoPost[];
  /** People who read the thread up to (and including) the post with this index. */
  readUpTo?: Record<string, number>;
};

const THOMAS = "moderation@ag-portal.test";
const ANNA = "anna.schmidt@ag-portal.test";
const JONAS = "jonas.weber@ag-portal.test";
const CHECKLIST = "Empfehlung: Checkliste „Digitales Rathaus“ für kleine und mittlere Kommunen";

const demoThreads: DemoThread[] = [
  {
    group: "digitales-rathaus",
    title: "Willkommen: So diskutieren wir in dieser Gruppe",
    pinned: true,
    posts: [
      {
        by: THOMAS,
        hoursAgo: 24 * 30,
        text: "Herzlich willkommen in der Arbeitsgruppe „Digitales Rathaus“!\n\nHier besprechen wir zwischen den Sitzungen alles, was nicht bis zum nächsten Treffen warten soll. Bitte ein Thema pro Frage, damit wir die Ergebnisse später leicht wiederfinden. Beiträge, die sich auf einen Abschnitt einer Empfehlung beziehen, verknüpfen Sie am besten direkt mit dem Dokument.",
      },
      { by: ANNA, hoursAgo: 24 * 29, text: "Danke für die Einrichtung! Ich bringe die Erfahrungen aus dem Landratsamt Gotha ein, vor allem zur Online-Terminvergabe." },
    ],
  },
  {
    group: "digitales-rathaus",
    title: "Checkliste: Was fehlt noch bei der Online-Terminvergabe?",
    document: { title: CHECKLIST, heading: "Online-Terminvergabe" },
    readUpTo: { [ANNA]: 1 },
    posts: [
      {
        by: ANNA,
        hoursAgo: 24 * 6,
        text: "Im Abschnitt zur Online-Terminvergabe fehlt mir ein Punkt zur Barrierefreiheit: Viele Buchungssysteme lassen sich nicht mit der Tastatur bedienen. Sollten wir das als Mindestanforderung aufnehmen?",
        editedFrom: {
          editedHoursAgo: 24 * 5 + 20,
          text: "Im Abschnitt zur Online-Terminvergabe fehlt mir ein Punkt zur Barrierefreiheit. Sollten wir das aufnehmen?",
        },
      },
      {
        by: JONAS,
        hoursAgo: 24 * 5,
        text: "Unbedingt. In Jena haben wir beim Wechsel des Anbieters die BITV 2.0 in die Ausschreibung geschrieben – das hat zwei Anbieter sofort ausgeschlossen. Außerdem sollte die Checkliste eine Erinnerung per E-Mail oder SMS empfehlen, das senkt die Zahl der nicht wahrgenommenen Termine deutlich.",
      },
      {
        by: THOMAS,
        hoursAgo: 24 * 2,
        quotes: 1,
        text: "Guter Hinweis zur Ausschreibung. Ich nehme beides in den nächsten Entwurf auf: Barrierefreiheit als Muss, Erinnerungen als Empfehlung. @Anna Schmidt, können Sie einen Satz zu den Erfahrungen in Gotha beisteuern?",
      },
      { by: ANNA, hoursAgo: 20, text: "Mache ich bis Freitag. Bei uns sind die nicht wahrgenommenen Termine nach Einführung der Erinnerung von etwa 15 auf 6 Prozent gesunken." },
    ],
  },
  {
    group: "digitales-rathaus",
    title: "Erfahrungen mit der E-Akte in kleinen Gemeinden",
    posts: [
      {
        by: JONAS,
        hoursAgo: 24 * 10,
        text: "Für die Empfehlung zur E-Akte suchen wir Beispiele aus Gemeinden unter 5.000 Einwohnern. Wer kennt eine Verwaltungsgemeinschaft, die schon umgestellt hat?",
      },
      {
        by: ANNA,
        hoursAgo: 24 * 9,
        text: "Im Landkreis Gotha hat eine Verwaltungsgemeinschaft mit dem Posteingang begonnen und erst danach die Registratur umgestellt. Das hat gut funktioniert, weil die Beschäftigten früh einen Nutzen gesehen haben.",
      },
      {
        by: JONAS,
        hoursAgo: 24 * 8,
        text: "Danke! Ansprechpartner dort ist übrigens Herr M., privat erreichbar unter 0170 1234567 – einfach abends anrufen.",
        report: { by: ANNA, reason: "Hier steht eine private Telefonnummer einer Person, die nicht in der Gruppe ist." },
      },
    ],
  },
  {
    group: "digitales-rathaus",
    title: "Termin für die zweite Sitzung im Januar",
    locked: true,
    posts: [
      { by: THOMAS, hoursAgo: 24 * 14, text: "Bitte tragen Sie bis Ende der Woche ein, ob der 21. oder der 28. Januar besser passt." },
      { by: ANNA, hoursAgo: 24 * 13, text: "Der 28. Januar passt bei mir besser." },
      { by: JONAS, hoursAgo: 24 * 13, text: "Ich kann an beiden Tagen, gern also den 28." },
      { by: THOMAS, hoursAgo: 24 * 12, text: "Danke, dann treffen wir uns am 28. Januar um 10 Uhr in Erfurt. Das Thema ist damit geschlossen; die Einladung kommt per E-Mail." },
    ],
  },
  {
    group: "behoerden-chatbots-und-ki",
    title: "Welche Chatbots sind in Thüringen schon im Einsatz?",
    posts: [
      { by: JONAS, hoursAgo: 24 * 7, text: "Für die Übersicht erprobter KI-Anwendungen sammle ich hier alle Chatbots, die Thüringer Behörden schon betreiben – mit Anbieter und Themen, die sie beantworten." },
      { by: THOMAS, hoursAgo: 24 * 6, text: "Aus dem Kongress kenne ich den Chatbot des Landratsamts Saalfeld-Rudolstadt (Kita, Abfall, Kfz-Zulassung). Herr Fiedler hat angeboten, seine Zahlen zu teilen." },
    ],
  },
  {
    group: "behoerden-chatbots-und-ki",
    title: "Datenschutz-Folgenabschätzung für Chatbots – gibt es eine Vorlage?",
    posts: [
      { by: THOMAS, hoursAgo: 24 * 3, text: "Bevor wir den Leitfaden schreiben: Hat jemand eine Datenschutz-Folgenabschätzung für einen Chatbot, die wir als Muster verwenden dürfen?" },
      { by: JONAS, hoursAgo: 24 * 2, text: "Ich frage beim TLfDI nach, ob wir das Thema beim Fachgespräch im November aufnehmen können." },
    ],
  },
  {
    group: "onlinezugangsgesetz",
    title: "EfA-Leistungen: Erfahrungen mit der Nachnutzung",
    document: { title: "Empfehlung zur Nachnutzung von EfA-Leistungen" },
    posts: [
      { by: ANNA, hoursAgo: 24 * 20, text: "Die Empfehlung ist übergeben – trotzdem würde mich interessieren, welche Kommunen die Leistungen inzwischen tatsächlich nachnutzen." },
      { by: THOMAS, hoursAgo: 24 * 19, text: "Das Finanzministerium erhebt das gerade. Sobald die Zahlen da sind, stelle ich sie hier ein." },
    ],
  },
  {
    group: "onlinezugangsgesetz",
    title: "Anbindung an das Servicekonto – Stolpersteine",
    posts: [{ by: THOMAS, hoursAgo: 24 * 4, text: "Welche Probleme gab es bei Ihnen mit der Anbindung an das Servicekonto? Ich sammle die Punkte für das nächste Gespräch mit dem Landesrechenzentrum." }],
  },
  {
    group: "verwaltung-und-regionale-wirtschaft",
    title: "Digitale Gewerbeanmeldung: Rückmeldungen aus den Kammern",
    posts: [{ by: THOMAS, hoursAgo: 24 * 9, text: "Die IHK Erfurt hat Rückmeldungen ihrer Mitglieder zur digitalen Gewerbeanmeldung geschickt. Ich fasse sie bis zur nächsten Sitzung zusammen." }],
  },
  {
    group: "kooperation-it-wirtschaft-bildung",
    title: "Praxisphasen im dualen Studium: Welche Ämter bieten Plätze an?",
    posts: [
      { by: JONAS, hoursAgo: 24 * 11, text: "Die Stadt Jena bietet ab dem Sommersemester zwei Praxisplätze in der IT-Abteilung an. Wer kann weitere Plätze melden?" },
      { by: THOMAS, hoursAgo: 24 * 10, text: "Ich frage in den Landratsämtern nach und trage die Rückmeldungen hier zusammen." },
    ],
  },
  {
    group: "nutzen-vermitteln-aengste-abbauen",
    title: "Offene Sprechstunden für Beschäftigte – wer hat Erfahrungen?",
    posts: [
      { by: ANNA, hoursAgo: 24 * 5, text: "Im Landratsamt Gotha bieten wir seit dem Sommer eine offene Sprechstunde zur E-Akte an. Die Nachfrage ist groß. Gibt es ähnliche Angebote in anderen Häusern?" },
      { by: THOMAS, hoursAgo: 24 * 4, text: "In der Geschäftsstelle machen wir gute Erfahrungen mit Digitallotsen in jedem Referat – das senkt die Hemmschwelle, Fragen zu stellen." },
    ],
  },
];

const hoursAgo = (now: number, h: number) => new Date(now - h * 3_600_000);

export function seedThreads(db: Db, ctx: { userIds: Record<string, number>; groupIds: Record<string, number> }): void {
  const now = Date.now();
  for (const demo of demoThreads) {
    const groupId = ctx.groupIds[demo.group];
    if (!groupId) continue;
    if (db.select({ id: threads.id }).from(threads).where(and(eq(threads.groupId, groupId), eq(threads.title, demo.title))).get()) continue;
    const members = db
      .select({ id: users.id, displayName: users.displayName })
      .from(groupMembers)
      .innerJoin(users, eq(users.id, groupMembers.userId))
      .where(eq(groupMembers.groupId, groupId))
      .all();
    const body = (text: string) => {
      const parsed = parsePostBody({ text }, members);
      if (!parsed.ok) throw new Error(`demo post not accepted: ${parsed.error}`);
      return parsed.body;
    };
    const reference = demo.document ? findReference(db, groupId, demo.document) : { documentId: null, heading: null };
    db.transaction(() => {
      const first = demo.posts[0];
      const last = demo.posts.at(-1)!;
      const thread = db
        .insert(threads)
        .values({
          groupId,
          title: demo.title,
          authorId: ctx.userIds[first.by],
          documentId: reference.documentId,
          headingAnchor: reference.heading?.anchor ?? null,
          headingText: reference.heading?.text ?? null,
          pinnedAt: demo.pinned ? hoursAgo(now, first.hoursAgo) : null,
          lockedAt: demo.locked ? hoursAgo(now, last.hoursAgo) : null,
          lockedBy: demo.locked ? ctx.userIds[THOMAS] : null,
          createdAt: hoursAgo(now, first.hoursAgo),
          lastPostAt: hoursAgo(now, last.hoursAgo),
        })
        .returning({ id: threads.id })
        .get();
      const ids: number[] = [];
      for (const p of demo.posts) {
        const content = body(p.text);
        const createdAt = hoursAgo(now, p.hoursAgo);
        const editedAt = p.editedFrom ? hoursAgo(now, p.editedFrom.editedHoursAgo) : null;
        const { id } = db
          .insert(posts)
          .values({
            threadId: thread.id,
            authorId: ctx.userIds[p.by],
            body: content.json,
            bodyText: content.text,
            quotedPostId: p.quotes !== undefined ? ids[p.quotes] : null,
            createdAt,
            editedAt,
          })
          .returning({ id: posts.id })
          .get();
        ids.push(id);
        if (p.editedFrom) {
          const earlier = body(p.editedFrom.text);
          db.insert(postVersions)
            .values({ postId: id, body: earlier.json, bodyText: earlier.text, writtenAt: createdAt, replacedAt: editedAt ?? createdAt })
            .run();
        }
        if (p.report) {
          db.insert(postReports).values({ postId: id, reporterId: ctx.userIds[p.report.by], reason: p.report.reason, createdAt: hoursAgo(now, p.hoursAgo - 1) }).run();
        }
      }
      for (const [email, index] of Object.entries(demo.readUpTo ?? {})) {
        db.insert(threadReads).values({ threadId: thread.id, userId: ctx.userIds[email], lastReadPostId: ids[index], readAt: new Date(now) }).run();
      }
    });
  }
}

/** The demo document by title, and the named heading when the document's text has it (else a stable anchor for it). */
function findReference(db: Db, groupId: number, ref: { title: string; heading?: string }) {
  const doc = db.select({ id: documents.id }).from(documents).where(and(eq(documents.groupId, groupId), eq(documents.title, ref.title))).get();
  if (!doc) return { documentId: null, heading: null };
  if (!ref.heading) return { documentId: doc.id, heading: null };
  const wanted = ref.heading.toLowerCase();
  const found = documentHeadings(doc.id).find((h) => h.text.toLowerCase().includes(wanted));
  return { documentId: doc.id, heading: found ? { text: found.text, anchor: found.anchor } : { text: ref.heading, anchor: headingAnchor(ref.heading) } };
}
