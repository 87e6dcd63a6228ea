import type { ErrorCode } from "./events";

/** German texts for refused socket events; the code is for programs, the message for people. */
export const socketMessages: Record<ErrorCode, string> = {
  unauthorized: "Nicht angemeldet. Bitte melden Sie sich an.",
  not_found: "Dieses Dokument gibt es nicht.",
  forbidden: "Für dieses Dokument fehlt Ihnen die Berechtigung.",
  read_only: "Dieses Dokument können Sie nur lesen.",
  not_joined: "Das Dokument ist in dieser Verbindung nicht geöffnet.",
  too_many_documents: "Zu viele gleichzeitig geöffnete Dokumente in dieser Verbindung.",
  group_not_found: "Diese Arbeitsgruppe gibt es nicht, oder sie ist vertraulich.",
  group_forbidden: "Dafür fehlt Ihnen in dieser Arbeitsgruppe die Berechtigung.",
  group_not_joined: "Die Arbeitsgruppe ist in dieser Verbindung nicht geöffnet.",
  too_many_groups: "Zu viele gleichzeitig geöffnete Arbeitsgruppen in dieser Verbindung.",
  storage_failed: "Die Änderung konnte nicht gespeichert werden. Sie wird erneut gesendet.",
  forbidden_origin: "Verbindung von fremder Seite abgelehnt.",
  unknown_event: "Unbekannte Nachricht abgelehnt.",
  invalid_payload: "Ungültige Nachricht abgelehnt.",
  ack_required: "Diese Nachricht braucht eine Empfangsbestätigung (Acknowledgement) und wurde abgelehnt.",
  rate_limited: "Zu viele Nachrichten in kurzer Zeit. Bitte einen Moment warten.",
  presence_refused: "Diese Anwesenheitsangabe gehört zu einer anderen Person und wurde abgelehnt.",
  too_many_connections: "Zu viele gleichzeitige Verbindungen mit diesem Konto. Bitte schließen Sie einige Fenster oder Tabs des Portals.",
};
