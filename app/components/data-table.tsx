import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

/** A KERN table with a caption (visible or for screen readers only) and column headers. */
export function DataTable({ caption, columns, children, captionHidden = true }: { caption: string; columns: string[]; children: ReactNode; captionHidden?: boolean }) {
  return (
    <div className="kern-table-responsive">
      <table className="kern-table">
        <caption className={captionHidden ? "kern-sr-only" : undefined}>{caption}</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            {columns.map((c) => (
              <th key={c} scope="col" className="kern-table__header">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="kern-table__body">{children}</tbody>
      </table>
    </div>
  );
}

/**
 * A one-button form in a table row (revoke, end, deactivate). A real POST form:
 * it works without JavaScript. The label names the row, the button shows the verb.
 */
export function RowAction({ fields, intent, label, children }: { fields: Record<string, string | number>; intent: string; label: string; children: string }) {
  return (
    <Form method="post" className="inline-form">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" name="intent" value={intent} className="kern-btn kern-btn--tertiary kern-btn--x-small" aria-label={label}>
        <span className="kern-label">{children}</span>
      </button>
    </Form>
  );
}
