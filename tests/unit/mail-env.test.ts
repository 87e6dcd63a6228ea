import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../app/server/env.server";

/** The mail settings in the environment: defaults and German errors that name the variable. */
describe("mail environment", () => {
  it("has working defaults: no SMTP, .eml files next to the database, digest at 7", () => {
    const env = parseEnv({ DATABASE_PATH: "/srv/ag/portal.db" });
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.MAIL_FROM).toBe("AG-Portal <no-reply@localhost>");
    expect(env.DIGEST_HOUR).toBe(7);
    expect(env.OUTBOX_DIR).toBe(path.join("/srv/ag", "outbox"));
  });

  it("takes the operator's values", () => {
    const env = parseEnv({ SMTP_URL: "smtps://u:p@mail.example.de:465", MAIL_FROM: "AG <ag@example.de>", DIGEST_HOUR: "0", OUTBOX_DIR: "/var/mail/ag" });
    expect(env).toMatchObject({ SMTP_URL: "smtps://u:p@mail.example.de:465", MAIL_FROM: "AG <ag@example.de>", DIGEST_HOUR: 0, OUTBOX_DIR: "/var/mail/ag" });
  });

  it.each([
    ["DIGEST_HOUR", "24", "muss zwischen 0 und 23 liegen"],
    ["DIGEST_HOUR", "sieben", "muss eine Zahl sein"],
    ["DIGEST_HOUR", "7.5", "muss eine ganze Zahl sein"],
    ["SMTP_URL", "http://mail.example.de", "muss eine smtp(s)-Adresse sein"],
  ])("%s=%s is refused: %s", (name, value, message) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(`${name}="${value}": ${message}`);
  });

  it("does not show the password of a refused SMTP_URL (start-up errors reach logs and terminals)", () => {
    for (const [value, shown] of [
      ["http://ag-portal:Geheim-123@mail.example.de", "http://ag-portal:***@mail.example.de"],
      ["smtpx://ag-portal:p@ss@wort@mail.example.de:587", "smtpx://ag-portal:***@mail.example.de:587"],
    ]) {
      expect(() => parseEnv({ SMTP_URL: value })).toThrow(`SMTP_URL="${shown}"`);
      expect(() => parseEnv({ SMTP_URL: value })).not.toThrow(/Geheim-123|p@ss@wort/);
    }
  });
});
