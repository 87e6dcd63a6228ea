import { and, eq } from "drizzle-orm";
import { deriveStaleDocuments } from "../app/models/document-content.server";
import type { Db } from "./client.server";
import { documents, documentStatusChanges, type DocumentKind, type DocumentStatus } from "./schema";

/** weeksAgo: when it was started, so the dashboard's "over time" chart has a history. */
type DemoDocument = { title: string; kind: DocumentKind; status: DocumentStatus; by: string; weeksAgo?: number };

/** Documents in progress per demo group; their text arrives with the co-editor. */
const demoDocuments: Record<string, DemoDocument[]> = {
  "digitales-rathaus": [
    { title: "Empfehlung: Checkliste „Digitales Rathaus“ für kleine und mittlere Kommunen", kind: "empfehlung", status: "in_konsultation", by: "moderation@ag-portal.test", weeksAgo: 7 },
    { title: "Empfehlung: E-Akte schrittweise einführen", kind: "empfehlung", status: "entwurf", by: "anna.schmidt@ag-portal.test", weeksAgo: 3 },
    { title: "Protokoll der Auftaktsitzung am 14. Oktober 2026", kind: "protokoll", status: "beschlossen", by: "jonas.weber@ag-portal.test" },
  ],
  "behoerden-chatbots-und-ki": [
    { title: "Leitfaden für den rechtssicheren Einsatz von Chatbots", kind: "empfehlung", status: "entwurf", by: "jonas.weber@ag-portal.test", weeksAgo: 5 },
    { title: "Übersicht erprobter KI-Anwendungen in Thüringen", kind: "arbeitspapier", status: "entwurf", by: "moderation@ag-portal.test" },
  ],
  onlinezugangsgesetz: [
    { title: "Empfehlung zur Nachnutzung von EfA-Leistungen", kind: "empfehlung", status: "uebergeben", by: "moderation@ag-portal.test", weeksAgo: 10 },
  ],
};

const path: DocumentStatus[] = ["entwurf", "in_konsultation", "beschlossen", "uebergeben"];
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export function seedDocuments(db: Db, ctx: { userIds: Record<string, number>; groupIds: Record<string, number> }) {
  const now = new Date();
  for (const [slug, docs] of Object.entries(demoDocuments)) {
    const groupId = ctx.groupIds[slug];
    if (!groupId) continue;
    for (const d of docs) {
      const exists = db.select({ id: documents.id }).from(documents).where(and(eq(documents.groupId, groupId), eq(documents.title, d.title))).get();
      if (exists) continue;
      db.transaction(() => {
        const createdBy = ctx.userIds[d.by];
        const createdAt = new Date(now.getTime() - (d.weeksAgo ?? 0) * WEEK_MS);
        const steps = path.indexOf(d.status);
        // Status changes spread evenly between the start and now.
        const stepAt = (i: number) => new Date(createdAt.getTime() + ((now.getTime() - createdAt.getTime()) * i) / (steps + 1));
        const { id } = db
          .insert(documents)
          .values({ groupId, title: d.title, kind: d.kind, status: d.status, createdBy, createdAt, updatedAt: now })
          .returning({ id: documents.id })
          .get();
        // The history leads to the status the way the workflow would.
        for (let i = 1; i <= path.indexOf(d.status); i++) {
          db.insert(documentStatusChanges)
            .values({ documentId: id, fromStatus: path[i - 1], toStatus: path[i], actorId: ctx.userIds["moderation@ag-portal.test"], createdAt: d.weeksAgo ? stepAt(i) : now })
            .run();
        }
      });
    }
  }
  // Every document gets its derived text (document_contents) at once: search and feeds read it.
  deriveStaleDocuments();
}
