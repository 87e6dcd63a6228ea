import { eq } from "drizzle-orm";
import type { Db } from "./client.server";
import { groupInvitations, groupMembers, groupMilestones, groupObserverGrants, groups, joinRequests, type GroupRole, type GroupVisibility } from "./schema";

type DemoGroup = {
  slug: string;
  title: string;
  loge: string;
  visibility: GroupVisibility;
  description: string;
  goals: string[];
  milestones: { title: string; dueDate: string; done: boolean }[];
  members: [email: string, role: GroupRole][];
};

/** The congress tracks as working groups, with the themes the congress gave them. */
const demoGroups: DemoGroup[] = [
  {
    slug: "digitales-rathaus",
    title: "Digitales Rathaus",
    loge: "Digitales Rathaus",
    visibility: "intern",
    description:
      "Wie wird das Rathaus zum digitalen Dienstleister? Die Gruppe sammelt Erfahrungen aus Thüringer Kommunen mit Online-Terminvergabe, digitaler Antragsannahme und E-Akte und formuliert daraus Empfehlungen für Städte und Gemeinden jeder Größe.\n\nSie setzt die Loge „Digitales Rathaus“ des Kongresses fort.",
    goals: [
      "Checkliste „Digitales Rathaus“ für kleine und mittlere Kommunen",
      "Empfehlung zur schrittweisen Einführung der E-Akte",
      "Austausch über gelungene Beispiele aus Jena, Gotha und Weimar",
    ],
    milestones: [
      { title: "Bestandsaufnahme in den Mitgliedskommunen", dueDate: "2026-09-30", done: true },
      { title: "Entwurf der Checkliste", dueDate: "2026-11-15", done: true },
      { title: "Empfehlung E-Akte in Konsultation", dueDate: "2027-01-31", done: false },
      { title: "Übergabe an das Finanzministerium", dueDate: "2027-03-31", done: false },
    ],
    members: [
      ["moderation@ag-portal.test", "moderation"],
      ["anna.schmidt@ag-portal.test", "member"],
      ["jonas.weber@ag-portal.test", "member"],
    ],
  },
  {
    slug: "behoerden-chatbots-und-ki",
    title: "Behörden-Chatbots und KI in der Verwaltung",
    loge: "Behörden-Chatbots und KI in der Verwaltung",
    visibility: "intern",
    description:
      "Chatbots beantworten schon heute Fragen zu Kita-Plätzen und Müllabfuhr. Die Gruppe prüft, wo Künstliche Intelligenz in der Verwaltung hilft, welche Daten sie braucht und wie Datenschutz, Barrierefreiheit und Transparenz gewahrt bleiben.",
    goals: ["Leitfaden für den rechtssicheren Einsatz von Chatbots", "Übersicht erprobter KI-Anwendungen in Thüringen"],
    milestones: [
      { title: "Umfrage zu KI-Projekten in Landes- und Kommunalverwaltung", dueDate: "2026-10-31", done: true },
      { title: "Leitfaden Chatbots: erster Entwurf", dueDate: "2026-12-15", done: false },
      { title: "Fachgespräch mit dem TLfDI", dueDate: "2026-11-20", done: false },
    ],
    members: [
      ["jonas.weber@ag-portal.test", "moderation"],
      ["moderation@ag-portal.test", "member"],
    ],
  },
  {
    slug: "onlinezugangsgesetz",
    title: "Onlinezugangsgesetz in Land und Kommunen",
    loge: "Onlinezugangsgesetz in Land und Kommunen",
    visibility: "intern",
    description:
      "Das Onlinezugangsgesetz verpflichtet Bund, Länder und Kommunen, ihre Leistungen online anzubieten. Die Gruppe klärt, wie Land und Kommunen die Umsetzung teilen, welche Einer-für-Alle-Leistungen sich bewährt haben und wo Kommunen Unterstützung brauchen.",
    goals: ["Gemeinsames Bild des Umsetzungsstands", "Empfehlungen zur Nachnutzung von EfA-Leistungen"],
    milestones: [
      { title: "Umsetzungsstand der Top-20-Leistungen erheben", dueDate: "2026-10-15", done: true },
      { title: "Workshop Nachnutzung mit dem Landesrechenzentrum", dueDate: "2027-02-28", done: false },
    ],
    members: [
      ["moderation@ag-portal.test", "moderation"],
      ["anna.schmidt@ag-portal.test", "member"],
    ],
  },
  {
    slug: "verwaltung-und-regionale-wirtschaft",
    title: "Verwaltung und regionale Wirtschaft",
    loge: "Verwaltung und regionale Wirtschaft",
    visibility: "intern",
    description:
      "Unternehmen erwarten schnelle, digitale Verfahren – von der Gewerbeanmeldung bis zur Baugenehmigung. Die Gruppe bringt Verwaltung, Kammern und regionale Wirtschaft zusammen, um Verfahren gemeinsam zu vereinfachen.",
    goals: ["Drei Verfahren, die Unternehmen am meisten belasten, vereinfachen"],
    milestones: [{ title: "Gespräch mit IHK Erfurt und Handwerkskammer", dueDate: "2027-01-20", done: false }],
    members: [["moderation@ag-portal.test", "moderation"]],
  },
  {
    slug: "kooperation-it-wirtschaft-bildung",
    title: "Kooperation mit IT-Wirtschaft und Bildungseinrichtungen",
    loge: "Kooperation mit IT-Wirtschaft und Bildungseinrichtungen",
    visibility: "vertraulich",
    description:
      "Verwaltung, Hochschulen und IT-Unternehmen können mehr zusammen erreichen: gemeinsame Ausbildung, Praxisprojekte, Vergabe an regionale Anbieter. Weil hier Vergabe- und Personalfragen besprochen werden, ist die Gruppe vertraulich.",
    goals: ["Modell für Praxissemester in der Verwaltungsdigitalisierung", "Rahmen für Kooperationsvereinbarungen"],
    milestones: [
      { title: "Gespräch mit der Fachhochschule Erfurt", dueDate: "2026-09-15", done: true },
      { title: "Entwurf Kooperationsvereinbarung", dueDate: "2026-10-31", done: false },
    ],
    members: [
      ["moderation@ag-portal.test", "moderation"],
      ["jonas.weber@ag-portal.test", "member"],
    ],
  },
  {
    slug: "nutzen-vermitteln-aengste-abbauen",
    title: "Nutzen vermitteln – Ängste abbauen",
    loge: "Nutzen vermitteln – Ängste abbauen",
    visibility: "intern",
    description:
      "Digitalisierung gelingt nur mit den Beschäftigten. Die Gruppe sammelt, was Kolleginnen und Kollegen überzeugt hat, welche Sorgen es gibt und wie Schulungen und Beteiligung Ängste abbauen.",
    goals: ["Handreichung für Personalräte und Führungskräfte", "Sammlung guter Schulungsformate"],
    milestones: [{ title: "Erfahrungsberichte aus drei Landratsämtern", dueDate: "2026-12-31", done: false }],
    members: [
      ["anna.schmidt@ag-portal.test", "moderation"],
      ["moderation@ag-portal.test", "member"],
    ],
  },
];

