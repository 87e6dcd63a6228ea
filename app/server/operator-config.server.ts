import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { getEnv } from "./env.server";
import { singleton } from "./singleton.server";

/**
 * Operator-specific values for Impressum, Datenschutzerklärung and Erklärung
 * zur Barrierefreiheit, read from the JSON file in OPERATOR_CONFIG (default
 * config/operator.json; example: config/operator.example.json).
 *
 * The file is optional. A missing file or field, an empty string and an empty
 * list all become `null`; the pages then show a marked placeholder. A file
 * that is not valid JSON, has an unknown field (a typo would otherwise hide a
 * value silently) or a value of the wrong kind throws an OperatorConfigError
 * that names the file and the field.
 */

const text = z.string({ error: "muss ein Text sein" });
const textList = z.array(text, { error: "muss eine Liste von Texten sein, z. B. [\"Zeile 1\", \"Zeile 2\"]" });
const email = z.email({ error: "muss eine E-Mail-Adresse sein, z. B. poststelle@behoerde.example" });
const isoDate = z.iso.date({ error: "muss ein Datum im Format JJJJ-MM-TT sein, z. B. 2025-03-31" });

const fileSchema = z.strictObject(
  {
    operatorName: text.optional(),
    addressLines: textList.optional(),
    representedBy: text.optional(),
    email: email.optional(),
    phone: text.optional(),
    authorityNote: text.optional(),
    vatId: text.optional(),
    supervisoryAuthority: text.optional(),
    contentResponsible: text.optional(),
    dpoName: text.optional(),
    dpoContact: text.optional(),
    dataProtectionAuthority: text.optional(),
    publicTaskBasis: text.optional(),
    hosting: text.optional(),
    logRetention: text.optional(),
    dataRetention: text.optional(),
    accessibilityContactEmail: email.optional(),
    accessibilityContactPhone: text.optional(),
    accessibilityStatementDate: isoDate.optional(),
    accessibilityEnforcementBody: text.optional(),
    accessibilityKnownIssues: textList.optional(),
  },
  { error: "muss ein JSON-Objekt sein, z. B. { \"operatorName\": \"…\" }" },
);

type FileValues = z.output<typeof fileSchema>;

/** Every field, always present: a value, or null when the operator has not set it. */
export type OperatorConfig = { [K in keyof FileValues]-?: NonNullable<FileValues[K]> | null };

export type OperatorConfigField = keyof OperatorConfig;

export const operatorConfigFields = Object.keys(fileSchema.shape) as OperatorConfigField[];

export class OperatorConfigError extends Error {}

/** All fields null: what the pages show when there is no configuration file. */
export function emptyOperatorConfig(): OperatorConfig {
  return Object.fromEntries(operatorConfigFields.map((field) => [field, null])) as OperatorConfig;
}

/**
 * Parses the text of a configuration file. `file` is only used in messages.
 * Throws an OperatorConfigError naming the file and the field.
 */
export function parseOperatorConfig(source: string, file: string): OperatorConfig {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    throw new OperatorConfigError(
      `Die Betreiber-Konfiguration ${file} ist kein gültiges JSON: ${(error as Error).message}`,
    );
  }
  const result = fileSchema.safeParse(trimmed(data));
  if (!result.success) {
    const lines = result.error.issues.flatMap((issue) => {
      if (issue.code === "unrecognized_keys") {
        return issue.keys.map(
          (key) => `  ${key}: unbekanntes Feld (erlaubt sind: ${operatorConfigFields.join(", ")})`,
        );
      }
      const field = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : String(p))).join(".").replace(/\.\[/g, "[");
      return [`  ${field || "(gesamte Datei)"}: ${issue.message}`];
    });
    throw new OperatorConfigError(`Ungültige Betreiber-Konfiguration in ${file}:\n${lines.join("\n")}`);
  }
  return normalise(result.data);
}

/**
 * Trims texts before validation, so " name@x.de " is an e-mail address, and
 * drops fields holding only whitespace: "" means "not set" for every field.
 */
function trimmed(data: unknown): unknown {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return data;
  const trim = (value: unknown) => (typeof value === "string" ? value.trim() : value);
  return Object.fromEntries(
    Object.entries(data)
      .map(([key, value]) => [key, Array.isArray(value) ? value.map(trim) : trim(value)] as const)
      .filter(([, value]) => value !== ""),
  );
}

/** Lists where an empty list is an answer ("none"), not a missing value. */
const emptyListMeansNone: ReadonlySet<OperatorConfigField> = new Set(["accessibilityKnownIssues"]);

/** Trims values; empty strings and (most) empty lists count as not set. */
function normalise(values: FileValues): OperatorConfig {
  const config = emptyOperatorConfig() as Record<OperatorConfigField, string | string[] | null>;
  for (const field of operatorConfigFields) {
    const value = values[field];
    if (Array.isArray(value)) {
      const lines = value.map((line) => line.trim()).filter((line) => line !== "");
      config[field] = lines.length > 0 || emptyListMeansNone.has(field) ? lines : null;
    } else if (typeof value === "string") {
      config[field] = value.trim() === "" ? null : value.trim();
    }
  }
  return config as OperatorConfig;
}

/**
 * The operator configuration for this request. The file is tiny; it is parsed
 * once per path and modification time, so an edited file takes effect
 * without a restart. A missing file yields all-null values.
 */
export function getOperatorConfig(file = getEnv().OPERATOR_CONFIG): OperatorConfig {
  const absolute = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyOperatorConfig();
    throw new OperatorConfigError(
      `Die Betreiber-Konfiguration ${file} kann nicht gelesen werden: ${(error as Error).message}`,
    );
  }
  return singleton(`operatorConfig:${absolute}:${stat.mtimeMs}:${stat.size}`, () => {
    let source: string;
    try {
      source = fs.readFileSync(absolute, "utf8");
    } catch (error) {
      throw new OperatorConfigError(
        `Die Betreiber-Konfiguration ${file} kann nicht gelesen werden: ${(error as Error).message}`,
      );
    }
    return parseOperatorConfig(source, file);
  });
}
