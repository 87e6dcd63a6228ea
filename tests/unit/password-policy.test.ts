import { describe, expect, it } from "vitest";
import { passwordProblem } from "../../app/auth/password-policy";
import { hashPassword, verifyPassword } from "../../app/auth/password.server";

describe("password policy", () => {
  it("refuses passwords shorter than 12 characters, counting characters not bytes", () => {
    expect(passwordProblem("kurz")).toBe("too_short");
    expect(passwordProblem("Elf-Zeichen")).toBe("too_short");
    expect(passwordProblem("Zwölf-Zeiche")).toBeNull();
    expect(passwordProblem("ääääääääääää".slice(0, 11))).toBe("too_short");
  });

  it("refuses passwords over 256 characters", () => {
    expect(passwordProblem("Lang-".repeat(60))).toBe("too_long");
  });

  it("refuses common passwords and their patterns, whatever the case", () => {
    for (const p of ["Passwort1234", "123456789012", "QWERTZUIOP123", "aaaaaaaaaaaa", "abcabcabcabc", "abcdefghijkl", "987654321098", "Willkommen2025"]) {
      expect(passwordProblem(p), p).toBe("common");
    }
  });

  it("accepts a long passphrase, and the demo password", () => {
    expect(passwordProblem("Kaffee trinken im Rathaus Erfurt")).toBeNull();
    expect(passwordProblem("Demo-Passwort-2018")).toBeNull();
  });
});

describe("password hashing (argon2id)", () => {
  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("Kaffee trinken im Rathaus Erfurt");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "Kaffee trinken im Rathaus Erfurt")).toBe(true);
    expect(await verifyPassword(hash, "Kaffee trinken im Rathaus Gotha")).toBe(false);
  });

  it("answers false for an unknown account (no hash) and for a broken hash", async () => {
    expect(await verifyPassword(null, "irgendein-passwort")).toBe(false);
    expect(await verifyPassword("kein-hash", "irgendein-passwort")).toBe(false);
  });
});
