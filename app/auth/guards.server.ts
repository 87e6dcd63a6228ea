import { redirect, type AppLoadContext } from "@remix-run/node";
import { de } from "~/i18n/de";
import { can, type Action, type PermissionTargets } from "./permissions";
import type { SessionUser } from "./session.server";

type Args = { request: Request; context: AppLoadContext };

/**
 * Guards for loaders and actions (epic-stack's requireUser pattern). The
 * session was validated once for this request by the session middleware.
 */
export function getUser({ context }: Args): SessionUser | null {
  return context.auth?.user ?? null;
}

/** The signed-in user, or a redirect to the login that comes back here. */
export function requireUser({ request, context }: Args): SessionUser {
  const user = context.auth?.user;
  if (user) return user;
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  throw redirect(`/anmelden?${new URLSearchParams({ redirectTo })}`);
}

/** The signed-in user if the permission module allows the action, otherwise 403. */
export function requirePermission<A extends Action>(
  args: Args,
  action: A,
  ...target: PermissionTargets[A] extends undefined ? [] : [PermissionTargets[A]]
): SessionUser {
  const user = requireUser(args);
  if (!can(user, action, ...target)) forbidden();
  return user;
}

export function forbidden(message: string = de.errors.forbidden): never {
  throw new Response(message, { status: 403, statusText: "Forbidden" });
}

/** Like epic-stack's invariantResponse: throws a response with a German message when the condition fails. */
export function invariantResponse(condition: unknown, message: string, init: { status: number }): asserts condition {
  if (!condition) throw new Response(message, { status: init.status });
}
