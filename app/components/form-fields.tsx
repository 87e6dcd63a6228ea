import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { Alert } from "./alert";

type Meta = Pick<FieldMetadata<unknown>, "id" | "errorId" | "descriptionId" | "errors">;

/**
 * The frame every KERN form field shares: label, optional hint, the error
 * (linked by conform's aria-describedby) and the control itself.
 */
export function FieldShell({ meta, label, hint, children }: { meta: Meta; label: string; hint?: string; children: ReactNode }) {
  const invalid = Boolean(meta.errors?.length);
  return (
    <div className={`kern-form-input${invalid ? " kern-form-input--error" : ""}`}>
      <label className="kern-label" htmlFor={meta.id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={meta.descriptionId}>
          {hint}
        </div>
      ) : null}
      <FieldError id={meta.errorId} errors={meta.errors} />
      {children}
    </div>
  );
}

/** KERN's class for a control, with its error variant when the field has errors. */
export function controlClass(base: "kern-form-input__input" | "kern-form-input__select", meta: Meta): string {
  return meta.errors?.length ? `${base} ${base}--error` : base;
}

type InputType = "text" | "email" | "password" | "url";

/** A KERN text field wired to conform: label, hint, error, aria attributes. */
export function TextField({
  meta,
  label,
  type = "text",
  hint,
  autoComplete,
}: {
  meta: FieldMetadata<string>;
  label: string;
  type?: InputType;
  hint?: string;
  autoComplete?: string;
}) {
  const props = getInputProps(meta, { type, ariaDescribedBy: hint ? meta.descriptionId : undefined });
  return (
    <FieldShell meta={meta} label={label} hint={hint}>
      <input
        {...props}
        // Passwords are never echoed back into the page.
        defaultValue={type === "password" ? undefined : props.defaultValue}
        key={props.key}
        autoComplete={autoComplete}
        className={controlClass("kern-form-input__input", meta)}
      />
    </FieldShell>
  );
}

export function SelectField({
  meta,
  label,
  options,
}: {
  meta: FieldMetadata<string>;
  label: string;
  options: { value: string; label: string }[];
}) {
  const props = getSelectProps(meta);
  return (
    <FieldShell meta={meta} label={label}>
      <div className="kern-form-input__select-wrapper">
        <select {...props} key={props.key} className={controlClass("kern-form-input__select", meta)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </FieldShell>
  );
}

/** A multi-line KERN field wired to conform, like TextField. */
export function TextAreaField({ meta, label, hint, rows = 4 }: { meta: FieldMetadata<string | undefined>; label: string; hint?: string; rows?: number }) {
  const props = getTextareaProps(meta, { ariaDescribedBy: hint ? meta.descriptionId : undefined });
  return (
    <FieldShell meta={meta} label={label} hint={hint}>
      <textarea {...props} key={props.key} rows={rows} className={controlClass("kern-form-input__input", meta)} />
    </FieldShell>
  );
}

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p className="kern-error" id={id}>
      <span className="kern-icon kern-icon--danger" aria-hidden="true" />
      <span>{errors[0]}</span>
    </p>
  );
}

/** Errors that belong to the whole form (wrong password, too many attempts). */
export function FormErrors({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <Alert variant="danger" id={id}>
      {errors.map((e) => (
        <p key={e}>{e}</p>
      ))}
    </Alert>
  );
}

export function SubmitButton({ children, variant = "primary" }: { children: string; variant?: "primary" | "secondary" }) {
  return (
    <button type="submit" className={`kern-btn kern-btn--${variant}`}>
      <span className="kern-label">{children}</span>
    </button>
  );
}
