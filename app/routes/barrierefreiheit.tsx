import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OperatorField, OperatorValue } from "~/components/operator-value";
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

      <section aria-labelledby="stand" className="kern-stack">
        <h2 id="stand" className="kern-heading-medium">{t.statusTitle}</h2>
        <p className="kern-body">{t.status}</p>
        <h3 className="kern-heading-small">{t.testedTitle}</h3>
        <ul className="kern-list kern-list--bullet">
          {t.tested.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        <p className="kern-body">{t.testedLimit}</p>
      </section>

      <section aria-labelledby="nicht-barrierefrei" className="kern-stack">
        <h2 id="nicht-barrierefrei" className="kern-heading-medium">{t.issuesTitle}</h2>
        <p className="kern-body">{t.issuesIntro}</p>
        <ul className="kern-list kern-list--bullet">
          {t.issues.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
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
      </section>

      <section aria-labelledby="erstellung" className="kern-stack">
        <h2 id="erstellung" className="kern-heading-medium">{t.creationTitle}</h2>
        <p className="kern-body">
          {t.creationDate}{" "}
          <OperatorValue
            value={formatLegalDate(operator.accessibilityStatementDate)}
            label={f.accessibilityStatementDate}
          />
          .
        </p>
        <p className="kern-body">{t.creationMethod}</p>
      </section>

      <section aria-labelledby="feedback" className="kern-stack">
        <h2 id="feedback" className="kern-heading-medium">{t.feedbackTitle}</h2>
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
      </section>

      <section aria-labelledby="durchsetzung" className="kern-stack">
        <h2 id="durchsetzung" className="kern-heading-medium">{t.enforcementTitle}</h2>
        <p className="kern-body">{t.enforcement}</p>
        <p className="kern-body">{t.enforcementBody}</p>
        <p className="kern-body">
          <OperatorValue
            value={operator.accessibilityEnforcementBody}
            label={f.accessibilityEnforcementBody}
            suggestion={legal.suggestions.accessibilityEnforcementBody}
          />
        </p>
      </section>
    </div>
  );
}
