/**
 * Whether a request comes from the portal's own pages: the Origin header, or
 * lacking it the Referer, must name the portal's public origin. Used for
 * every non-GET HTTP request (CSRF) and for the socket.io handshake.
 * `Origin: null` comes from an opaque origin (a sandboxed frame, a file, a
 * redirect across sites), never from a page of the portal, whatever the
 * Referer says; Remix's own check of actions would refuse it too, with a 500.
 */
export function isOwnOrigin(
  headers: { origin?: string | string[]; referer?: string | string[] },
  publicOrigin: string,
): boolean {
  const origin = first(headers.origin);
  if (origin) return origin === publicOrigin;
  const referer = first(headers.referer);
  if (!referer) return false;
  try {
    return new URL(referer).origin === publicOrigin;
  } catch {
    return false;
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
