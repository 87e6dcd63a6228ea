import { Link } from "@remix-run/react";
import type { ActivityKind } from "../../db/schema";
import { activityTexts as t } from "~/i18n/activity";
import { groupByDay } from "./days";

export type FeedEntry = {
  id: number;
  kind: ActivityKind;
  title: string;
  detail: string | null;
  link: string;
  createdAt: string;
  actorName: string | null;
  groupTitle: string;
  groupSlug: string;
};

/**
 * The activity list shared by a group's tab and /aktivitaet: days as
 * headings, each entry "who did what" with a link to the thing and the time
 * relative and absolute. `now` comes from the loader, so server and browser
 * render the same words.
 */
export function FeedList({ entries, now, showGroup, headingLevel = 3 }: { entries: FeedEntry[]; now: string; showGroup: boolean; headingLevel?: 2 | 3 }) {
  const current = new Date(now);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="kern-stack activity-feed">
      {groupByDay(entries, current).map((day) => (
        <section key={day.day} aria-labelledby={`tag-${day.day}`} className="kern-stack activity-day">
          <Heading id={`tag-${day.day}`} className="kern-heading-small">
            {day.heading}
          </Heading>
          <ul className="activity-list" aria-labelledby={`tag-${day.day}`}>
            {day.entries.map((e) => (
              <FeedItem key={e.id} entry={e} now={current} showGroup={showGroup} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function FeedItem({ entry, now, showGroup }: { entry: FeedEntry; now: Date; showGroup: boolean }) {
  const s = t.sentence(entry.kind, entry.detail, entry.actorName !== null);
  const at = new Date(entry.createdAt);
  return (
    <li className="activity-item" data-activity-kind={entry.kind}>
      <p className="kern-body">
        {s.withActor ? <strong>{entry.actorName ?? t.someone}</strong> : null}
        {s.withActor ? " " : ""}
        {s.before ? `${s.before} ` : ""}
        <Link className="kern-link" to={entry.link}>
          {s.withActor || s.before ? `„${entry.title}“` : entry.title}
        </Link>{" "}
        {s.after}
      </p>
      <p className="kern-body kern-body--small activity-item__meta">
        {showGroup ? (
          <>
            <Link className="kern-link" to={`/gruppen/${entry.groupSlug}`}>
              {entry.groupTitle}
            </Link>
            {" · "}
          </>
        ) : null}
        <time dateTime={entry.createdAt} title={t.absolute(at)}>
          {t.relative(at, now)}
        </time>
        {" · "}
        <span>{t.absolute(at)}</span>
      </p>
    </li>
  );
}
