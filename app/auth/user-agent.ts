/** "Chrome 156 unter Linux" from a User-Agent header: enough to recognise one's own devices. */
export function describeUserAgent(ua: string | null | undefined): string | null {
  if (!ua) return null;
  const browser =
    match(ua, /Edg\/(\d+)/, "Edge") ??
    match(ua, /Firefox\/(\d+)/, "Firefox") ??
    match(ua, /(?:Chrome|Chromium)\/(\d+)/, "Chrome") ??
    match(ua, /Version\/(\d+)[^ ]* Safari/, "Safari");
  const os = /Windows/.test(ua)
    ? "Windows"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Mac OS X/.test(ua)
        ? "macOS"
        : /Android/.test(ua)
          ? "Android"
          : /Linux/.test(ua)
            ? "Linux"
            : null;
  if (!browser && !os) return null;
  return [browser ?? "Browser", os ? `unter ${os}` : null].filter(Boolean).join(" ");
}

function match(ua: string, re: RegExp, name: string): string | null {
  const m = re.exec(ua);
  return m ? `${name} ${m[1]}` : null;
}
