import type { ReactNode } from "react";
import { de } from "~/i18n/de";

type Variant = "info" | "success" | "warning" | "danger";
const titles: Record<Variant, string> = {
  info: de.common.info,
  success: de.common.success,
  warning: de.common.info,
  danger: de.common.error,
};

/** KERN alert. Errors and confirmations are announced (role alert / status). */
export function Alert({ variant, title, children, id }: { variant: Variant; title?: string; children: ReactNode; id?: string }) {
  return (
    <div className={`kern-alert kern-alert--${variant}`} role={variant === "danger" ? "alert" : "status"} id={id}>
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${variant === "danger" ? "danger" : variant}`} aria-hidden="true" />
        <span className="kern-title">{title ?? titles[variant]}</span>
      </div>
      <div className="kern-alert__body">
        <div className="kern-body">{children}</div>
      </div>
    </div>
  );
}
