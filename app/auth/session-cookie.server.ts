import { parse, serialize } from "cookie";
import { getEnv } from "../server/env.server";

export const SESSION_COOKIE = "ag_session";

export function readSessionToken(cookieHeader: string | null | undefined): string | null {
  if (!cookieHeader) return null;
  return parse(cookieHeader)[SESSION_COOKIE] ?? null;
}

export function sessionCookie(token: string, expiresAt: Date): string {
  return serialize(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: getEnv().SECURE_COOKIES,
    expires: expiresAt,
  });
}

export function clearedSessionCookie(): string {
  return serialize(SESSION_COOKIE, "", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: getEnv().SECURE_COOKIES,
    maxAge: 0,
  });
}
