/**
 * German texts of the legal pages: Impressum, Datenschutzerklärung and
 * Erklärung zur Barrierefreiheit. Operator-specific values come from the
 * operator configuration (app/server/operator-config.server.ts); where one
 * is missing the pages show `legal.placeholder(...)` in a marked box.
 *
 * The texts describe what this software does. An operator who changes the
 * software (other cookies, external services, e-mail provider) must change
 * the texts too, and have them checked by their data protection officer.
 */

const monthNames = [
  "Januar",
  "Februar",
  "März",
  "April",
  "Mai",
  "Juni",
  "Juli",
  "August",
  "September",
  "Oktober",
  "November",
  "Dezember",
] as const;

/** "2025-03-31" → "31. März 2025"; calendar dates need no time zone, so server and browser agree. */
export function formatLegalDate(isoDate: string | null): string | null {
  if (!isoDate) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match;
  return `${Number(day)}. ${monthNames[Number(month) - 1]} ${year}`;
}

export const legal = {
  placeholder: (label: string, suggestion?: string) =>
    suggestion
      ? `[Vom Betreiber einzutragen: ${label} – Vorschlag: ${suggestion}]`
      : `[Vom Betreiber einzutragen: ${label}]`,

  /** What each configuration field stands for; used as label of the placeholder. */
  fields: {
    operatorName: "Name der Behörde oder Stelle",
    addressLines: "Anschrift (Straße und Hausnummer, Postleitzahl und Ort)",
    representedBy: "vertretungsberechtigte Person mit Funktion",
    email: "E-Mail-Adresse",
    phone: "Telefonnummer",
    authorityNote: "Rechtsform, z. B. Körperschaft des öffentlichen Rechts",
    vatId: "Umsatzsteuer-Identifikationsnummer",
    supervisoryAuthority: "zuständige Aufsichtsbehörde",
    contentResponsible: "Name und Anschrift der inhaltlich verantwortlichen Person",
    dpoName: "Name der oder des Datenschutzbeauftragten",
    dpoContact: "Kontakt der oder des Datenschutzbeauftragten (E-Mail-Adresse oder Anschrift)",
    dataProtectionAuthority: "zuständige Datenschutz-Aufsichtsbehörde mit Anschrift",
    publicTaskBasis: "Aufgabe und Rechtsvorschrift, zu deren Erfüllung das Portal betrieben wird",
    hosting: "Betrieb und Hosting: eigenes Rechenzentrum oder Dienstleister mit Sitz und Standort der Server",
    logRetention: "Aufbewahrungsfrist der Server-Protokolle, z. B. 14 Tage",
    dataRetention: "Löschfristen für Konten und Inhalte nach Ende der Mitgliedschaft oder der Arbeitsgruppe",
    accessibilityContactEmail: "E-Mail-Adresse für Meldungen zur Barrierefreiheit",
    accessibilityContactPhone: "Telefonnummer für Meldungen zur Barrierefreiheit",
    accessibilityStatementDate: "Datum der Erstellung oder letzten Überprüfung dieser Erklärung",
    accessibilityEnforcementBody: "zuständige Durchsetzungsstelle mit Kontaktdaten",
    accessibilityKnownIssues: "bei der eigenen Prüfung gefundene Barrieren (leere Liste, wenn keine bekannt sind)",
  },

  /** Suggestions shown inside a placeholder; the operator must still confirm them. */
  suggestions: {
    dataProtectionAuthority:
      "für öffentliche Stellen in Thüringen der Thüringer Landesbeauftragte für den Datenschutz und die Informationsfreiheit (TLfDI), www.tlfdi.de",
    accessibilityEnforcementBody:
      "für öffentliche Stellen in Thüringen die Landesdurchsetzungsstelle für digitale Barrierefreiheit beim Thüringer Landesbeauftragten für Menschen mit Behinderungen, www.tlmb-thueringen.de",
  },

  imprint: {
    title: "Impressum",
    intro:
      "Angaben zum Anbieter nach § 5 DDG (Digitale-Dienste-Gesetz) und § 18 MStV (Medienstaatsvertrag).",
    providerTitle: "Anbieter",
    name: "Behörde oder Stelle",
    address: "Anschrift",
    legalForm: "Rechtsform",
    representedBy: "Vertreten durch",
    vatId: "Umsatzsteuer-Identifikationsnummer nach § 27a Umsatzsteuergesetz",
    contactTitle: "Kontakt",
    email: "E-Mail",
    phone: "Telefon",
    supervisoryTitle: "Aufsichtsbehörde",
    responsibleTitle: "Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV",
    softwareTitle: "Software und Gestaltung",
    software:
      "Das AG-Portal ist freie Software. Es steht unter der European Union Public Licence (EUPL) in der Version 1.2 und darf unter deren Bedingungen genutzt, verändert und weitergegeben werden.",
    softwareLicenceLink: "Text der EUPL 1.2 im Amtsblatt der Europäischen Union",
    softwareLicenceHref: "https://eur-lex.europa.eu/eli/dec_impl/2017/863/oj",
    design:
      "Gestaltung und Bedienelemente beruhen auf KERN, dem offenen UX-Standard für die deutsche Verwaltung. Die Schrift Fira Sans steht unter der SIL Open Font License.",
    designLink: "KERN UX-Standard",
    designHref: "https://kern-ux.de",
    liabilityTitle: "Haftungshinweise",
    ownContentTitle: "Eigene Inhalte",
    ownContent:
      "Die Inhalte des Anbieters werden mit Sorgfalt erstellt und gepflegt. Für ihre Vollständigkeit und Aktualität kann keine Gewähr übernommen werden.",
    memberContentTitle: "Beiträge der Mitglieder",
    memberContent:
      "Dokumente, Diskussionsbeiträge und hochgeladene Materialien stammen von den Mitgliedern der Arbeitsgruppen. Sie geben deren Auffassung wieder, nicht notwendig die des Anbieters. Für diese Inhalte gilt die beschränkte Verantwortlichkeit nach Art. 6 der Verordnung (EU) 2022/2065 (Gesetz über digitale Dienste) in Verbindung mit § 7 DDG. Wird dem Anbieter ein rechtswidriger Inhalt bekannt, entfernt er ihn unverzüglich. Hinweise senden Sie bitte an die oben genannte Kontaktadresse.",
    linksTitle: "Verweise auf andere Websites",
    links:
      "Für die Inhalte verlinkter Websites sind deren Anbieter verantwortlich. Bei der Verlinkung waren keine Rechtsverstöße erkennbar. Wird ein solcher bekannt, wird der Verweis entfernt.",
  },

  privacy: {
    title: "Datenschutzerklärung",
    intro:
      "Hier erfahren Sie nach Art. 13 der Datenschutz-Grundverordnung (DSGVO), welche personenbezogenen Daten das AG-Portal verarbeitet, zu welchem Zweck und auf welcher Rechtsgrundlage, wie lange sie gespeichert werden und welche Rechte Sie haben.",

    controllerTitle: "Verantwortlicher",
    controllerIntro: "Verantwortlich im Sinne von Art. 4 Nr. 7 DSGVO ist:",
    dpoTitle: "Datenschutzbeauftragte oder Datenschutzbeauftragter",
    dpoIntro: "Sie erreichen die oder den Datenschutzbeauftragten des Verantwortlichen unter:",
    dpoName: "Name",
    dpoContact: "Kontakt",

    summaryTitle: "Das Wichtigste in Kürze",
    summary: [
      "Das Portal verwendet ein einziges Cookie, das für die Anmeldung technisch notwendig ist. Es gibt keine Cookies von Dritten.",
      "Es gibt keine Werbung, kein Tracking, keine Reichweitenmessung und keine Analysewerkzeuge.",
      "Alle Bestandteile der Seiten, auch die Schrift Fira Sans, liefert das Portal selbst aus. Beim Aufruf werden keine Daten an andere Anbieter übertragen.",
      "Ihr Passwort wird nicht im Klartext gespeichert.",
    ],

    processingTitle: "Welche Daten das Portal verarbeitet und wozu",

    logsTitle: "Aufruf des Portals (Server-Protokolle)",
    logs:
      "Bei jedem Aufruf einer Seite protokolliert der Server die IP-Adresse Ihres Geräts, Datum und Uhrzeit, die aufgerufene Adresse (URL) mit der Anfragemethode, den Statuscode und die Dauer der Antwort sowie eine zufällige Vorgangsnummer, über die sich Fehlermeldungen zuordnen lassen. Bei einzelnen sicherheitsrelevanten Vorgängen, etwa wenn Sitzungen beendet werden, wird zusätzlich die interne Nummer des betroffenen Benutzerkontos protokolliert. Cookies, Passwörter und Formularinhalte werden nicht protokolliert.",
    logsPurpose:
      "Zweck: den Betrieb sicherstellen, Fehler finden und Angriffe erkennen und abwehren.",
    throttle:
      "Um das Erraten von Passwörtern zu verhindern, zählt das Portal fehlgeschlagene Anmeldeversuche je Benutzerkonto und je IP-Adresse. Diese Zähler liegen nur im Arbeitsspeicher und verfallen nach 15 Minuten.",

    accountTitle: "Einladung und Benutzerkonto",
    invitation:
      "Zugänge entstehen nur durch Einladung. Für eine Einladung werden die E-Mail-Adresse der eingeladenen Person, die vorgesehene Rolle, die einladende Person und die Zeitpunkte von Erstellung, Ablauf, Annahme oder Rücknahme gespeichert. Vom Einladungslink selbst wird nur ein Prüfwert (Hash) gespeichert.",
    account:
      "Für Ihr Benutzerkonto werden Ihr Name, wie er anderen angezeigt wird, Ihre E-Mail-Adresse, Ihre Organisation (sofern angegeben), Ihre Rolle im Portal sowie die Zeitpunkte der Einrichtung und gegebenenfalls der Deaktivierung gespeichert. Ihr Passwort wird nur als Argon2id-Hash gespeichert, aus dem es sich nicht zurückrechnen lässt.",
    accountVisibility:
      "Ihr Name, Ihre Organisation und Ihre Rolle sind für andere Mitglieder sichtbar. Ihre E-Mail-Adresse sehen nur die Personen, die Zugänge und Einladungen verwalten.",
    accountPurpose:
      "Zweck: Ihnen Zugang zum Portal geben, Beiträge ihren Verfasserinnen und Verfassern zuordnen und Berechtigungen verwalten.",

    sessionTitle: "Anmeldung und Sitzungen (Cookie „ag_session“)",
    session:
      "Nach der Anmeldung setzt das Portal ein Cookie mit dem Namen „ag_session“. Es enthält eine zufällige Kennung Ihrer Sitzung, ist für Skripte auf der Seite nicht lesbar (HttpOnly) und wird nur an dieses Portal gesendet. Die Sitzung gilt 30 Tage und verlängert sich, solange Sie das Portal nutzen. Mit der Abmeldung wird sie beendet und das Cookie gelöscht.",
    sessionServer:
      "Zu jeder Sitzung speichert der Server nur einen Prüfwert des Cookies, den Zeitpunkt der Anmeldung, den Zeitpunkt der letzten Nutzung, das Ablaufdatum und die Kennung Ihres Browsers (User-Agent). So können Sie unter „Meine Sitzungen“ sehen, auf welchen Geräten Sie angemeldet sind, und Sitzungen beenden.",
    sessionPurpose:
      "Das Cookie ist technisch notwendig, damit Sie angemeldet bleiben. Es dient nicht der Verfolgung Ihres Verhaltens. Für das Speichern auf Ihrem Gerät ist nach § 25 Abs. 2 Nr. 2 Telekommunikation-Digitale-Dienste-Datenschutz-Gesetz (TDDDG) keine Einwilligung erforderlich.",

    liveTitle: "Live-Funktionen",
    live:
      "Solange Sie angemeldet eine Seite des Portals geöffnet haben, hält Ihr Browser eine Verbindung zum Portal offen. Darüber erscheinen Änderungen anderer sofort, und andere Mitglieder sehen, wer gerade anwesend ist. Die Anwesenheit wird nicht dauerhaft gespeichert.",

    contentTitle: "Inhalte, die Sie erstellen",
    content:
      "Dokumente und Empfehlungen, Diskussionsbeiträge, Themenvorschläge und hochgeladene Materialien werden mit Ihrem Namen und dem Zeitpunkt gespeichert, damit die Arbeitsgruppe sieht, wer was beigetragen hat. Sichtbar sind sie für die Mitglieder der jeweiligen Arbeitsgruppe und für die Personen, die nach ihrer Rolle im Portal Zugriff haben, etwa Moderation und Beobachtung.",
    contentHint:
      "Bitte stellen Sie personenbezogene Daten anderer Personen nur ein, wenn das für die Arbeit der Gruppe erforderlich ist.",

    mailTitle: "E-Mail-Benachrichtigungen",
    mail:
      "Schickt Ihnen das Portal E-Mails, etwa Benachrichtigungen über neue Beiträge in Ihren Arbeitsgruppen, verwendet es dafür Ihre E-Mail-Adresse. Die E-Mails enthalten keine Zählpixel und keine Links zur Verfolgung des Leseverhaltens.",

    legalBasisTitle: "Rechtsgrundlagen",
    legalBasisIntro:
      "Das Portal wird zur Erfüllung einer Aufgabe im öffentlichen Interesse betrieben:",
    legalBasis: [
      "Benutzerkonten, Einladungen, Sitzungen, Inhalte der Arbeitsgruppen, Live-Funktionen und E-Mail-Benachrichtigungen: Art. 6 Abs. 1 UAbs. 1 Buchst. e DSGVO in Verbindung mit dem Thüringer Datenschutzgesetz (ThürDSG).",
      "Server-Protokolle und Schutz vor Missbrauch: Art. 6 Abs. 1 UAbs. 1 Buchst. e DSGVO, weil ein sicherer Betrieb Teil dieser Aufgabe ist; soweit der Betreiber zur Protokollierung rechtlich verpflichtet ist, Art. 6 Abs. 1 UAbs. 1 Buchst. c DSGVO.",
      "Speichern des Sitzungs-Cookies auf Ihrem Gerät: § 25 Abs. 2 Nr. 2 TDDDG.",
    ],
    noConsent:
      "Das Portal verarbeitet keine Daten auf Grundlage einer Einwilligung.",

    recipientsTitle: "Empfänger und Auftragsverarbeiter",
    recipients:
      "Innerhalb des Betreibers haben nur die Personen Zugriff, die das Portal technisch betreuen oder verwalten, und nur soweit ihre Aufgabe es erfordert. Inhalte einer Arbeitsgruppe sehen deren Mitglieder und die Personen, die nach ihrer Rolle Zugriff haben.",
    hostingIntro: "Betrieb und Hosting:",
    processors:
      "Dienstleister, die dabei in unserem Auftrag personenbezogene Daten verarbeiten, sind nach Art. 28 DSGVO vertraglich gebunden. An andere Dritte werden Daten nur weitergegeben, wenn eine gesetzliche Pflicht dazu besteht.",

    thirdCountryTitle: "Keine Übermittlung in Drittländer",
    thirdCountry:
      "Personenbezogene Daten werden nicht in Länder außerhalb der Europäischen Union und des Europäischen Wirtschaftsraums und nicht an internationale Organisationen übermittelt. Das Portal lädt keine Inhalte von fremden Servern nach.",

    retentionTitle: "Speicherdauer",
    retentionLogs: "Server-Protokolle",
    retentionSessions: "Sitzungen",
    retentionSessionsText:
      "bis zur Abmeldung, bis Sie die Sitzung unter „Meine Sitzungen“ beenden oder bis sie abläuft (30 Tage nach der letzten Verlängerung). Ändern Sie Ihr Passwort, werden Ihre anderen Sitzungen beendet; wird das Konto deaktiviert, alle.",
    retentionInvitations: "Einladungen",
    retentionInvitationsText:
      "Ein Einladungslink ist 7 Tage gültig und kann nur einmal verwendet werden.",
    retentionThrottle: "Zähler fehlgeschlagener Anmeldungen",
    retentionThrottleText: "15 Minuten, nur im Arbeitsspeicher.",
    retentionAccounts: "Konten und Inhalte",

    rightsTitle: "Ihre Rechte",
    rightsIntro:
      "Sie haben gegenüber dem Verantwortlichen folgende Rechte hinsichtlich der Sie betreffenden personenbezogenen Daten:",
    rights: [
      "Recht auf Auskunft (Art. 15 DSGVO)",
      "Recht auf Berichtigung (Art. 16 DSGVO)",
      "Recht auf Löschung (Art. 17 DSGVO)",
      "Recht auf Einschränkung der Verarbeitung (Art. 18 DSGVO)",
      "Recht auf Datenübertragbarkeit (Art. 20 DSGVO). Es gilt nach Art. 20 Abs. 3 DSGVO nicht für Verarbeitungen, die zur Wahrnehmung einer Aufgabe im öffentlichen Interesse erforderlich sind.",
    ],
    rightsContact:
      "Wenden Sie sich dazu an den Verantwortlichen oder an die oder den Datenschutzbeauftragten (Kontaktdaten oben).",
    objectionTitle: "Widerspruchsrecht nach Art. 21 DSGVO",
    objection:
      "Sie haben das Recht, aus Gründen, die sich aus Ihrer besonderen Situation ergeben, jederzeit gegen die Verarbeitung Sie betreffender personenbezogener Daten Widerspruch einzulegen, die auf Grundlage von Art. 6 Abs. 1 UAbs. 1 Buchst. e DSGVO erfolgt. Der Verantwortliche verarbeitet diese Daten dann nicht mehr, es sei denn, er kann zwingende schutzwürdige Gründe für die Verarbeitung nachweisen, die Ihre Interessen, Rechte und Freiheiten überwiegen, oder die Verarbeitung dient der Geltendmachung, Ausübung oder Verteidigung von Rechtsansprüchen.",
    complaintTitle: "Beschwerderecht nach Art. 77 DSGVO",
    complaint:
      "Sie haben das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren, wenn Sie der Ansicht sind, dass die Verarbeitung Ihrer Daten gegen die DSGVO verstößt. Zuständig für den Verantwortlichen ist:",

    requirementTitle: "Pflicht zur Bereitstellung der Daten",
    requirement:
      "Sie sind weder gesetzlich noch vertraglich verpflichtet, Daten bereitzustellen. Ohne Benutzerkonto, also ohne Namen, E-Mail-Adresse und Passwort, können Sie jedoch nicht in den Arbeitsgruppen des Portals mitarbeiten. Die öffentlichen Seiten wie diese können Sie ohne Konto aufrufen; dabei entstehen nur die Server-Protokolle.",

    automatedTitle: "Keine automatisierte Entscheidungsfindung",
    automated:
      "Eine automatisierte Entscheidungsfindung einschließlich Profiling im Sinne von Art. 22 DSGVO findet nicht statt.",
  },

  accessibility: {
    title: "Erklärung zur Barrierefreiheit",
    description:
      "Erklärung zur Barrierefreiheit des AG-Portals nach dem ThürBarrWebG: Stand der Vereinbarkeit, bekannte Barrieren, Feedback-Kontakt und Durchsetzungsverfahren.",
    introAfterName:
      " ist bemüht, das AG-Portal im Einklang mit dem Thüringer Gesetz über den barrierefreien Zugang zu den Websites und mobilen Anwendungen öffentlicher Stellen (ThürBarrWebG) und der Thüringer Barrierefreie-Informationstechnik-Verordnung (ThürBITVO) barrierefrei zugänglich zu machen. Diese Gesetze setzen die Richtlinie (EU) 2016/2102 um.",
    scope: (origin: string) =>
      `Diese Erklärung zur Barrierefreiheit gilt für das AG-Portal E-Government Thüringen unter der Adresse ${origin}.`,

    statusTitle: "Stand der Vereinbarkeit mit den Anforderungen",
    status:
      "Dieses Portal ist mit den Anforderungen teilweise vereinbar. Maßstab ist die ThürBITVO. Sie verweist auf § 3 der Barrierefreie-Informationstechnik-Verordnung des Bundes (BITV 2.0) und damit auf die europäische Norm EN 301 549, nach der Websites die Web Content Accessibility Guidelines (WCAG) 2.1 auf der Konformitätsstufe AA erfüllen müssen. Die unten aufgeführten Inhalte sind nicht oder noch nicht nachweislich barrierefrei.",

    testedTitle: "Was geprüft wird",
    tested: [
      "Jede Seite des Portals wird in den automatisierten Tests mit dem Prüfwerkzeug axe-core auf Verstöße gegen die WCAG 2.1 der Stufen A und AA geprüft.",
      "Die Bedienung mit der Tastatur – Reihenfolge, sichtbarer Fokus und der Link „Zum Inhalt springen“ – wird bei der Entwicklung geprüft.",
      "Gestaltung und Bedienelemente beruhen auf dem Designsystem KERN, das auf ausreichende Kontraste, eine sichtbare Fokusdarstellung und skalierbare Schriftgrößen ausgelegt ist.",
    ],
    testedLimit:
      "Automatisierte Prüfungen finden nur einen Teil möglicher Barrieren. Sie ersetzen keine vollständige Prüfung.",

    issuesTitle: "Nicht barrierefreie Inhalte",
    issuesIntro: "Folgende Inhalte sind nicht oder noch nicht nachweislich barrierefrei:",
    issues: [
      "Hochgeladene Dateien: Dokumente, die Mitglieder hochladen (zum Beispiel PDF- oder Office-Dateien), prüft das Portal nicht auf Barrierefreiheit. Sie können Barrieren enthalten. Soweit es sich um Inhalte Dritter handelt, die der Betreiber weder finanziert noch entwickelt noch kontrolliert, gilt das ThürBarrWebG nach seinem § 1 Abs. 2 für sie nicht. Auf Wunsch erhalten Sie den Inhalt in einer für Sie zugänglichen Form.",
      "Gemeinsames Bearbeiten und Live-Anzeigen: Ob Änderungen anderer Personen und Statusmeldungen von Screenreadern verständlich angesagt werden, ist noch nicht geprüft.",
      "Bedienung mit Screenreadern, Sprachsteuerung und Vergrößerungssoftware: noch nicht geprüft.",
      "Eine vollständige Prüfung nach WCAG 2.1 beziehungsweise EN 301 549, etwa durch einen BITV-Test, ist noch nicht erfolgt.",
    ],
    operatorIssuesIntro: "Bei der Prüfung durch den Betreiber festgestellte Barrieren:",

    creationTitle: "Erstellung dieser Erklärung",
    creationDate: "Diese Erklärung wurde erstellt beziehungsweise zuletzt überprüft am",
    creationMethod:
      "Grundlage ist eine Selbstbewertung durch den Betreiber, gestützt auf die oben genannten automatisierten Prüfungen und Tests mit der Tastatur.",

    feedbackTitle: "Feedback und Kontakt: Barrieren melden",
    feedback:
      "Ist Ihnen ein Mangel beim barrierefreien Zugang aufgefallen, oder benötigen Sie Inhalte des Portals in einer für Sie zugänglichen Form? Dann wenden Sie sich bitte an:",
    feedbackEmail: "E-Mail",
    feedbackPhone: "Telefon",
    feedbackHint:
      "Bitte beschreiben Sie das Problem und nennen Sie die Adresse (URL) der betroffenen Seite.",

    enforcementTitle: "Durchsetzungsverfahren",
    enforcement:
      "Wenn Sie auf Ihre Meldung innerhalb einer angemessenen Frist keine oder keine zufriedenstellende Antwort erhalten haben, können Sie sich an die Durchsetzungsstelle wenden. Sie unterstützt eine außergerichtliche Lösung zwischen Ihnen und der öffentlichen Stelle. Das Verfahren ist für Sie kostenlos; einen Rechtsbeistand brauchen Sie nicht.",
    enforcementBody: "Zuständig ist:",
  },
} as const;
