import { withoutCharsForbiddenInXml } from "~/documents/xml-chars";

/**
 * Atom 1.0 (RFC 4287) as a pure function of its data: every text and URL is
 * escaped here, so titles typed by users ("<Entwurf> & Co") cannot break the
 * XML or inject markup into a feed reader.
 */

export type AtomEntry = {
  id: string;
  title: string;
  /** Absolute URL of the entry's page in the portal. */
  url: string;
  updated: Date;
  author: string | null;
  summary?: string | null;
  /** HTML shown by the feed reader; escaped as text inside <content type="html">. */
  contentHtml?: string | null;
};

export type AtomFeed = {
  id: string;
  title: string;
  subtitle?: string;
  /** The feed's own URL (rel="self"); feed URLs carry the token, so callers may pass a redacted one. */
  selfUrl: string;
  /** The page the feed belongs to (rel="alternate"). */
  alternateUrl: string;
  /** Used when there are no entries. */
  updated: Date;
  generator: string;
  entries: AtomEntry[];
};

export function escapeXml(value: string): string {
  return withoutCharsForbiddenInXml(value)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** A tag: URI (RFC 4151) from the portal's host name: stable even if the path scheme changes. */
export function tagUri(origin: string, specific: string): string {
  return `tag:${new URL(origin).hostname},2026:${specific}`;
}

export function renderAtom(feed: AtomFeed): string {
  const updated = feed.entries.reduce((max, e) => (e.updated > max ? e.updated : max), new Date(0));
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">`,
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    ...(feed.subtitle ? [`  <subtitle>${escapeXml(feed.subtitle)}</subtitle>`] : []),
    `  <updated>${(feed.entries.length ? updated : feed.updated).toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(feed.alternateUrl)}"/>`,
    `  <generator>${escapeXml(feed.generator)}</generator>`,
    // RFC 4287 wants an author on the feed or on every entry; the portal is the feed's author.
    `  <author><name>${escapeXml(feed.generator)}</name></author>`,
    ...feed.entries.map(renderEntry),
    `</feed>`,
  ];
  return lines.join("\n") + "\n";
}

function renderEntry(entry: AtomEntry): string {
  return [
    `  <entry>`,
    `    <id>${escapeXml(entry.id)}</id>`,
    `    <title type="text">${escapeXml(entry.title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(entry.url)}"/>`,
    `    <updated>${entry.updated.toISOString()}</updated>`,
    ...(entry.author ? [`    <author><name>${escapeXml(entry.author)}</name></author>`] : []),
    ...(entry.summary ? [`    <summary type="text">${escapeXml(entry.summary)}</summary>`] : []),
    ...(entry.contentHtml ? [`    <content type="html">${escapeXml(entry.contentHtml)}</content>`] : []),
    `  </entry>`,
  ].join("\n");
}
