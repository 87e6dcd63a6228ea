import type { ActivityKind } from "../../db/schema";

/** German texts of the personal feeds (Atom, JSON) and their tokens on "Meine Sitzungen". */
export const feedTexts = {
  section: "Feeds und Datenzugang",
  intro:
    "Mit einem persönlichen Schlüssel lesen Feedreader und Auswertungen die Neuigkeiten Ihrer Arbeitsgruppen, ohne dass Sie sich anmelden. Jeder Schlüssel sieht nur, was Sie selbst lesen dürfen. Geben Sie die Adressen nicht weiter; einen Schlüssel, den Sie nicht mehr brauchen, widerrufen Sie hier.",
  createTitle: "Neuen Schlüssel anlegen",
  label: "Bezeichnung",
  labelHint: "Wofür ist der Schlüssel? Zum Beispiel „Feedreader Büro“.",
  create: "Schlüssel anlegen",
  created: (label: string) => `Der Schlüssel „${label}“ wurde angelegt.`,
  showOnce:
    "Kopieren Sie die Adressen jetzt: Der Schlüssel wird nur dieses eine Mal angezeigt. Gespeichert wird nur ein Prüfwert, aus dem er sich nicht wiederherstellen lässt.",
  urlsTitle: "Ihre Adressen",
  groupFeedPattern: "Neuigkeiten einer Gruppe (Atom), „KURZNAME“ durch den Kurznamen der Gruppe aus ihrer Adresse ersetzen",
  groupFeed: (title: string) => `Neuigkeiten: ${title} (Atom)`,
  recommendationsFeed: "Beschlossene und übergebene Empfehlungen aller Gruppen (Atom)",
  json: "Daten der Fortschrittsübersicht (JSON)",
  listCaption: "Ihre Schlüssel",
  colLabel: "Bezeichnung",
  colCreated: "Angelegt",
  colLastUsed: "Zuletzt verwendet",
  colAction: "Aktion",
  neverUsed: "Noch nie",
  none: "Sie haben keinen gültigen Schlüssel.",
  revoke: "Widerrufen",
  revokeLabel: (label: string) => `Schlüssel „${label}“ widerrufen`,
  revoked: "Der Schlüssel wurde widerrufen. Adressen mit diesem Schlüssel funktionieren nicht mehr.",
  errors: {
    labelRequired: "Bitte geben Sie eine Bezeichnung ein.",
    labelTooLong: "Die Bezeichnung darf höchstens 80 Zeichen lang sein.",
    notFound: "Dieser Schlüssel wurde nicht gefunden.",
  },

  // The feeds themselves (no session: short plain-text answers)
  invalidToken: "Dieser Feed-Schlüssel ist ungültig oder wurde widerrufen.",
  notFound: "Diesen Feed gibt es nicht.",
  groupFeedTitle: (title: string) => `${title} – Neuigkeiten`,
  groupFeedSubtitle: "Was in der Arbeitsgruppe geschieht: Dokumente, Diskussionen, Mitglieder, Materialien, Meilensteine.",
  recommendationsTitle: "Beschlossene Empfehlungen",
  recommendationsSubtitle: "Beschlossene und übergebene Empfehlungen der Arbeitsgruppen.",
  recommendationEntry: (title: string, group: string) => `${title} (${group})`,
  recommendationSummary: (status: string, group: string) => `${status} – Arbeitsgruppe ${group}`,
  status: { beschlossen: "Beschlossen", uebergeben: "Übergeben" },
  activity: {
    group_created: "Gruppe eröffnet",
    document_created: "Neues Dokument",
    document_status: "Statuswechsel",
    thread_created: "Neue Diskussion",
    post_created: "Neuer Beitrag",
    member_joined: "Neues Mitglied",
    member_left: "Mitglied ausgetreten",
    material_added: "Neues Material",
    milestone_added: "Neuer Meilenstein",
    milestone_done: "Meilenstein erreicht",
  } satisfies Record<ActivityKind, string>,
  activityTitle: (kind: string, title: string) => `${kind}: ${title}`,
} as const;
