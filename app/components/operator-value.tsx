import { Fragment, type ReactNode } from "react";
import { legal } from "~/i18n/legal";

type Kind = "text" | "email" | "phone" | "auto";

type OperatorValueProps = {
  /** The configured value; null or undefined when the operator has not set it. Line breaks are kept. */
  value: string | readonly string[] | null | undefined;
  /** What is missing, e.g. "Anschrift der Behörde"; shown in the placeholder. */
  label: string;
  /** A value the operator may take over, shown in the placeholder (still marked). */
  suggestion?: string;
  /** "email" and "phone" render links; "auto" links a value that looks like an e-mail address. */
  kind?: Kind;
};

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A value from the operator configuration, or a clearly marked placeholder
 * "[Vom Betreiber einzutragen: …]". The brackets and wording carry the
 * meaning; the highlight (class operator-placeholder) only adds to it.
 */
export function OperatorValue({ value, label, suggestion, kind = "text" }: OperatorValueProps) {
  if (value === null || value === undefined || value.length === 0) {
    return <mark className="operator-placeholder">{legal.placeholder(label, suggestion)}</mark>;
  }
  const lines = typeof value === "string" ? value.split(/\r?\n/) : value;
  return (
    <>
      {lines.map((line, index) => (
        <Fragment key={index}>
          {index > 0 ? <br /> : null}
          {renderLine(line, kind)}
        </Fragment>
      ))}
    </>
  );
}

function renderLine(line: string, kind: Kind): ReactNode {
  const isEmail = kind === "email" || (kind === "auto" && emailPattern.test(line.trim()));
  if (isEmail) {
    return (
      <a className="kern-link" href={`mailto:${line.trim()}`}>
        {line}
      </a>
    );
  }
  if (kind === "phone") {
    const dial = line.replace(/[^\d+]/g, "");
    return dial.length >= 3 ? (
      <a className="kern-link" href={`tel:${dial}`}>
        {line}
      </a>
    ) : (
      line
    );
  }
  return line;
}

/** One entry of a KERN description list whose value comes from the operator configuration. */
export function OperatorField({ term, ...valueProps }: OperatorValueProps & { term: string }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{term}</dt>
      <dd className="kern-description-list-item__value">
        <OperatorValue {...valueProps} />
      </dd>
    </div>
  );
}

/** One entry of a KERN description list with fixed content. */
export function DescriptionItem({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{term}</dt>
      <dd className="kern-description-list-item__value">{children}</dd>
    </div>
  );
}
