import type { ErrorCode } from "./events";

/** German texts for refused socket events; the code is for programs, the message for people. */
export const socketMessages: Record<ErrorCode, string> = {
  unauthorized: "Nicht angemeldet. Bitte melden Sie sich an.",
  forbidden_origin: "Verbindung von fremder Seite abgelehnt.",
  unknown_event: "Unbekannte Nachricht abgelehnt.",
  invalid_payload: "Ungültige Nachricht abgelehnt.",
  rate_limited: "Zu viele Nachrichten in kurzer Zeit. Bitte einen Moment warten.",
};
