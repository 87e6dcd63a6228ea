import { useEffect, useState } from "react";
import { de } from "~/i18n/de";
import { useSocket } from "~/realtime/socket-context";

const labels = {
  online: de.live.online,
  offline: de.live.offline,
  connecting: de.live.connecting,
  ended: de.live.ended,
} as const;

/** The header's live state. Text as well as colour, announced politely when it changes. */
export function LiveIndicator() {
  const { status } = useSocket();
  // Without JavaScript there is no live connection to speak of: the region stays empty.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return (
    <p className={`live-indicator live-indicator--${status}`} aria-live="polite" data-status={hydrated ? status : "static"}>
      {hydrated ? (
        <>
          <span className="live-indicator__dot" aria-hidden="true" />
          <span>{labels[status]}</span>
        </>
      ) : null}
    </p>
  );
}
