import type { NotificationEvent } from "../notifications/events";

/** Placeholder until the notification fan-out lands (being written in this session). */
export function notify(_event: NotificationEvent): void {}
