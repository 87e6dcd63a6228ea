/** German texts of the post editor (discussion threads) and of post validation. */
export const postTexts = {
  errors: {
    empty: "Bitte schreiben Sie einen Beitrag.",
    tooLong: "Der Beitrag ist zu lang (höchstens 20.000 Zeichen).",
    invalid: "Der Beitrag konnte nicht gelesen werden. Bitte versuchen Sie es erneut.",
  },
  unreadable: "Dieser Beitrag kann nicht angezeigt werden.",
  hintText: "Eine Leerzeile beginnt einen neuen Absatz. @Name erwähnt ein Mitglied der Gruppe und benachrichtigt es.",
  hintEditor: "@Name erwähnt ein Mitglied der Gruppe und benachrichtigt es: Nach dem @ erscheinen Vorschläge. Strg+Eingabetaste sendet.",
  toolbar: "Textformatierung",
  bold: "Fett",
  italic: "Kursiv",
  bulletList: "Liste",
  orderedList: "Nummerierte Liste",
  blockquote: "Zitat",
  link: "Link",
  unlink: "Link entfernen",
  linkField: "Linkadresse (http, https oder mailto)",
  linkApply: "Link übernehmen",
  linkCancel: "Abbrechen",
  linkInvalid: "Nur Adressen mit http://, https:// oder mailto: sind erlaubt.",
  mentionList: "Mitglieder zum Erwähnen",
  mentionCount: (n: number) =>
    n === 0
      ? "Kein Mitglied gefunden."
      : `${n === 1 ? "1 Mitglied" : `${n} Mitglieder`} gefunden. Pfeiltasten wählen, Eingabetaste übernimmt, Escape schließt.`,
  mentionChosen: (name: string) => `${name} erwähnt.`,
};
