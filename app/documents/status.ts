import type { DocumentStatus } from "../../db/schema";

/**
 * The status workflow of a document. Text can change only while it is a
 * draft or in consultation; a decision can be reopened for consultation;
 * a document handed over (Übergeben) is final.
 */
const next: Record<DocumentStatus, DocumentStatus[]> = {
  entwurf: ["in_konsultation", "zurueckgezogen"],
  in_konsultation: ["entwurf", "beschlossen", "zurueckgezogen"],
  beschlossen: ["in_konsultation", "uebergeben"],
  uebergeben: [],
  // Withdrawn texts stay readable; the group can take them up again as a draft.
  zurueckgezogen: ["entwurf"],
};

export function nextDocumentStatuses(status: DocumentStatus): DocumentStatus[] {
  return next[status];
}

export function isEditableStatus(status: DocumentStatus): boolean {
  return status === "entwurf" || status === "in_konsultation";
}
