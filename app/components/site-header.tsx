import { Form, NavLink } from "@remix-run/react";
import { de } from "~/i18n/de";
import { notificationTexts } from "~/i18n/notifications";
import { searchTexts } from "~/i18n/search";
import { activityTexts } from "~/i18n/activity";
import { dashboardTexts } from "~/i18n/dashboard";
import type { RootUser } from "~/root";
import { LiveIndicator } from "./live-indicator";
import { NotificationBell } from "./notification-bell";

export function SiteHeader({ user }: { user: RootUser | null }) {
  return (
    <header className="site-header">
      <div className="kern-container site-header__bar">
        <a href="/" className="site-header__brand">
          <span className="site-header__logo" aria-hidden="true">
            AG
          </span>
          <span className="site-header__title">
            <span className="site-header__name">{de.portal.shortName}</span>{" "}
            <span className="site-header__sub">E-Government Thüringen</span>
          </span>
        </a>
        <div className="site-header__tools">
          {user ? <HeaderSearch /> : null}
          {user ? <LiveIndicator /> : null}
          {user ? <NotificationBell initialUnread={user.unreadNotifications} /> : null}
          {user ? <UserMenu user={user} /> : <a className="kern-btn kern-btn--secondary" href="/anmelden"><span className="kern-label">{de.nav.login}</span></a>}
        </div>
      </div>
      {user ? <MainNav user={user} /> : null}
    </header>
  );
}

/** The search box: a GET form to /suche, so it works without JavaScript. */
function HeaderSearch() {
  return (
    <Form method="get" action="/suche" role="search" aria-label={searchTexts.headerLabel} className="site-search">
      <label className="kern-sr-only" htmlFor="kopf-suche">
        {searchTexts.headerLabel}
      </label>
      <input id="kopf-suche" name="q" type="search" className="kern-form-input__input site-search__input" placeholder={searchTexts.headerPlaceholder} maxLength={400} />
      <button type="submit" className="kern-btn kern-btn--secondary">
        <span className="kern-icon kern-icon--search" aria-hidden="true" />
        <span className="kern-sr-only">{searchTexts.headerSubmit}</span>
      </button>
    </Form>
  );
}

function MainNav({ user }: { user: RootUser }) {
  const items = [
    { to: "/", label: de.nav.home, show: true, end: true },
    { to: "/gruppen", label: de.nav.groups, show: true, end: false },
    { to: "/fortschritt", label: dashboardTexts.navLabel, show: true, end: false },
    { to: "/aktivitaet", label: activityTexts.navLabel, show: true, end: false },
    { to: "/themen", label: de.nav.topics, show: true, end: false },
    { to: "/einladungen", label: de.nav.invitations, show: user.may.listInvitations, end: false },
    { to: "/verwaltung/benutzer", label: de.nav.users, show: user.may.listUsers, end: false },
  ].filter((i) => i.show);
  return (
    <nav aria-label={de.nav.label} className="site-nav">
      <ul className="kern-container site-nav__list">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end} className="site-nav__link">
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A disclosure (details/summary): opens with keyboard and works without JavaScript. */
function UserMenu({ user }: { user: RootUser }) {
  return (
    <details className="user-menu">
      <summary className="user-menu__summary">
        <span className="user-menu__avatar" aria-hidden="true">
          {initials(user.displayName)}
        </span>
        <span className="kern-sr-only">{de.nav.userMenu}: </span>
        <span className="user-menu__name">{user.displayName}</span>
      </summary>
      <div className="user-menu__panel">
        <p className="kern-body kern-body--small">
          {de.nav.signedInAs(user.displayName)}
          <br />
          {de.roles[user.role]}
          {user.organisation ? ` · ${user.organisation}` : ""}
        </p>
        <ul className="user-menu__list">
          <li>
            <a className="kern-link" href="/konto/sitzungen">{de.nav.sessions}</a>
          </li>
          <li>
            <a className="kern-link" href="/konto/passwort">{de.nav.password}</a>
          </li>
          <li>
            <a className="kern-link" href="/konto/benachrichtigungen">{notificationTexts.navPrefs}</a>
          </li>
        </ul>
        <Form method="post" action="/abmelden">
          <button type="submit" className="kern-btn kern-btn--tertiary">
            <span className="kern-icon kern-icon--logout" aria-hidden="true" />
            <span className="kern-label">{de.nav.logout}</span>
          </button>
        </Form>
      </div>
    </details>
  );
}

export function initials(name: string): string {
  const parts = name.replace(/^(Dr\.|Prof\.)\s+/g, "").split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? parts[parts.length - 1][0] : "")).toUpperCase();
}
