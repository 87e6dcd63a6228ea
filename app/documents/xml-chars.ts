/**
 * Characters XML 1.0 forbids outright: control characters other than tab,
 * LF and CR, and the non-characters U+FFFE and U+FFFF. One of them makes a
 * whole feed or Word file unreadable to a strict parser, and document text
 * can hold any of them (a raw Yjs update, pasted text). The docx library
 * drops the control characters itself, not U+FFFE and U+FFFF.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function withoutCharsForbiddenInXml(value: string): string {
  return value.replace(FORBIDDEN_IN_XML, "");
}
