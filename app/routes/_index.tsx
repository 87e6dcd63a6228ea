import type { LinksFunction, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData, useSearchParams } from "@remix-run/react";
import { can } from "~/auth/permissions";
import { Alert } from "~/components/alert";
import { BulletList, Section } from "~/components/page-section";
import { DashboardView } from "~/dashboard/dashboard-view";
import { dashboardPageData, type DashboardPageData } from "~/dashboard/page-data.server";
import { de } from "~/i18n/de";
import { groupTexts } from "~/i18n/groups";
import { listMyGroups } from "~/models/group.server";
import { listMyGroupInvitations } from "~/models/membership.server";
import dashboardStyles from "~/styles/dashboard.css";

// The observers' start page is the dashboard; its styles are small enough to load for everyone.
export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];

export const meta: MetaFunction = () => [
  { title: de.portal.name },
  { name: "description", content: de.home.intro },
];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const user = context.auth?.user ?? null;
  if (!user) return json({ user: null });
  // Observers come to follow progress: their start page is the dashboard.
  if (user.role === "observer") {
    return json({ user: null, dashboard: dashboardPageData(user, new URL(request.url)) });
  }
  return json({
    user: {
      displayName: user.displayName,
      role: user.role,
      steps: {
        invite: can(user, "list:invitations"),
        users: can(user, "list:users"),
        createGroup: can(user, "create:group"),
      },
    },
    myGroups: listMyGroups(user.id),
    invitations: listMyGroupInvitations(user.id),
  });
}

export default function Index() {
  const data = useLoaderData<typeof loader>();
  if ("dashboard" in data) {
    // Remix merges the loader's answers into one type; this one is the observer's.
    const observer = data as unknown as { dashboard: SerializeFrom<DashboardPageData> };
    return <DashboardView data={observer.dashboard} preline={de.home.yourRole(de.roles.observer)} />;
  }
  return data.user && "myGroups" in data ? <SignedInHome user={data.user} myGroups={data.myGroups} invitations={data.invitations} /> : <PublicStart />;
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

type HomeData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { myGroups: unknown }>;

function SignedInHome({ user, myGroups, invitations }: { user: NonNullable<HomeData["user"]>; myGroups: HomeData["myGroups"]; invitations: HomeData["invitations"] }) {
  const [params] = useSearchParams();
  const steps: ({ href: string; label: string } | null)[] = [
    { href: "/gruppen", label: de.home.stepGroups },
    user.steps.createGroup ? { href: "/gruppen/neu", label: de.home.stepCreateGroup } : null,
    { href: "/themen", label: de.home.stepTopics },
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
      {params.get("einladung") === "abgelehnt" ? <Alert variant="success">{groupTexts.join.inviteDeclined}</Alert> : null}
      {invitations.length ? (
        <Section id="gruppen-einladungen" title={de.home.groupInvitationsTitle}>
          <ul className="kern-list">
            {invitations.map((i) => (
              <li key={i.id}>
                {/* The invitation's own page: a vertraulich group is not readable before it is accepted. */}
                <a className="kern-link" href={`/gruppen/${i.groupSlug}/einladung`}>{i.groupTitle}</a> – {de.home.invitedAs(groupTexts.roles[i.role])}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section id="meine-gruppen" title={de.home.myGroupsTitle}>
        {myGroups.length ? (
          <ul className="kern-list">
            {myGroups.map((g) => (
              <li key={g.slug}>
                <a className="kern-link" href={`/gruppen/${g.slug}`}>{g.title}</a>
                {g.myRole ? ` – ${groupTexts.roles[g.myRole]}` : ""}
                {g.status !== "aktiv" ? ` (${groupTexts.status[g.status]})` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p className="kern-body">{de.home.noGroups}</p>
        )}
      </Section>
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
