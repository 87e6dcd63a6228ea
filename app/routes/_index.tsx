import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { can } from "~/auth/permissions";
import { BulletList, Section } from "~/components/page-section";
import { de } from "~/i18n/de";

export const meta: MetaFunction = () => [
  { title: de.portal.name },
  { name: "description", content: de.home.intro },
];

export async function loader({ context }: LoaderFunctionArgs) {
  const user = context.auth?.user ?? null;
  if (!user) return json({ user: null });
  return json({
    user: {
      displayName: user.displayName,
      role: user.role,
      steps: {
        invite: can(user, "list:invitations"),
        users: can(user, "list:users"),
      },
    },
  });
}

export default function Index() {
  const { user } = useLoaderData<typeof loader>();
  return user ? <SignedInHome user={user} /> : <PublicStart />;
}

function PublicStart() {
  return (
    <div className="kern-stack page-wide">
      <hgroup className="kern-hgroup">
        <p className="kern-preline">{de.portal.tagline}</p>
        <h1 className="kern-heading-x-large">{de.home.title}</h1>
      </hgroup>
      <p className="kern-body kern-body--large page-narrow">{de.home.intro}</p>
      <Section id="was-tun" title={de.home.whatTitle}>
        <BulletList items={de.home.what} />
      </Section>
      <Section id="zugang" title={de.home.accessTitle} className="page-narrow">
        <p className="kern-body">{de.home.access}</p>
        <p>
          <a className="kern-btn kern-btn--primary" href="/anmelden">
            <span className="kern-label">{de.home.loginCta}</span>
          </a>
        </p>
      </Section>
    </div>
  );
}

type HomeUser = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["user"]>;

function SignedInHome({ user }: { user: HomeUser }) {
  const steps: ({ href: string; label: string } | null)[] = [
    user.steps.invite ? { href: "/einladungen", label: de.home.stepInvite } : null,
    user.steps.users ? { href: "/verwaltung/benutzer", label: de.home.stepUsers } : null,
    { href: "/konto/sitzungen", label: de.home.stepSessions },
    { href: "/konto/passwort", label: de.home.stepPassword },
  ];
  return (
    <div className="kern-stack page-wide">
      <hgroup className="kern-hgroup">
        <p className="kern-preline">{de.home.yourRole(de.roles[user.role])}</p>
        <h1 className="kern-heading-x-large">{de.home.welcome(user.displayName)}</h1>
      </hgroup>
      <p className="kern-body kern-body--large page-narrow">{de.home.intro}</p>
      <p className="kern-body page-narrow">{de.home.signedInIntro}</p>
      <Section id="naechste-schritte" title={de.home.nextStepsTitle}>
        <ul className="card-grid" role="list">
          {steps.filter((s) => s !== null).map((step) => (
            <li key={step.href} className="kern-card kern-card--interactive">
              <div className="kern-card__container">
                <div className="kern-card__body">
                  <a className="kern-link kern-link--stretched" href={step.href}>
                    {step.label}
                  </a>
                </div>
              </div>
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
