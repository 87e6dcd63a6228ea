/**
 * `npm run admin:create -- --email person@behoerde.de [--name "Vorname Name"]`
 * Creates the first administrator. The password comes from ADMIN_PASSWORD or
 * from a prompt (not echoed); it is never printed or logged.
 */
import { parseArgs } from "node:util";
import readline from "node:readline";
import { z } from "zod";
import { hashPassword } from "../app/auth/password.server";
import { passwordProblem } from "../app/auth/password-policy";
import { emailTaken, insertUser } from "../app/models/user.server";
import { prepareDatabase } from "../db/bootstrap.server";
import { closeDb } from "../db/client.server";

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) fail("Kein Terminal für die Passworteingabe: bitte ADMIN_PASSWORD setzen.");
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const write = (rl as unknown as { _writeToOutput: (s: string) => void });
  process.stdout.write(question);
  write._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question("", resolve));
  rl.close();
  process.stdout.write("\n");
  return answer;
}

async function main() {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
  const email = z.email().safeParse(values.email?.trim());
  if (!email.success) fail('Bitte eine gültige E-Mail-Adresse angeben: npm run admin:create -- --email name@behoerde.de');
  const name = (values.name ?? "Administration").trim().slice(0, 100);

  await prepareDatabase({ seedDemo: false });
  if (emailTaken(email.data)) fail(`Für ${email.data} gibt es bereits einen Zugang.`);

  const password = process.env.ADMIN_PASSWORD ?? (await promptHidden("Passwort (mindestens 12 Zeichen): "));
  const problem = passwordProblem(password);
  if (problem === "too_short") fail("Das Passwort muss mindestens 12 Zeichen lang sein.");
  if (problem === "too_long") fail("Das Passwort darf höchstens 256 Zeichen lang sein.");
  if (problem === "common") fail("Dieses Passwort steht auf Listen häufig verwendeter Passwörter. Bitte ein anderes wählen.");

  insertUser({ email: email.data, displayName: name, role: "admin", passwordHash: await hashPassword(password) });
  closeDb();
  process.stdout.write(`Administrator ${email.data} angelegt. Anmeldung unter /anmelden.\n`);
}

main().catch((error: Error) => fail(error.message));
