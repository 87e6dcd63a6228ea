/** German texts for who is where right now. */
export const presenceTexts = {
  column: "Gerade im Dokument",
  nobody: "–",
} as const;
