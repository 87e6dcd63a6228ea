import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { Alert } from "./alert";

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
  const invalid = Boolean(meta.errors?.length);
  const props = getInputProps(meta, {
    type,
    ariaDescribedBy: hint ? meta.descriptionId : undefined,
  });
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
      <input
        {...props}
        // Passwords are never echoed back into the page.
        defaultValue={type === "password" ? undefined : props.defaultValue}
        key={props.key}
        autoComplete={autoComplete}
        className={`kern-form-input__input${invalid ? " kern-form-input__input--error" : ""}`}
      />
    </div>
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
  const invalid = Boolean(meta.errors?.length);
  const props = getSelectProps(meta);
  return (
    <div className={`kern-form-input${invalid ? " kern-form-input--error" : ""}`}>
      <label className="kern-label" htmlFor={meta.id}>
        {label}
      </label>
      <FieldError id={meta.errorId} errors={meta.errors} />
      <div className="kern-form-input__select-wrapper">
        <select
          {...props}
          key={props.key}
          className={`kern-form-input__select${invalid ? " kern-form-input__select--error" : ""}`}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** A multi-line KERN field wired to conform, like TextField. */
export function TextAreaField({ meta, label, hint, rows = 4 }: { meta: FieldMetadata<string | undefined>; label: string; hint?: string; rows?: number }) {
  const invalid = Boolean(meta.errors?.length);
  const props = getTextareaProps(meta, { ariaDescribedBy: hint ? meta.descriptionId : undefined });
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
      <textarea {...props} key={props.key} rows={rows} className={`kern-form-input__input${invalid ? " kern-form-input__input--error" : ""}`} />
    </div>
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
