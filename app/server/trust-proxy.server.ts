import net from "node:net";

/**
 * TRUST_PROXY: which proxies may tell the client's address in
 * X-Forwarded-For, in the forms Express's "trust proxy" setting takes.
 * Unset or "false" trusts none: the socket's address is the client's, so no
 * client can choose the address its login attempts are counted under.
 */
export type TrustProxy = boolean | number | string[];

/** Names Express (proxy-addr) knows for address ranges. */
const RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

export const TRUST_PROXY_HINT =
  "erwartet false, true, eine Anzahl Proxys (z. B. 1) oder Adressen bzw. Netze der Proxys, durch Komma getrennt (z. B. loopback oder 10.0.0.5, 10.1.0.0/16)";

/** The setting for app.set("trust proxy", …), or null when the text is none of the accepted forms. */
export function parseTrustProxy(text: string): TrustProxy | null {
  const value = text.trim();
  if (value === "false") return false;
  if (value === "true") return true;
  if (/^\d{1,3}$/.test(value)) return Number(value);
  const entries = value.split(",").map((entry) => entry.trim());
  return entries.every(isAddressOrNetwork) ? entries : null;
}

/** A subset of what proxy-addr compiles, so a value that passes here never throws at app.set. */
function isAddressOrNetwork(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split("/");
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = family === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) >= 1 && Number(prefix) <= bits;
}
