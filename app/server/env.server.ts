import path from "node:path";
import { z } from "zod";
import { singleton } from "./singleton.server";
import { parseTrustProxy, TRUST_PROXY_HINT, type TrustProxy } from "./trust-proxy.server";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no", "ja", "nein"], {
    error: "erwartet true oder false",
  })
  .transform((v) => ["true", "1", "yes", "ja"].includes(v));

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce
      .number({ error: "muss eine Zahl sein" })
      .int("muss eine ganze Zahl sein")
      .min(0, "muss zwischen 0 und 65535 liegen")
      .max(65535, "muss zwischen 0 und 65535 liegen")
      .default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    DATABASE_PATH: z.string().min(1, "darf nicht leer sein").default("data/portal.db"),
    PUBLIC_ORIGIN: z
      .url({ protocol: /^https?$/, error: "muss eine http(s)-Adresse sein, z. B. https://ag-portal.example.de" })
      .optional(),
    SECURE_COOKIES: booleanFlag.optional(),
    SEED_DEMO: booleanFlag.optional(),
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
        error: "erwartet fatal, error, warn, info, debug, trace oder silent",
      })
      .default("info"),
    OPERATOR_CONFIG: z.string().min(1).default("config/operator.json"),
    MAX_BODY_BYTES: z.coerce.number({ error: "muss eine Zahl sein" }).int().positive().default(1024 * 1024),
    UPLOAD_DIR: z.string().min(1, "darf nicht leer sein").default("data/uploads"),
    MAX_UPLOAD_BYTES: z.coerce.number({ error: "muss eine Zahl sein" }).int().positive().default(25 * 1024 * 1024),
    // ZIP-based office uploads (app/materials/zip-check.server.ts): what they may unpack to.
    // 256 MB: ten times the largest upload, as a full 25 MB spreadsheet of plain XML packs about 8–10:1.
    MAX_UNPACKED_BYTES: z.coerce
      .number({ error: "muss eine Zahl sein" })
      .int("muss eine ganze Zahl sein")
      .positive("muss größer als 0 sein")
      .default(256 * 1024 * 1024),
    // 100:1 as Apache POI's ZipSecureFile; parts under 100 KB unpacked are never asked.
    MAX_COMPRESSION_RATIO: z.coerce
      .number({ error: "muss eine Zahl sein" })
      .int("muss eine ganze Zahl sein")
      .min(1, "muss mindestens 1 sein")
      .default(100),
    // A large presentation has a few hundred parts.
    MAX_ARCHIVE_ENTRIES: z.coerce
      .number({ error: "muss eine Zahl sein" })
      .int("muss eine ganze Zahl sein")
      .positive("muss größer als 0 sein")
      .default(10_000),
    // Mail: SMTP when set, otherwise every mail becomes an .eml file in OUTBOX_DIR.
    SMTP_URL: z
      .url({ protocol: /^smtps?$/, error: "muss eine smtp(s)-Adresse sein, z. B. smtp://benutzer:passwort@mail.example.de:587" })
      .optional(),
    MAIL_FROM: z.string().min(3, "darf nicht leer sein").default("AG-Portal <no-reply@localhost>"),
    DIGEST_HOUR: z.coerce
      .number({ error: "muss eine Zahl sein" })
      .int("muss eine ganze Zahl sein")
      .min(0, "muss zwischen 0 und 23 liegen")
      .max(23, "muss zwischen 0 und 23 liegen")
      .default(7),
    OUTBOX_DIR: z.string().min(1, "darf nicht leer sein").optional(),
    // How long an open document stays in memory after its last editor left (a quick return needs no load).
    DOC_UNLOAD_AFTER_MS: z.coerce
      .number({ error: "muss eine Zahl sein" })
      .int("muss eine ganze Zahl sein")
      .min(100, "muss zwischen 100 und 3600000 liegen")
      .max(3_600_000, "muss zwischen 100 und 3600000 liegen")
      .default(30_000),
    // How long the deriver thread keeps its copy of a document nobody types in (memory against one whole encoding later).
    DERIVE_COPY_IDLE_MS: z.coerce
      .number({ error: "muss eine Zahl sein" })
      .int("muss eine ganze Zahl sein")
      .min(100, "muss zwischen 100 und 86400000 liegen")
      .max(86_400_000, "muss zwischen 100 und 86400000 liegen")
      .default(60_000),
    // Open socket.io connections per person (tabs and windows); more are refused with a German message.
    MAX_SOCKETS_PER_USER: z.coerce
      .number({ error: "muss eine Zahl sein" })
      .int("muss eine ganze Zahl sein")
      .min(1, "muss zwischen 1 und 1000 liegen")
      .max(1000, "muss zwischen 1 und 1000 liegen")
      .default(20),
    // Whose X-Forwarded-For names the client (login limits count per address); by default nobody's.
    TRUST_PROXY: z
      .string()
      .refine((v) => parseTrustProxy(v) !== null, { error: TRUST_PROXY_HINT })
      .optional()
      .transform((v): TrustProxy => (v === undefined ? false : parseTrustProxy(v)!)),
    // The rendered-page cache (docs/decisions/007); "off" lets benchmarks measure the plain render.
    PAGE_CACHE: z
      .enum(["on", "off"], { error: "erwartet on oder off" })
      .default("on")
      .transform((v) => v === "on"),
  })
  .transform((env) => {
    const publicOrigin = new URL(env.PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`).origin;
    return {
      ...env,
      PUBLIC_ORIGIN: publicOrigin,
      // Secure cookies follow the public origin unless the operator says otherwise.
      SECURE_COOKIES: env.SECURE_COOKIES ?? publicOrigin.startsWith("https:"),
      // Demo data for `npm start`; in production only when asked for.
      SEED_DEMO: env.SEED_DEMO ?? env.NODE_ENV !== "production",
      // Next to the database, so a copy of the data folder keeps the mails with it.
      OUTBOX_DIR: env.OUTBOX_DIR ?? path.join(path.dirname(env.DATABASE_PATH), "outbox"),
    };
  });

export type Env = z.output<typeof envSchema>;

export class EnvError extends Error {}

/**
 * A rejected value as the error message may show it: the password of a URL
 * (smtp://user:secret@host) is replaced, since start-up errors go to logs and
 * terminals that others read.
 */
function withoutPassword(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:\s]*:)[^\s/]*@/i, "$1***@");
}

/** Parses an environment; a wrong value throws an EnvError that names the variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset, as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join(".");
    return `  ${name}=${JSON.stringify(withoutPassword(source[name] ?? ""))}: ${issue.message}`;
  });
  throw new EnvError(`Ungültige Konfiguration in der Umgebung:\n${lines.join("\n")}`);
}

/** The checked environment of this process, parsed once. */
export function getEnv(): Env {
  return singleton("env", () => parseEnv(process.env));
}
