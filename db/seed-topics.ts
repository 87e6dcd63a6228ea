import { eq, sql } from "drizzle-orm";
import { checkTransition } from "../app/topics/state-machine";
import type { Db } from "./client.server";
import { topicComments, topicProposals, topicSupports, topicTransitions, users, type ProposalStatus } from "./schema";

/**
 * Demo proposals of "Wie weiter?": what congress participants want to
 * deepen, with supports, comments and the moderation's decisions (each
 * recorded in topic_transitions like a real triage). Idempotent: a
 * proposal whose title exists is skipped with everything that belongs to it.
 */

const MODERATION = "moderation@ag-portal.test";
const ANNA = "anna.schmidt@ag-portal.test";
const JONAS = "jonas.weber@ag-portal.test";
const ADMIN = "admin@ag-portal.test";

type Step = { to: ProposalStatus; by: string; reason?: string; groupSlug?: string; daysAgo: number };

type DemoProposal = {
  title: string;
  description: string;
  loge: string | null;
  proposer: string;
  wantsToParticipate: boolean;
  daysAgo: number;
  supports: [email: string, wantsToParticipate: boolean][];
  comments: [email: string, body: string][];
  /** Status steps after "neu", in order. */
  steps: Step[];
};

const demoProposals: DemoProposal[] = [
  {
    title: "E-Akte in kleinen Gemeinden",
    description:
      "Viele Gemeinden mit weniger als 5.000 Einwohnern haben weder eigene IT noch Personal für die Einführung einer E-Akte. Wie kann eine Einführung aussehen, die mit wenigen Stunden in der Woche auskommt? Welche Rolle können Verwaltungsgemeinschaften und das Landesrechenzentrum übernehmen?",
    loge: "Digitales Rathaus",
    proposer: ANNA,
    wantsToParticipate: true,
    daysAgo: 40,
    supports: [
      [JONAS, true],
      [MODERATION, false],
    ],
    comments: [[JONAS, "In Jena haben wir mit einem Pilotamt angefangen – das würde ich gern als Beispiel einbringen."]],
    steps: [
      { to: "in_pruefung", by: MODERATION, reason: "Passt zur Arbeitsgruppe Digitales Rathaus.", daysAgo: 35 },
      {
        to: "angenommen",
        by: MODERATION,
        reason: "Wird als Schwerpunkt in der Arbeitsgruppe Digitales Rathaus bearbeitet.",
        groupSlug: "digitales-rathaus",
        daysAgo: 30,
      },
    ],
  },
  {
    title: "Barrierefreie Formulare im Onlinezugang",
    description:
      "Viele Online-Anträge sind mit Screenreader oder Tastatur kaum auszufüllen. Wir möchten gemeinsam prüfen, welche Anforderungen der BITV 2.0 bei Formularen am häufigsten verfehlt werden, und eine kurze Prüfliste für Fachverfahren und Formular-Baukästen erarbeiten.",
    loge: "Onlinezugangsgesetz in Land und Kommunen",
    proposer: JONAS,
    wantsToParticipate: true,
    daysAgo: 21,
    supports: [
      [ANNA, true],
      [ADMIN, false],
    ],
    comments: [
      [ANNA, "Sehr gern – bei uns im Landratsamt kommen dazu regelmäßig Beschwerden."],
      [MODERATION, "Wir prüfen gerade, ob das in die Arbeitsgruppe zum Onlinezugangsgesetz passt."],
    ],
    steps: [{ to: "in_pruefung", by: MODERATION, daysAgo: 14 }],
  },
  {
    title: "Gemeinsame Plattform für Ratsinformationssysteme",
    description:
      "Fast jede Kommune betreibt ein eigenes Ratsinformationssystem. Eine gemeinsame, landesweit betriebene Plattform könnte Kosten sparen und Bürgerinnen und Bürgern einen einheitlichen Zugang zu Sitzungen, Vorlagen und Beschlüssen geben.",
    loge: "Digitales Rathaus",
    proposer: ANNA,
    wantsToParticipate: false,
    daysAgo: 18,
    supports: [[JONAS, false]],
    comments: [],
    steps: [
      {
        to: "abgelehnt",
        by: MODERATION,
        reason:
          "Das Land schreibt eine gemeinsame Plattform bereits aus; eine eigene Arbeitsgruppe würde parallel arbeiten. Die Ergebnisse der Ausschreibung stellen wir im Portal vor.",
        daysAgo: 10,
      },
    ],
  },
  {
    title: "KI-Grundschulung für Sachbearbeitung",
    description:
      "Sachbearbeiterinnen und Sachbearbeiter sollen einschätzen können, wofür KI-Werkzeuge taugen und wofür nicht – auch mit Blick auf Datenschutz und Urheberrecht. Gesucht sind Inhalte und ein Format für eine halbtägige Grundschulung, die Kommunen selbst anbieten können.",
    loge: "Behörden-Chatbots und KI in der Verwaltung",
    proposer: JONAS,
    wantsToParticipate: true,
    daysAgo: 9,
    supports: [
      [ANNA, true],
      [MODERATION, false],
      [ADMIN, false],
    ],
    comments: [[ANNA, "Wichtig wäre, auch den Personalrat früh einzubinden."]],
    steps: [],
  },
  {
    title: "Digitale Ausbildung in der Verwaltung stärken",
    description:
      "Auszubildende und Anwärter lernen Digitalisierung oft nur am Rande. Wie können Verwaltungsschulen, Hochschulen und IT-Wirtschaft gemeinsam Praxisprojekte anbieten, in denen Nachwuchskräfte echte Verfahren digitalisieren?",
    loge: "Kooperation mit IT-Wirtschaft und Bildungseinrichtungen",
    proposer: MODERATION,
    wantsToParticipate: true,
    daysAgo: 4,
    supports: [[JONAS, false]],
    comments: [],
    steps: [],
  },
  {
    title: "Digitale Angebote in der Bürgersprechstunde erklären",
    description:
      "Viele Bürgerinnen und Bürger kennen die Online-Dienste ihrer Kommune nicht oder trauen ihnen nicht. Welche Formate – Sprechstunden, Erklärvideos, Lotsen im Bürgerbüro – haben sich bewährt, um Nutzen zu vermitteln und Ängste abzubauen?",
    loge: "Nutzen vermitteln – Ängste abbauen",
    proposer: ANNA,
    wantsToParticipate: false,
    daysAgo: 2,
    supports: [],
    comments: [],
    steps: [],
  },
];

