/** Word lists for the benchmark's large groups database: names, authorities, group topics and German text. */

export const FIRST_NAMES = [
  "Anna", "Jonas", "Lena", "Felix", "Sophie", "Lukas", "Marie", "Paul", "Laura", "Jan", "Julia", "Tim",
  "Katrin", "Stefan", "Sabine", "Michael", "Claudia", "Andreas", "Petra", "Thomas", "Heike", "Frank",
  "Ute", "Matthias", "Nadine", "Sebastian", "Jana", "Tobias", "Ines", "Martin", "Birgit", "Uwe",
];

export const LAST_NAMES = [
  "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
  "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
  "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann",
  "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang",
];

export const ORGANISATIONS = [
  "Stadtverwaltung Erfurt", "Stadtverwaltung Jena", "Stadtverwaltung Gera", "Stadtverwaltung Weimar",
  "Stadtverwaltung Gotha", "Stadtverwaltung Eisenach", "Stadtverwaltung Suhl", "Stadtverwaltung Nordhausen",
  "Landratsamt Gotha", "Landratsamt Saale-Holzland-Kreis", "Landratsamt Ilm-Kreis", "Landratsamt Wartburgkreis",
  "Landratsamt Eichsfeld", "Landratsamt Schmalkalden-Meiningen", "Gemeinde Nesse-Apfelstädt",
  "Verwaltungsgemeinschaft Hainich-Werratal", "Thüringer Landesrechenzentrum", "Gemeinde- und Städtebund Thüringen",
  "Thüringischer Landkreistag", "Fachhochschule Erfurt", "Friedrich-Schiller-Universität Jena",
  "IHK Erfurt", "Handwerkskammer Südthüringen", "Kommunale Informationsverarbeitung Thüringen",
];

export const MINISTRIES = [
  "Thüringer Finanzministerium", "Thüringer Innenministerium", "Thüringer Staatskanzlei",
  "Thüringer Ministerium für Digitales und Infrastruktur", "Thüringer Rechnungshof",
];

/** Group topics with the index of the congress track (app/groups/loges.ts) they continue, or null. */
export const TOPICS: [title: string, loge: number | null][] = [
  ["E-Akte in der Kommunalverwaltung", 0],
  ["Online-Terminvergabe im Bürgerbüro", 0],
  ["Digitale Bauantragsverfahren", 0],
  ["Chatbots für Bürgeranfragen", 1],
  ["KI-gestützte Posteingangsbearbeitung", 1],
  ["Datenschutz bei KI-Anwendungen", 1],
  ["Einer-für-Alle-Leistungen nachnutzen", 2],
  ["Servicekonto und BundID", 2],
  ["Digitale Gewerbeanmeldung", 3],
  ["Vergabeplattform für regionale Unternehmen", 3],
  ["Fachkräftegewinnung für die IT", 4],
  ["Kooperation mit Hochschulen", 4],
  ["Digitale Kompetenzen der Beschäftigten", 5],
  ["Barrierefreie Verwaltungsportale", 5],
  ["Open Data in Kommunen", null],
  ["Informationssicherheit in kleinen Gemeinden", null],
  ["Geodaten und Planungsverfahren", null],
  ["Digitale Ratsarbeit", null],
  ["Schuldigitalisierung und Schulträger", null],
  ["Elektronische Rechnung", null],
];

export const REGIONS = [
  "Nordthüringen", "Mittelthüringen", "Ostthüringen", "Südwestthüringen", "Erfurt",
  "Jena", "Gera", "Weimar", "Eisenach", "Suhl",
];

/** Sentences for descriptions; {topic} and {region} are filled in. */
export const SENTENCES = [
  "Die Arbeitsgruppe „{topic}“ bündelt Erfahrungen aus {region} und macht sie für andere Verwaltungen nutzbar.",
  "Sie trifft sich alle vier Wochen online und einmal im Quartal vor Ort.",
  "Im Mittelpunkt stehen praktische Fragen: Welche Verfahren haben sich bewährt, wo hakt es, und was kostet die Umstellung?",
  "Die Ergebnisse fließen in Empfehlungen für Städte, Gemeinden und Landkreise jeder Größe ein.",
  "Mitarbeiten können Beschäftigte aus Kommunen, Landesbehörden, Hochschulen und der regionalen Wirtschaft.",
  "Die Gruppe arbeitet eng mit dem Thüringer Landesrechenzentrum und dem Gemeinde- und Städtebund zusammen.",
  "Besonderes Augenmerk gilt kleinen Gemeinden, die keine eigene IT-Abteilung haben.",
  "Datenschutz, Barrierefreiheit und Informationssicherheit werden von Anfang an mitgedacht.",
  "Erste Zwischenergebnisse wurden auf dem E-Government-Kongress vorgestellt und dort lebhaft diskutiert.",
  "Die Gruppe sammelt Beispiele aus der Praxis und bereitet sie als Checklisten und Leitfäden auf.",
  "Neue Mitglieder sind jederzeit willkommen; eine kurze Anfrage über das Portal genügt.",
  "Zu den Treffen werden regelmäßig Fachleute aus anderen Bundesländern eingeladen.",
];

export const GOALS = [
  "Leitfaden für die schrittweise Einführung",
  "Checkliste für kleine und mittlere Kommunen",
  "Übersicht bewährter Lösungen in Thüringen",
  "Empfehlungen an das Land zur Förderung",
  "Schulungskonzept für Beschäftigte",
  "Gemeinsame Ausschreibung vorbereiten",
  "Austausch mit Nachbarländern verstetigen",
];

export const MILESTONES = [
  "Bestandsaufnahme in den Mitgliedskommunen",
  "Umfrage unter den Beschäftigten",
  "Workshop mit Anbietern",
  "Entwurf des Leitfadens",
  "Konsultation mit den kommunalen Spitzenverbänden",
  "Pilotbetrieb in zwei Kommunen",
  "Auswertung des Pilotbetriebs",
  "Übergabe der Empfehlungen an das Ministerium",
];

export const REQUEST_MESSAGES = [
  "Wir führen das gerade in unserer Verwaltung ein und würden gern mitarbeiten.",
  "Ich bringe Erfahrung aus einem Pilotprojekt mit.",
  "",
  "Unser Landkreis plant ein ähnliches Vorhaben; ich würde mich gern austauschen.",
];
