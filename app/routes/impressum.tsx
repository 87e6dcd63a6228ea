import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OperatorField, OperatorValue } from "~/components/operator-value";
import { Section } from "~/components/page-section";
import { de } from "~/i18n/de";
import { legal } from "~/i18n/legal";
import { getOperatorConfig } from "~/server/operator-config.server";

const t = legal.imprint;
const f = legal.fields;

export const meta: MetaFunction = () => [
  { title: `${t.title} – ${de.portal.name}` },
  { name: "description", content: t.intro },
];

/** Public: the Impressum must be reachable without signing in. */
export async function loader() {
  return json({ operator: getOperatorConfig() });
}

export default function Impressum() {
  const { operator } = useLoaderData<typeof loader>();
  return (
    <div className="kern-stack page-narrow legal">
      <h1 className="kern-heading-large">{t.title}</h1>
      <p className="kern-body">{t.intro}</p>

      <Section id="anbieter" title={t.providerTitle}>
        <dl className="kern-description-list">
          <OperatorField term={t.name} value={operator.operatorName} label={f.operatorName} />
          <OperatorField term={t.address} value={operator.addressLines} label={f.addressLines} />
          <OperatorField term={t.legalForm} value={operator.authorityNote} label={f.authorityNote} />
          <OperatorField term={t.representedBy} value={operator.representedBy} label={f.representedBy} />
          {operator.vatId ? <OperatorField term={t.vatId} value={operator.vatId} label={f.vatId} /> : null}
        </dl>
      </Section>

      <Section id="kontakt" title={t.contactTitle}>
        <dl className="kern-description-list">
          <OperatorField term={t.email} value={operator.email} label={f.email} kind="email" />
          <OperatorField term={t.phone} value={operator.phone} label={f.phone} kind="phone" />
        </dl>
      </Section>

      <Section id="aufsicht" title={t.supervisoryTitle}>
        <p className="kern-body">
          <OperatorValue value={operator.supervisoryAuthority} label={f.supervisoryAuthority} />
        </p>
      </Section>

      <Section id="verantwortlich" title={t.responsibleTitle}>
        <p className="kern-body">
          <OperatorValue value={operator.contentResponsible} label={f.contentResponsible} />
        </p>
      </Section>

      <Section id="software" title={t.softwareTitle}>
        <p className="kern-body">{t.software}</p>
        <p className="kern-body">
          <a className="kern-link" href={t.softwareLicenceHref}>
            {t.softwareLicenceLink}
          </a>
        </p>
        <p className="kern-body">{t.design}</p>
        <p className="kern-body">
          <a className="kern-link" href={t.designHref}>
            {t.designLink}
          </a>
        </p>
      </Section>

      <Section id="haftung" title={t.liabilityTitle}>
        <h3 className="kern-heading-small">{t.ownContentTitle}</h3>
        <p className="kern-body">{t.ownContent}</p>
        <h3 className="kern-heading-small">{t.memberContentTitle}</h3>
        <p className="kern-body">{t.memberContent}</p>
        <h3 className="kern-heading-small">{t.linksTitle}</h3>
        <p className="kern-body">{t.links}</p>
      </Section>
    </div>
  );
}
