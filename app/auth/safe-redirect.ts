/**
 * Characters a redirect target must not contain. Browsers drop tabs and line
 * breaks from a URL and read "\" as "/", so "/\t/evil.example" or "/\\evil.example"
 * leave the portal although they look like paths; invisible and space-like
 * characters (U+3000, U+2028, U+FEFF, bidi marks) make a target read differently
 * than it resolves. C0, DEL, C1 (Cc), format characters (Cf), lone surrogates
 * (Cs), separators (Z) and the other default-ignorable characters.
 */
const REFUSED_CHARACTER = /[\p{Cc}\p{Cf}\p{Cs}\p{Z}\p{White_Space}\p{Default_Ignorable_Code_Point}\\]/u;

/**
 * Whether a target carries a refused character. Such a target is no address
 * a person typed or a page of the portal made: it was crafted, and the
 * sign-in refuses the request (400) rather than quietly going elsewhere.
 */
export function hasRefusedCharacter(target: FormDataEntryValue | string | null | undefined): boolean {
  return typeof target === "string" && REFUSED_CHARACTER.test(target);
}

/**
 * The path to send someone to after signing in (or `fallback`): only a path
 * whose `new URL(target, origin)` keeps the portal's origin. A target with a
 * refused character is refused, not cleaned. The answer is the path as the URL
 * parser resolved it (percent-encoded, ASCII only), so the Location header is
 * exactly what was checked and always a valid header value. A resolved path
 * that starts with "//" ("/.//evil.example") is refused too: sent on its own,
 * a browser would read it as another host.
 *
 * `origin` is the portal's public origin (getEnv().PUBLIC_ORIGIN on the server);
 * this module reads no environment so that client code may use it too.
 */
export function safeRedirect(
  target: FormDataEntryValue | string | null | undefined,
  origin: string,
  fallback = "/",
): string {
  if (typeof target !== "string" || !target.startsWith("/") || REFUSED_CHARACTER.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(origin).origin || url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
