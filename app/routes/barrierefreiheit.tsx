import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OperatorField, OperatorValue } from "~/components/operator-value";
import { BulletList, Section } from "~/components/page-section";
import { de } from "~/i18n/de";
import { formatLegalDate, legal } from "~/i18n/legal";
import { getEnv } from "~/server/env.server";
import { getOperatorConfig } from "~/server/operator-config.server";

const t = legal.accessibility;
const f = legal.fields;

export const meta: MetaFunction = () => [
  { title: `${t.title} – ${de.portal.name}` },
  { name: "description", content: t.description },
];

/** Public: the statement and its feedback contact must be reachable without signing in. */
export async function loader() {
  return json({ operator: getOperatorConfig(), origin: getEnv().PUBLIC_ORIGIN });
}

export default function Barrierefreiheit() {
  const { operator, origin } = useLoaderData<typeof loader>();
  const knownIssues = operator.accessibilityKnownIssues;
  return (
    <div className="kern-stack page-narrow legal">
      <h1 className="kern-heading-large">{t.title}</h1>
      <p className="kern-body">
        <OperatorValue value={operator.operatorName} label={f.operatorName} />
        {t.introAfterName}
      </p>
      <p className="kern-body">{t.scope(origin)}</p>

      <Section id="stand" title={t.statusTitle}>
        <p className="kern-body">{t.status}</p>
        <h3 className="kern-heading-small">{t.testedTitle}</h3>
        <BulletList items={t.tested} />
        <p className="kern-body">{t.testedLimit}</p>
      </Section>

      <Section id="nicht-barrierefrei" title={t.issuesTitle}>
        <p className="kern-body">{t.issuesIntro}</p>
        <BulletList items={t.issues} />
        {knownIssues === null || knownIssues.length > 0 ? (
          <>
            <p className="kern-body">{t.operatorIssuesIntro}</p>
            <ul className="kern-list kern-list--bullet">
              {knownIssues === null ? (
                <li>
                  <OperatorValue value={null} label={f.accessibilityKnownIssues} />
                </li>
              ) : (
                knownIssues.map((item) => <li key={item}>{item}</li>)
              )}
            </ul>
          </>
        ) : null}
      </Section>

      <Section id="erstellung" title={t.creationTitle}>
        <p className="kern-body">
          {t.creationDate}{" "}
          <OperatorValue
            value={formatLegalDate(operator.accessibilityStatementDate)}
            label={f.accessibilityStatementDate}
          />
          .
        </p>
        <p className="kern-body">{t.creationMethod}</p>
      </Section>

      <Section id="feedback" title={t.feedbackTitle}>
        <p className="kern-body">{t.feedback}</p>
        <dl className="kern-description-list">
          <OperatorField
            term={t.feedbackEmail}
            value={operator.accessibilityContactEmail}
            label={f.accessibilityContactEmail}
            kind="email"
          />
          <OperatorField
            term={t.feedbackPhone}
            value={operator.accessibilityContactPhone}
            label={f.accessibilityContactPhone}
            kind="phone"
          />
        </dl>
        <p className="kern-body">{t.feedbackHint}</p>
      </Section>

      <Section id="durchsetzung" title={t.enforcementTitle}>
        <p className="kern-body">{t.enforcement}</p>
        <p className="kern-body">{t.enforcementBody}</p>
        <p className="kern-body">
          <OperatorValue
            value={operator.accessibilityEnforcementBody}
            label={f.accessibilityEnforcementBody}
            suggestion={legal.suggestions.accessibilityEnforcementBody}
          />
        </p>
      </Section>
    </div>
  );
}
