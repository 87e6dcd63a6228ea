import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PortalClient } from "../setup/http-client";
import { startPortal } from "../setup/portal-server";

const root = path.resolve(import.meta.dirname, "../..");

function adminCreate(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/admin-create.ts", ...args], {
    cwd: root,
    env: { NODE_ENV: "production", PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: "silent", ...env } as NodeJS.ProcessEnv,
    encoding: "utf8",
    // Migrations and one argon2 hash: a second or two, many more on a busy machine; killed only when hung.
    timeout: 120_000,
  });
}

/** Two script runs, a server start and a sign-in: under a minute quiet, several on a loaded machine. */
const FLOW_TIMEOUT_MS = 300_000;

describe("npm run admin:create", () => {
  it("creates the first administrator in a new database, who can then sign in", { timeout: FLOW_TIMEOUT_MS }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-portal-admin-"));
    const env = { DATABASE_PATH: path.join(dir, "portal.db"), ADMIN_PASSWORD: "Erste Administration im Freistaat" };
    const run = adminCreate(["--email", "it-referat@tfm.thueringen.example", "--name", "Referat IT"], env);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Administrator it-referat@tfm.thueringen.example angelegt");
    expect(run.stdout + run.stderr).not.toContain(env.ADMIN_PASSWORD);

    const twice = adminCreate(["--email", "IT-Referat@tfm.thueringen.example"], env);
    expect(twice.status).toBe(1);
    expect(twice.stderr).toContain("bereits einen Zugang");

    const server = await startPortal({ dir, env: { SEED_DEMO: "true" } });
    try {
      const client = new PortalClient(server.origin);
      await client.login("it-referat@tfm.thueringen.example", env.ADMIN_PASSWORD);
      expect(await (await client.get("/verwaltung/benutzer")).text()).toContain("Referat IT");
      // A portal with a real admin gets no demo accounts.
      const demo = await new PortalClient(server.origin).post("/anmelden", { email: "admin@ag-portal.test", password: "Demo-Passwort-2018" });
      expect(demo.status).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it("refuses a weak password and a missing e-mail address", { timeout: FLOW_TIMEOUT_MS }, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-portal-admin-"));
    const weak = adminCreate(["--email", "a@b.example"], { DATABASE_PATH: path.join(dir, "p.db"), ADMIN_PASSWORD: "passwort1234" });
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain("häufig verwendeter Passwörter");
    const noEmail = adminCreate([], { DATABASE_PATH: path.join(dir, "p.db"), ADMIN_PASSWORD: "Erste Administration im Freistaat" });
    expect(noEmail.status).toBe(1);
    expect(noEmail.stderr).toContain("gültige E-Mail-Adresse");
  });
});
