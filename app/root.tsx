import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import kernFonts from "@kern-ux/native/dist/fonts/fira-sans.css";
import kernStyles from "@kern-ux/native/dist/kern.min.css";
import type { GlobalRole } from "../db/schema";
import { can } from "./auth/permissions";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { useNonce } from "./components/nonce";
import { SiteFooter } from "./components/site-footer";
import { SiteHeader } from "./components/site-header";
import { de } from "./i18n/de";
import { SocketProvider } from "./realtime/socket-context";
import portalStyles from "./styles/portal.css";
import discussionStyles from "./styles/discussion.css";
import notificationStyles from "./styles/notifications.css";
import { countUnreadNotifications } from "./models/notification.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: kernFonts },
  { rel: "stylesheet", href: kernStyles },
  { rel: "stylesheet", href: portalStyles },
  // Posts and the post editor appear in threads, new-thread forms and document pages.
  { rel: "stylesheet", href: discussionStyles },
  // The bell is in every page's header.
  { rel: "stylesheet", href: notificationStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: de.portal.name }];

export async function loader({ context }: LoaderFunctionArgs) {
  const user = context.auth?.user ?? null;
  return json({
    user: user
      ? {
          id: user.id,
          displayName: user.displayName,
          role: user.role,
          organisation: user.organisation,
          // What the navigation offers comes from the permission module, like the guards.
          may: {
            listInvitations: can(user, "list:invitations"),
            listUsers: can(user, "list:users"),
          },
          // The bell's first number; the socket's "notifications:count" keeps it current.
          unreadNotifications: countUnreadNotifications(user.id),
        }
      : null,
  });
}

export type RootUser = {
  id: number;
  displayName: string;
  role: GlobalRole;
  organisation: string | null;
  may: { listInvitations: boolean; listUsers: boolean };
  unreadNotifications: number;
};

export function useOptionalUser(): RootUser | null {
  return useRouteLoaderData<typeof loader>("root")?.user ?? null;
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const user = useOptionalUser();
  return (
    <html lang="de">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="kern-light">
        <a className="skip-link" href="#inhalt">
          {de.nav.skipLink}
        </a>
        <SocketProvider userId={user?.id ?? null}>
          <SiteHeader user={user} />
          <main id="inhalt" tabIndex={-1} className="kern-container site-main">
            {children}
          </main>
          <SiteFooter />
        </SocketProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
