/** Removes secrets that travel in URLs (invitation and feed tokens) before a URL is logged. */
export function redactSecrets(url: string | undefined): string | undefined {
  return url?.replace(/\/einladung\/[^/?#]+/g, "/einladung/[entfernt]").replace(/\/feeds\/[^/?#]+/g, "/feeds/[entfernt]");
}
