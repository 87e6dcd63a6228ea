import { getInputProps, type FieldMetadata } from "@conform-to/react";
import type { ProposalStatus } from "../../db/schema";
import { topicTexts as t } from "~/i18n/topics";

const statusVariant: Record<ProposalStatus, string> = {
  neu: "info",
  in_pruefung: "warning",
  angenommen: "success",
  zusammengefuehrt: "success",
  abgelehnt: "danger",
};

/** The proposal's status as a KERN badge with its German name (text, not colour alone). */
export function TopicStatusBadge({ status }: { status: ProposalStatus }) {
  return (
    <span className={`kern-badge kern-badge--${statusVariant[status]}`}>
      <span className="kern-label">{t.status[status]}</span>
    </span>
  );
}

/** A KERN checkbox wired to conform (value "on" → true in the schema). */
export function CheckboxField({ meta, label, hint }: { meta: FieldMetadata<boolean | undefined>; label: string; hint?: string }) {
  const props = getInputProps(meta, { type: "checkbox", ariaDescribedBy: hint ? meta.descriptionId : undefined });
  return (
    <div className="kern-form-check">
      <input {...props} key={props.key} className="kern-form-check__checkbox" />
      <label className="kern-label" htmlFor={meta.id}>
        {label}
      </label>
      {hint ? (
        // radio-hint (portal.css) puts the hint in the text column of the KERN check grid.
        <div className="kern-hint radio-hint" id={meta.descriptionId}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

/** "Unterstützen" as a toggle: aria-pressed tells the state, pressing again takes the support back. */
export function SupportButton({ pressed, label, small = false }: { pressed: boolean; label?: string; small?: boolean }) {
  return (
    <button
      type="submit"
      name="intent"
      value="support"
      aria-pressed={pressed}
      aria-label={label}
      className={`kern-btn kern-btn--${pressed ? "primary" : "secondary"}${small ? " kern-btn--x-small" : ""}`}
    >
      {pressed ? <span className="kern-icon kern-icon--check" aria-hidden="true" /> : null}
      <span className="kern-label">{t.support}</span>
    </button>
  );
}

/** Plain text with its line breaks as paragraphs (no inline styles: the CSP forbids them). */
export function Paragraphs({ text, className = "kern-body" }: { text: string; className?: string }) {
  return (
    <>
      {text
        .split(/\r?\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          <p key={i} className={className}>
            {p}
          </p>
        ))}
    </>
  );
}