/** Seeds the groups; returns slug → id for the later seed steps. Groups that exist are left as they are. */
export function seedGroups(db: Db, userIds: Record<string, number>): Record<string, number> {
  const now = new Date();
  const ids: Record<string, number> = {};
  for (const g of demoGroups) {
    const existing = db.select({ id: groups.id }).from(groups).where(eq(groups.slug, g.slug)).get();
    if (existing) {
      ids[g.slug] = existing.id;
      continue;
    }
    db.transaction(() => {
      const { id } = db
        .insert(groups)
        .values({
          slug: g.slug,
          title: g.title,
          loge: g.loge,
          description: g.description,
          goals: g.goals.join("\n"),
          visibility: g.visibility,
          createdBy: userIds["moderation@ag-portal.test"],
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: groups.id })
        .get();
      ids[g.slug] = id;
      for (const [email, role] of g.members) {
        db.insert(groupMembers).values({ groupId: id, userId: userIds[email], role, joinedAt: now }).run();
      }
      for (const m of g.milestones) {
        db.insert(groupMilestones).values({ groupId: id, title: m.title, dueDate: m.dueDate, doneAt: m.done ? doneNear(m.dueDate, now) : null, createdAt: now }).run();
      }
      if (g.slug === "kooperation-it-wirtschaft-bildung") {
        db.insert(groupObserverGrants).values({ groupId: id, userId: userIds["beobachtung@ag-portal.test"], grantedBy: userIds["moderation@ag-portal.test"], createdAt: now }).run();
      }
      if (g.slug === "onlinezugangsgesetz") {
        db.insert(joinRequests)
          .values({
            groupId: id,
            userId: userIds["jonas.weber@ag-portal.test"],
            message: "In Jena haben wir die Wohngeld-EfA-Leistung nachgenutzt – die Erfahrungen bringe ich gern ein.",
            createdAt: now,
          })
          .run();
      }
      if (g.slug === "behoerden-chatbots-und-ki") {
        db.insert(groupInvitations)
          .values({ groupId: id, userId: userIds["anna.schmidt@ag-portal.test"], role: "member", invitedBy: userIds["jonas.weber@ag-portal.test"], createdAt: now })
          .run();
      }
    });
  }
  return ids;
}

/** A done milestone was reached around its due day (not all at seeding time), so the dashboard shows a history. */
function doneNear(dueDate: string, now: Date): Date {
  const due = new Date(`${dueDate}T10:00:00Z`);
  return due < now ? due : now;
}
