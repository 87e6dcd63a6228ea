import { Form, useLocation } from "@remix-run/react";
import { activityTexts as t } from "~/i18n/activity";

/**
 * "Folgen" / "Nicht mehr folgen" in the group's header: a plain form (works
 * without JavaScript); the state is said in words and by aria-pressed.
 */
export function FollowBox({ slug, following }: { slug: string; following: boolean }) {
  const location = useLocation();
  return (
    <div className="follow-box">
      <Form method="post" action={`/gruppen/${slug}/folgen`}>
        <input type="hidden" name="intent" value={following ? "unfollow" : "follow"} />
        <input type="hidden" name="back" value={`${location.pathname}${location.search}`} />
        <button type="submit" className={`kern-btn ${following ? "kern-btn--secondary" : "kern-btn--primary"}`} aria-describedby="folgen-hinweis">
          <span className="kern-label">{following ? t.follow.unfollow : t.follow.follow}</span>
        </button>
      </Form>
      <p id="folgen-hinweis" className="kern-body kern-body--small follow-box__hint">
        <strong>{following ? t.follow.following : t.follow.notFollowing}</strong> {t.follow.hint}
      </p>
    </div>
  );
}
