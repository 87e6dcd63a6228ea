import type { GroupRole, GroupStatus, GroupVisibility } from "../../db/schema";
import { groupTexts as t } from "~/i18n/groups";

const statusVariant: Record<GroupStatus, string> = { aktiv: "success", abgeschlossen: "info", archiviert: "warning" };

/** Status, visibility and the user's role in a group, as KERN badges with text (not colour alone). */
export function GroupBadges({ status, visibility, role }: { status: GroupStatus; visibility: GroupVisibility; role?: GroupRole | null }) {
  return (
    <p className="badge-row">
      <span className={`kern-badge kern-badge--${statusVariant[status]}`}>
        <span className="kern-label">{t.status[status]}</span>
      </span>
      <span className={`kern-badge kern-badge--${visibility === "vertraulich" ? "danger" : "info"}`}>
        <span className="kern-label">{t.visibility[visibility]}</span>
      </span>
      {role ? (
        <span className="kern-badge kern-badge--info">
          <span className="kern-label">{t.yourRole(t.roles[role])}</span>
        </span>
      ) : null}
    </p>
  );
}
