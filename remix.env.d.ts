/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import type { SessionUser, ValidSession } from "./app/auth/session.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The validated session of this request, or null when signed out. */
    auth: { session: ValidSession; user: SessionUser } | null;
    /** Nonce for Remix's inline scripts (Content-Security-Policy). */
    cspNonce: string;
    requestId: string;
    clientIp: string;
  }
}
