import { useEffect, useRef, useState } from "react";
import { notificationTexts as t } from "~/i18n/notifications";
import { useSocket } from "~/realtime/socket-context";

/**
 * The header's link to the notifications with the unread count as text
 * ("3 ungelesen"), not only as a coloured dot. The first number comes from
 * the root loader; "notifications:count" from the socket keeps it current.
 * Only a rising count is announced (politely), so reading notifications
 * elsewhere does not chatter in the screen reader.
 */
export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const { socket } = useSocket();
  const [unread, setUnread] = useState(initialUnread);
  const [announcement, setAnnouncement] = useState("");
  const last = useRef(initialUnread);

  // A navigation reloads the root loader: its number is the newest.
  useEffect(() => {
    last.current = initialUnread;
    setUnread(initialUnread);
  }, [initialUnread]);

  useEffect(() => {
    if (!socket) return;
    const onCount = ({ unread: next }: { unread: number }) => {
      if (next > last.current) setAnnouncement(t.liveNew(next));
      last.current = next;
      setUnread(next);
    };
    socket.on("notifications:count", onCount);
    return () => {
      socket.off("notifications:count", onCount);
    };
  }, [socket]);

  return (
    <>
      <a className={`notification-bell${unread > 0 ? " notification-bell--unread" : ""}`} href="/benachrichtigungen" data-unread={unread}>
        <svg className="notification-bell__icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        <span className="notification-bell__label">{t.bellLabel}</span>
        <span className="notification-bell__count">{unread > 0 ? t.unread(unread) : t.unreadNone}</span>
      </a>
      <span className="kern-sr-only" aria-live="polite">
        {announcement}
      </span>
    </>
  );
}
