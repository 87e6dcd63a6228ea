import { groupTexts as t } from "~/i18n/groups";

export function EmptyTab({ title, text }: { title: string; text: string }) {
  return (
    <section aria-labelledby="tab-titel" className="kern-stack">
      <h2 id="tab-titel" className="kern-heading-medium">
        {title}
      </h2>
      <p className="kern-body">
        <strong>{t.emptyTab.title}.</strong> {text}
      </p>
    </section>
  );
}
