import type { DocumentStatus } from "../../db/schema";
import { documentTexts as t } from "~/i18n/documents";

const variant: Record<DocumentStatus, string> = { entwurf: "info", in_konsultation: "warning", beschlossen: "success", uebergeben: "success", zurueckgezogen: "danger" };

export function DocumentStatusBadge({ status }: { status: DocumentStatus }) {
  return (
    <span className={`kern-badge kern-badge--${variant[status]}`}>
      <span className="kern-label">{t.status[status]}</span>
    </span>
  );
}
