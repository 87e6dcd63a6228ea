import fs from "node:fs";
import path from "node:path";
import nodemailer, { type SendMailOptions, type Transporter } from "nodemailer";
import { getEnv } from "../server/env.server";

/**
 * Sends one outbox mail. With SMTP_URL through that server; without, the
 * mail is written as an .eml file into OUTBOX_DIR, so nothing is lost and a
 * person can open it in any mail program. The file name comes from the
 * outbox id and an existing file is never rewritten: a run that resumes
 * after a crash finds the file and only marks the row sent. Who may send a
 * row is decided before (claimMail in outbox.server.ts).
 */

export type OutgoingMail = { id: number; dedupKey: string; toAddress: string; subject: string; textBody: string; createdAt: Date };

/** "000123-digest.eml": sorted by id, the kind (digest, sofort) readable in a file listing. */
export function emlFileName(mail: Pick<OutgoingMail, "id" | "dedupKey">): string {
  const kind = mail.dedupKey.split(":")[0].replace(/[^a-z]/g, "") || "mail";
  return `${String(mail.id).padStart(6, "0")}-${kind}.eml`;
}

function message(mail: OutgoingMail) {
  return {
    from: getEnv().MAIL_FROM,
    to: mail.toAddress,
    subject: mail.subject,
    text: mail.textBody,
    date: mail.createdAt,
    // The same id on every attempt: a receiving server can tell a retry from a new mail.
    messageId: `<outbox-${mail.id}-${mail.dedupKey.replace(/[^a-zA-Z0-9-]/g, ".")}@ag-portal>`,
  };
}

/**
 * The longest one SMTP send may take; then it is aborted and counts as failed.
 * Well inside the claim's lease (MAIL_CLAIM_LEASE_MS, 10 minutes), so no
 * other sender takes a mail over while its send is still running.
 */
export const SMTP_SEND_TIMEOUT_MS = 2 * 60_000;

export async function deliverMail(mail: OutgoingMail): Promise<"sent" | "already_written"> {
  const env = getEnv();
  if (env.SMTP_URL) {
    // nodemailer 10 takes an AbortSignal; @types/nodemailer 8 does not know it yet.
    const options = { ...message(mail), signal: AbortSignal.timeout(SMTP_SEND_TIMEOUT_MS) } as SendMailOptions;
    await smtpTransport(env.SMTP_URL).sendMail(options);
    return "sent";
  }
  return writeEml(mail, env.OUTBOX_DIR);
}

let smtp: { url: string; transport: Transporter } | undefined;
function smtpTransport(url: string): Transporter {
  if (smtp?.url !== url) smtp = { url, transport: nodemailer.createTransport(url) };
  return smtp.transport;
}

async function writeEml(mail: OutgoingMail, dir: string): Promise<"sent" | "already_written"> {
  const target = path.join(dir, emlFileName(mail));
  if (fs.existsSync(target)) return "already_written";
  const info = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }).sendMail(message(mail));
  fs.mkdirSync(dir, { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  // fsync before the name appears: the row is marked sent only after this returns.
  const fd = fs.openSync(tmp, "w");
  try {
    fs.writeSync(fd, info.message as Buffer);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    // link() fails when the name exists, unlike rename(): a file written meanwhile is never replaced.
    fs.linkSync(tmp, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return "already_written";
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return "sent";
}
