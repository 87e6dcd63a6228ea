import { notificationKinds, type NotificationKind } from "../../db/schema";
import { notificationTexts as t } from "../i18n/notifications";

/**
 * The plain-text mails: one notification at once ("sofort") or the daily
 * digest. Pure functions, so the unit tests read exactly what is sent.
 */

export type MailItem = {
  id: number;
  kind: NotificationKind;
  groupTitle: string | null;
  text: string;
};

export type ComposedMail = { subject: string; textBody: string };

/** Every link in a mail goes through the open route: it marks the notification read, then redirects. */
export function openUrl(origin: string, notificationId: number): string {
  return `${origin}/benachrichtigungen/${notificationId}/oeffnen`;
}

function footer(origin: string): string[] {
  return ["", "--", t.mailSignature, t.mailSettings(`${origin}/konto/benachrichtigungen`), t.mailAutomatic];
}

export function composeSofortMail(recipientName: string, item: MailItem, origin: string): ComposedMail {
  const lines = [t.mailGreeting(recipientName), "", t.sofortIntro, "", item.text, t.openLink(openUrl(origin, item.id)), ...footer(origin)];
  return { subject: t.sofortSubject(item.text), textBody: lines.join("\n") };
}

/** Sections by group (alphabetical, items without a group last), inside by kind in catalogue order, oldest first. */
export function groupDigestItems(items: MailItem[]): { heading: string; kinds: { kind: NotificationKind; items: MailItem[] }[] }[] {
  const byGroup = new Map<string | null, MailItem[]>();
  for (const item of items) byGroup.set(item.groupTitle, [...(byGroup.get(item.groupTitle) ?? []), item]);
  const keys = [...byGroup.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b, "de")));
  return keys.map((key) => {
    const groupItems = byGroup.get(key)!;
    return {
      heading: key === null ? t.digestNoGroup : t.digestGroup(key),
      kinds: notificationKinds
        .map((kind) => ({ kind, items: groupItems.filter((i) => i.kind === kind).sort((a, b) => a.id - b.id) }))
        .filter((k) => k.items.length > 0),
    };
  });
}

export function composeDigestMail(recipientName: string, items: MailItem[], dayLabel: string, origin: string): ComposedMail {
  const lines = [t.mailGreeting(recipientName), "", t.digestIntro(items.length)];
  for (const section of groupDigestItems(items)) {
    lines.push("", section.heading, "=".repeat(section.heading.length));
    for (const { kind, items: kindItems } of section.kinds) {
      lines.push("", `${t.kindShort[kind]}:`);
      for (const item of kindItems) lines.push(`- ${item.text}`, `  ${openUrl(origin, item.id)}`);
    }
  }
  return { subject: t.digestSubject(dayLabel), textBody: [...lines, ...footer(origin)].join("\n") };
}