const day = 24 * 60 * 60 * 1000;

export async function seedTopics(db: Db, ctx: { userIds: Record<string, number>; groupIds: Record<string, number> }): Promise<void> {
  const userId = (email: string): number | undefined =>
    ctx.userIds[email] ??
    db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`).get()?.id;
  const now = Date.now();
  const at = (daysAgo: number) => new Date(now - daysAgo * day);

  for (const p of demoProposals) {
    const exists = db.select({ id: topicProposals.id }).from(topicProposals).where(eq(topicProposals.title, p.title)).get();
    if (exists) continue;
    const proposerId = userId(p.proposer);
    if (!proposerId) continue;
    // Without its group an accepted proposal stays in review (nothing to link to).
    const steps = p.steps.filter((s) => !s.groupSlug || ctx.groupIds[s.groupSlug] !== undefined);

    db.transaction((tx) => {
      const created = at(p.daysAgo);
      const { id } = tx
        .insert(topicProposals)
        .values({
          title: p.title,
          description: p.description,
          loge: p.loge,
          proposerId,
          wantsToParticipate: p.wantsToParticipate,
          createdAt: created,
          updatedAt: created,
        })
        .returning({ id: topicProposals.id })
        .get();

      p.supports.forEach(([email, wants], i) => {
        const uid = userId(email);
        if (!uid) return;
        tx.insert(topicSupports)
          .values({ proposalId: id, userId: uid, wantsToParticipate: wants, createdAt: new Date(created.getTime() + (i + 1) * 3_600_000) })
          .onConflictDoNothing()
          .run();
      });
      p.comments.forEach(([email, body], i) => {
        tx.insert(topicComments)
          .values({ proposalId: id, authorId: userId(email) ?? null, body, createdAt: new Date(created.getTime() + (i + 1) * 7_200_000) })
          .run();
      });

      let status: ProposalStatus = "neu";
      let groupId: number | null = null;
      let reason: string | null = null;
      for (const s of steps) {
        const stepGroup = s.groupSlug ? ctx.groupIds[s.groupSlug] : null;
        const check = checkTransition(status, s.to, { reason: s.reason, groupId: stepGroup });
        if (!check.ok) throw new Error(`Demodaten „${p.title}“: ${check.error}`);
        tx.insert(topicTransitions)
          .values({
            proposalId: id,
            fromStatus: status,
            toStatus: s.to,
            actorId: userId(s.by) ?? null,
            reason: s.reason ?? null,
            groupId: stepGroup,
            createdAt: at(s.daysAgo),
          })
          .run();
        status = s.to;
        reason = s.reason ?? null;
        groupId = stepGroup ?? groupId;
      }
      const updated = steps.length ? at(steps[steps.length - 1].daysAgo) : created;
      tx.update(topicProposals).set({ status, groupId, reason, updatedAt: updated }).where(eq(topicProposals.id, id)).run();
    });
  }
}
