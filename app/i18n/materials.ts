import { allowedTypeNames } from "../materials/allowed-types";

const oneDecimal = new Intl.NumberFormat("de-DE", { maximumFractionDigits: 1 });

/** File sizes the German way: "830 Byte", "12,5 KB", "1,2 MB", "2 GB" (binary units, as file managers show them). */
function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} Byte`;
  if (bytes < 1024 * 1024) return `${oneDecimal.format(bytes / 1024)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${oneDecimal.format(bytes / (1024 * 1024))} MB`;
  return `${oneDecimal.format(bytes / (1024 * 1024 * 1024))} GB`;
}

/** German texts of the Materialien tab (talks and working papers) and its downloads. */
export const materialTexts = {
  title: "Materialien",
  intro: "Vorträge des Kongresses und Arbeitspapiere der Gruppe zum Herunterladen.",
  listTitle: "Vorträge und Arbeitspapiere",
  empty: "Noch keine Materialien. Sobald jemand aus der Gruppe einen Vortrag oder ein Arbeitspapier hochlädt, steht es hier.",
  count: (n: number) => (n === 1 ? "1 Material" : `${n} Materialien`),
  columns: {
    title: "Titel",
    talk: "Vortrag",
    type: "Dateityp",
    size: "Größe",
    uploadedBy: "Hochgeladen von",
    date: "Datum",
    actions: "Aktionen",
  },
  speaker: (name: string) => `Vortrag: ${name}`,
  loge: (loge: string) => `Loge: ${loge}`,
  noTalk: "–",
  unknownUploader: "Ehemaliges Mitglied",
  download: "Herunterladen",
  downloadLabel: (title: string, type: string, size: string) => `„${title}“ herunterladen (${type}, ${size})`,
  delete: "Löschen",
  deleteLabel: (title: string) => `Material „${title}“ löschen`,
  uploaded: (title: string) => `„${title}“ wurde hochgeladen.`,
  deleted: (title: string) => `„${title}“ wurde gelöscht.`,

  uploadTitle: "Material hochladen",
  uploadIntro:
    "Laden Sie Vortragsfolien, Arbeitspapiere oder Abbildungen hoch. Alle, die diese Gruppe lesen dürfen, können sie herunterladen.",
  noUpload: "Materialien hochladen können die Mitglieder der Gruppe.",
  archivedNoUpload: "Die Gruppe ist archiviert: Materialien können nicht mehr hochgeladen oder gelöscht werden.",
  fields: {
    title: "Titel",
    description: "Beschreibung",
    descriptionHint: "Worum geht es? Optional, höchstens 2000 Zeichen.",
    talkLegend: "Angaben zum Vortrag (optional, nur bei Vorträgen des Kongresses)",
    speaker: "Vortragende Person",
    speakerHint: "Name und Funktion, z. B. „Dr. Maria Beispiel, Leiterin Digitalisierung, Stadt Jena“.",
    loge: "Loge",
    logeNone: "Keine Loge",
    file: "Datei",
    fileHint: (max: string) => `Erlaubt sind ${allowedTypeNames}; höchstens ${max}.`,
  },
  submit: "Hochladen",

  errors: {
    titleRequired: "Bitte geben Sie einen Titel ein.",
    tooLong: (max: number) => `Bitte höchstens ${max} Zeichen eingeben.`,
    loge: "Bitte wählen Sie eine Loge aus der Liste.",
    fileMissing: "Bitte wählen Sie eine Datei aus.",
    fileEmpty: "Die gewählte Datei ist leer.",
    fileType: `Dieser Dateityp ist nicht erlaubt. Erlaubt sind ${allowedTypeNames}.`,
    tooLarge: (max: string) => `Die Datei ist zu groß. Erlaubt sind höchstens ${max}.`,
    notMultipart: "Bitte laden Sie Materialien über das Formular „Material hochladen“ hoch.",
    notFound: "Dieses Material gibt es in dieser Arbeitsgruppe nicht (mehr).",
    fileGone: "Die Datei zu diesem Material ist nicht mehr vorhanden. Bitte wenden Sie sich an die Gruppenmoderation.",
    // ZIP-based office files whose archive is implausible (zip-check.server.ts); the type is the short name, e.g. "DOCX".
    archive: {
      damaged: (type: string) =>
        `Die Datei ist als ${type} nicht einwandfrei aufgebaut (beschädigt oder nachträglich verändert). ` +
        "Solche Dateien werden zum Schutz aller, die sie öffnen, nicht angenommen. Bitte speichern Sie die Datei in Ihrem Office-Programm neu und laden Sie sie erneut hoch.",
      tooLarge: (unpacked: string, max: string) =>
        `Die Datei würde entpackt ${unpacked} belegen; erlaubt sind höchstens ${max}. Bitte teilen Sie sie auf oder verkleinern Sie enthaltene Bilder.`,
      ratio: (max: number) =>
        `Die Datei ist ungewöhnlich stark gepackt (mehr als ${max} : 1). So sehen sogenannte ZIP-Bomben aus, die beim Öffnen den Rechner lahmlegen; ` +
        "die Datei wird deshalb nicht angenommen. Bitte speichern Sie sie in Ihrem Office-Programm neu.",
      tooManyEntries: (max: number) =>
        `Die Datei besteht aus mehr als ${max.toLocaleString("de-DE")} Teilen und wird deshalb nicht angenommen. Übliche Office-Dateien haben weit weniger.`,
      encrypted: "Die Datei enthält verschlüsselte Teile, die sich nicht prüfen lassen. Bitte laden Sie sie ohne Verschlüsselung hoch.",
    },
  },

  size: formatSize,
  uploadedOn: (date: string) => `am ${date}`,
} as const;
