import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DescriptionItem, OperatorField, OperatorValue } from "~/components/operator-value";
import { de } from "~/i18n/de";
import { legal } from "~/i18n/legal";
import { getOperatorConfig } from "~/server/operator-config.server";

const t = legal.privacy;
const f = legal.fields;
const imprint = legal.imprint;

export const meta: MetaFunction = () => [
  { title: `${t.title} – ${de.portal.name}` },
  { name: "description", content: t.intro },
];

/** Public: the privacy notice must be readable before anyone has an account. */
export async function loader() {
  return json({ operator: getOperatorConfig() });
}

export default function Datenschutz() {
  const { operator } = useLoaderData<typeof loader>();
  return (
    <div className="kern-stack page-narrow legal">
      <h1 className="kern-heading-large">{t.title}</h1>
      <p className="kern-body">{t.intro}</p>

      <section aria-labelledby="verantwortlicher" className="kern-stack">
        <h2 id="verantwortlicher" className="kern-heading-medium">{t.controllerTitle}</h2>
        <p className="kern-body">{t.controllerIntro}</p>
        <dl className="kern-description-list">
          <OperatorField term={imprint.name} value={operator.operatorName} label={f.operatorName} />
          <OperatorField term={imprint.address} value={operator.addressLines} label={f.addressLines} />
          <OperatorField term={imprint.representedBy} value={operator.representedBy} label={f.representedBy} />
          <OperatorField term={imprint.email} value={operator.email} label={f.email} kind="email" />
          <OperatorField term={imprint.phone} value={operator.phone} label={f.phone} kind="phone" />
        </dl>
      </section>

      <section aria-labelledby="dsb" className="kern-stack">
        <h2 id="dsb" className="kern-heading-medium">{t.dpoTitle}</h2>
        <p className="kern-body">{t.dpoIntro}</p>
        <dl className="kern-description-list">
          <OperatorField term={t.dpoName} value={operator.dpoName} label={f.dpoName} />
          <OperatorField term={t.dpoContact} value={operator.dpoContact} label={f.dpoContact} kind="auto" />
        </dl>
      </section>

      <section aria-labelledby="kurz" className="kern-stack">
        <h2 id="kurz" className="kern-heading-medium">{t.summaryTitle}</h2>
        <ul className="kern-list kern-list--bullet">
          {t.summary.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="verarbeitung" className="kern-stack">
        <h2 id="verarbeitung" className="kern-heading-medium">{t.processingTitle}</h2>

        <h3 className="kern-heading-small">{t.logsTitle}</h3>
        <p className="kern-body">{t.logs}</p>
        <p className="kern-body">{t.logsPurpose}</p>
        <p className="kern-body">{t.throttle}</p>

        <h3 className="kern-heading-small">{t.accountTitle}</h3>
        <p className="kern-body">{t.invitation}</p>
        <p className="kern-body">{t.account}</p>
        <p className="kern-body">{t.accountVisibility}</p>
        <p className="kern-body">{t.accountPurpose}</p>

        <h3 className="kern-heading-small">{t.sessionTitle}</h3>
        <p className="kern-body">{t.session}</p>
        <p className="kern-body">{t.sessionServer}</p>
        <p className="kern-body">{t.sessionPurpose}</p>

        <h3 className="kern-heading-small">{t.liveTitle}</h3>
        <p className="kern-body">{t.live}</p>

        <h3 className="kern-heading-small">{t.contentTitle}</h3>
        <p className="kern-body">{t.content}</p>
        <p className="kern-body">{t.contentHint}</p>

        <h3 className="kern-heading-small">{t.mailTitle}</h3>
        <p className="kern-body">{t.mail}</p>
      </section>

      <section aria-labelledby="rechtsgrundlagen" className="kern-stack">
        <h2 id="rechtsgrundlagen" className="kern-heading-medium">{t.legalBasisTitle}</h2>
        <p className="kern-body">
          {t.legalBasisIntro} <OperatorValue value={operator.publicTaskBasis} label={f.publicTaskBasis} />
        </p>
        <ul className="kern-list kern-list--bullet">
          {t.legalBasis.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        <p className="kern-body">{t.noConsent}</p>
      </section>

      <section aria-labelledby="empfaenger" className="kern-stack">
        <h2 id="empfaenger" className="kern-heading-medium">{t.recipientsTitle}</h2>
        <p className="kern-body">{t.recipients}</p>
        <p className="kern-body">
          {t.hostingIntro} <OperatorValue value={operator.hosting} label={f.hosting} />
        </p>
        <p className="kern-body">{t.processors}</p>
      </section>

      <section aria-labelledby="drittland" className="kern-stack">
        <h2 id="drittland" className="kern-heading-medium">{t.thirdCountryTitle}</h2>
        <p className="kern-body">{t.thirdCountry}</p>
      </section>

      <section aria-labelledby="speicherdauer" className="kern-stack">
        <h2 id="speicherdauer" className="kern-heading-medium">{t.retentionTitle}</h2>
        <dl className="kern-description-list">
          <OperatorField term={t.retentionLogs} value={operator.logRetention} label={f.logRetention} />
          <DescriptionItem term={t.retentionSessions}>{t.retentionSessionsText}</DescriptionItem>
          <DescriptionItem term={t.retentionInvitations}>{t.retentionInvitationsText}</DescriptionItem>
          <DescriptionItem term={t.retentionThrottle}>{t.retentionThrottleText}</DescriptionItem>
          <OperatorField term={t.retentionAccounts} value={operator.dataRetention} label={f.dataRetention} />
        </dl>
      </section>

      <section aria-labelledby="rechte" className="kern-stack">
        <h2 id="rechte" className="kern-heading-medium">{t.rightsTitle}</h2>
        <p className="kern-body">{t.rightsIntro}</p>
        <ul className="kern-list kern-list--bullet">
          {t.rights.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        <p className="kern-body">{t.rightsContact}</p>

        <h3 className="kern-heading-small">{t.objectionTitle}</h3>
        <p className="kern-body">{t.objection}</p>

        <h3 className="kern-heading-small">{t.complaintTitle}</h3>
        <p className="kern-body">{t.complaint}</p>
        <p className="kern-body">
          <OperatorValue
            value={operator.dataProtectionAuthority}
            label={f.dataProtectionAuthority}
            suggestion={legal.suggestions.dataProtectionAuthority}
          />
        </p>
      </section>

      <section aria-labelledby="pflicht" className="kern-stack">
        <h2 id="pflicht" className="kern-heading-medium">{t.requirementTitle}</h2>
        <p className="kern-body">{t.requirement}</p>
      </section>

      <section aria-labelledby="automatisiert" className="kern-stack">
        <h2 id="automatisiert" className="kern-heading-medium">{t.automatedTitle}</h2>
        <p className="kern-body">{t.automated}</p>
      </section>
    </div>
  );
}
