import { describe, expect, it } from "vitest";
import { OperatorConfigError, parseOperatorConfig } from "../../app/server/operator-config.server";

describe("operator configuration for the legal pages", () => {
  it("treats missing and blank fields as not set (shown as placeholders)", () => {
    const config = parseOperatorConfig(JSON.stringify({ operatorName: "  Musterbehörde ", phone: "  " }), "x.json");
    expect(config.operatorName).toBe("Musterbehörde");
    expect(config.phone).toBeNull();
    expect(config.email).toBeNull();
  });

  it("names the file and the field of a wrong value, and refuses unknown fields", () => {
    expect(() => parseOperatorConfig(JSON.stringify({ email: "kein-at" }), "betreiber.json")).toThrow(/betreiber\.json[\s\S]*email/);
    expect(() => parseOperatorConfig(JSON.stringify({ emial: "a@b.de" }), "betreiber.json")).toThrow(/emial: unbekanntes Feld/);
    expect(() => parseOperatorConfig("{kaputt", "betreiber.json")).toThrow(OperatorConfigError);
  });
});
