import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearedSessionCookie } from "~/auth/session-cookie.server";
import { invalidateSession } from "~/auth/session.server";

/** Logout is a POST (a link could be triggered by another site); GET just goes home. */
export async function loader() {
  return redirect("/");
}

export async function action({ context }: ActionFunctionArgs) {
  if (context.auth) invalidateSession(context.auth.session.id, context.auth.user.id, "logout");
  return redirect("/anmelden?abgemeldet=1", { headers: { "Set-Cookie": clearedSessionCookie() } });
}
