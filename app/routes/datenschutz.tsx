import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DescriptionItem, OperatorField, OperatorValue } from "~/components/operator-value";
import { BulletList, Section } from "~/components/page-section";
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

      <Section id="verantwortlicher" title={t.controllerTitle}>
        <p className="kern-body">{t.controllerIntro}</p>
        <dl className="kern-description-list">
          <OperatorField term={imprint.name} value={operator.operatorName} label={f.operatorName} />
          <OperatorField term={imprint.address} value={operator.addressLines} label={f.addressLines} />
          <OperatorField term={imprint.representedBy} value={operator.representedBy} label={f.representedBy} />
          <OperatorField term={imprint.email} value={operator.email} label={f.email} kind="email" />
          <OperatorField term={imprint.phone} value={operator.phone} label={f.phone} kind="phone" />
        </dl>
      </Section>

      <Section id="dsb" title={t.dpoTitle}>
        <p className="kern-body">{t.dpoIntro}</p>
        <dl className="kern-description-list">
          <OperatorField term={t.dpoName} value={operator.dpoName} label={f.dpoName} />
          <OperatorField term={t.dpoContact} value={operator.dpoContact} label={f.dpoContact} kind="auto" />
        </dl>
      </Section>

      <Section id="kurz" title={t.summaryTitle}>
        <BulletList items={t.summary} />
      </Section>

      <Section id="verarbeitung" title={t.processingTitle}>

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
      </Section>

      <Section id="rechtsgrundlagen" title={t.legalBasisTitle}>
        <p className="kern-body">
          {t.legalBasisIntro} <OperatorValue value={operator.publicTaskBasis} label={f.publicTaskBasis} />
        </p>
        <BulletList items={t.legalBasis} />
        <p className="kern-body">{t.noConsent}</p>
      </Section>

      <Section id="empfaenger" title={t.recipientsTitle}>
        <p className="kern-body">{t.recipients}</p>
        <p className="kern-body">
          {t.hostingIntro} <OperatorValue value={operator.hosting} label={f.hosting} />
        </p>
        <p className="kern-body">{t.processors}</p>
      </Section>

      <Section id="drittland" title={t.thirdCountryTitle}>
        <p className="kern-body">{t.thirdCountry}</p>
      </Section>

      <Section id="speicherdauer" title={t.retentionTitle}>
        <dl className="kern-description-list">
          <OperatorField term={t.retentionLogs} value={operator.logRetention} label={f.logRetention} />
          <DescriptionItem term={t.retentionSessions}>{t.retentionSessionsText}</DescriptionItem>
          <DescriptionItem term={t.retentionInvitations}>{t.retentionInvitationsText}</DescriptionItem>
          <DescriptionItem term={t.retentionThrottle}>{t.retentionThrottleText}</DescriptionItem>
          <OperatorField term={t.retentionAccounts} value={operator.dataRetention} label={f.dataRetention} />
        </dl>
      </Section>

      <Section id="rechte" title={t.rightsTitle}>
        <p className="kern-body">{t.rightsIntro}</p>
        <BulletList items={t.rights} />
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
      </Section>

      <Section id="pflicht" title={t.requirementTitle}>
        <p className="kern-body">{t.requirement}</p>
      </Section>

      <Section id="automatisiert" title={t.automatedTitle}>
        <p className="kern-body">{t.automated}</p>
      </Section>
    </div>
  );
}
