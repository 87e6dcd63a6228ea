import type { GlobalRole } from "./schema";

/** Demo accounts for `npm start`: for demonstration only, listed in the README. */
export const DEMO_PASSWORD = "Demo-Passwort-2018";

export const demoUsers: {
  email: string;
  displayName: string;
  role: GlobalRole;
  organisation: string;
}[] = [
  { email: "admin@ag-portal.test", displayName: "Petra Hoffmann", role: "admin", organisation: "Thüringer Landesrechenzentrum" },
  { email: "moderation@ag-portal.test", displayName: "Thomas Keller", role: "moderator", organisation: "Geschäftsstelle E-Government-Kongress" },
  { email: "anna.schmidt@ag-portal.test", displayName: "Anna Schmidt", role: "member", organisation: "Landratsamt Gotha" },
  { email: "jonas.weber@ag-portal.test", displayName: "Jonas Weber", role: "member", organisation: "Stadtverwaltung Jena" },
  { email: "beobachtung@ag-portal.test", displayName: "Dr. Claudia Berger", role: "observer", organisation: "Thüringer Finanzministerium" },
];
