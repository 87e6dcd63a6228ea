/** The tracks ("Logen") of the first Thüringer E-Government-Kongress, which the groups continue. */
export const loges = [
  "Digitales Rathaus",
  "Behörden-Chatbots und KI in der Verwaltung",
  "Onlinezugangsgesetz in Land und Kommunen",
  "Verwaltung und regionale Wirtschaft",
  "Kooperation mit IT-Wirtschaft und Bildungseinrichtungen",
  "Nutzen vermitteln – Ängste abbauen",
] as const;
export type Loge = (typeof loges)[number];
