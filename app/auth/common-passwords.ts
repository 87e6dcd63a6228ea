/**
 * Passwords that meet the length rule but appear near the top of published
 * leak lists (NCSC "100k-most-used", HPI's German top lists) or follow their
 * patterns. Only entries of 12 characters or more matter: shorter ones are
 * refused by length already.
 */
const list = new Set(
  [
    "123456789012", "1234567890123", "12345678901234", "123456789123", "1234567891011",
    "111111111111", "000000000000", "123123123123", "121212121212", "123412341234",
    "qwertyuiopasdfgh", "qwertzuiopasdfgh", "qwertyuiop123", "qwertzuiop123", "qwertzuiopü12",
    "asdfghjklöä12", "asdfghjkl123", "yxcvbnm12345", "1q2w3e4r5t6z", "1q2w3e4r5t6y",
    "1qaz2wsx3edc", "q1w2e3r4t5y6", "q1w2e3r4t5z6", "zaq12wsxcde3", "passwordpassword",
    "password1234", "password12345", "password123456", "passwort1234", "passwort12345",
    "passwort123456", "passwort2018", "passwort2019", "passwort2020", "passwort2021",
    "passwort2022", "passwort2023", "passwort2024", "passwort2025", "passwort2026",
    "password2024", "password2025", "password2026", "passwort!2024", "passwort!2025",
    "meinpasswort1", "meinpasswort123", "geheimpasswort", "sicherespasswort", "sicherespasswort1",
    "superpasswort", "hallo1234567", "hallohallo12", "hallohallo123", "willkommen123",
    "willkommen1234", "willkommen2024", "willkommen2025", "willkommen2026", "herzlichwillkommen",
    "iloveyou1234", "ichliebedich1", "ichliebedich123", "schatz123456", "sommer2024!!",
    "sommer123456", "winter123456", "fruehling2025", "frühling2025", "sonnenschein1",
    "sonnenschein123", "fussball1234", "fußball12345", "bundesliga123", "borussia1909",
    "schalke04schalke", "bayernmuenchen", "bayernmünchen", "eintrachtfrankfurt", "deutschland1",
    "deutschland123", "deutschland2024", "thueringen2024", "thüringen2024", "erfurt123456",
    "weimar123456", "jena12345678", "gera12345678", "administrator", "administrator1",
    "administrator123", "adminadmin123", "admin1234567", "adminpasswort", "rootpassword",
    "changeme1234", "changemenow!", "letmein12345", "welcome12345", "welcome123456",
    "trustno1trustno1", "abcdefghijkl", "abcdefghijk1", "abc123abc123", "abcd1234abcd",
    "aaaaaaaaaaaa", "zzzzzzzzzzzz", "qqqqqqqqqqqq", "monkey123456", "dragon123456",
    "football1234", "baseball1234", "starwars1234", "superman1234", "batman123456",
    "michael12345", "jennifer1234", "sunshine1234", "princess1234", "master123456",
    "shadow123456", "liverpool123", "chelsea12345", "arsenal12345", "computer1234",
    "internet1234", "samsung12345", "iphone123456", "microsoft123", "google123456",
    "facebook1234", "linkedin1234", "qwerty123456", "qwertz123456", "qwertyqwerty",
    "qwertzqwertz", "asdfasdfasdf", "1234qwerasdf", "1234qwertzui", "passw0rd1234",
    "p@ssw0rd1234", "p@ssword1234", "pa$$word1234", "passwort!123", "passwort#123",
    "verwaltung123", "verwaltung2024", "verwaltung2025", "rathaus12345", "egovernment1",
    "egovernment123", "e-government1", "demo-passwort", "testtesttest", "test12345678",
    "testpasswort", "testpasswort1", "testpasswort123", "startstart12", "start1234567",
    "kennwort1234", "kennwort12345", "kennwort123456", "zugang123456", "benutzer1234",
  ].map((p) => p.toLowerCase()),
);

function isRepetitive(p: string): boolean {
  // "abcabcabcabc", "121212121212": short pieces repeated make a weak long password.
  for (let size = 1; size <= 4; size++) {
    const piece = p.slice(0, size);
    if (piece.repeat(Math.ceil(p.length / size)).slice(0, p.length) === p) return true;
  }
  return false;
}

function isSequence(p: string): boolean {
  // Ascending or descending runs of digits or letters: "123456789012", "abcdefghijkl".
  let up = true;
  let down = true;
  for (let i = 1; i < p.length; i++) {
    const d = (p.charCodeAt(i) - p.charCodeAt(i - 1) + 10) % 10;
    const l = p.charCodeAt(i) - p.charCodeAt(i - 1);
    if (!(d === 1 || l === 1)) up = false;
    if (!(d === 9 || l === -1)) down = false;
  }
  return up || down;
}

export function isCommonPassword(password: string): boolean {
  const p = password.trim().toLowerCase();
  return list.has(p) || isRepetitive(p) || isSequence(p);
}
