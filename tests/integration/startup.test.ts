import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { io } from "socket.io-client";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { PortalClient } from "../setup/http-client";
import { startExpectingFailure, startPortal } from "../setup/portal-server";

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "ag-portal-start-"));

describe("start-up checks", () => {
  it("stops with a message naming a wrong environment variable", async () => {
    const { code, output } = await startExpectingFailure({ PORT: "achtzig", DATABASE_PATH: path.join(tempDir(), "x.db") });
    expect(code).toBe(1);
    expect(output).toContain("PORT=");
    expect(output).toContain("muss eine Zahl sein");
  });

  it("stops on a broken operator configuration and names the field", async () => {
    const dir = tempDir();
    const config = path.join(dir, "operator.json");
    fs.writeFileSync(config, JSON.stringify({ operatorName: "Musterbehörde", email: "keine-adresse" }));
    const { code, output } = await startExpectingFailure({ OPERATOR_CONFIG: config, DATABASE_PATH: path.join(dir, "p.db"), PORT: "0" });
    expect(code).toBe(1);
    expect(output).toContain(config);
    expect(output).toMatch(/\n\s+email: /);
  });

  it("refuses a file that is not a database, names its path and leaves it untouched", async () => {
    const file = path.join(tempDir(), "kein.db");
    const content = "Dies ist ein Protokoll der Sitzung, keine Datenbank.\n".repeat(200);
    fs.writeFileSync(file, content);
    const { code, output } = await startExpectingFailure({ DATABASE_PATH: file, PORT: "0" });
    expect(code).toBe(1);
    expect(output).toContain(file);
    expect(output).toContain("keine gültige SQLite-Datenbank");
    expect(fs.readFileSync(file, "utf8")).toBe(content);
  });

  it("creates a missing database with its folder, migrates and seeds once; a second start changes nothing", async () => {
    const dir = path.join(tempDir(), "neu", "verschachtelt");
    const first = await startPortal({ dir: (fs.mkdirSync(dir, { recursive: true }), dir) });
    const ready = await (await fetch(`${first.origin}/readyz`)).json();
    expect(ready).toEqual({ status: "ready" });
    expect(await first.stop()).toBe(0);

    const count = () => {
      const db = new Database(path.join(dir, "portal.db"), { readonly: true });
      const n = (db.prepare("SELECT count(*) AS n FROM users").get() as { n: number }).n;
      const hashes = (db.prepare("SELECT group_concat(password_hash) AS h FROM users").get() as { h: string }).h;
      db.close();
      return { n, hashes };
    };
    const before = count();
    expect(before.n).toBe(5);

    const second = await startPortal({ dir });
    const client = new PortalClient(second.origin);
    await client.login("beobachtung@ag-portal.test", DEMO_PASSWORD);
    expect(await (await client.get("/")).text()).toContain("Dr. Claudia Berger");
    expect(await second.stop()).toBe(0);
    expect(count()).toEqual(before);
  });

  it("does not put demo accounts into a database with real users", async () => {
    const dir = tempDir();
    const first = await startPortal({ dir, env: { SEED_DEMO: "false" } });
    await first.stop();
    const db = new Database(path.join(dir, "portal.db"));
    db.prepare("INSERT INTO users (email, display_name, role, password_hash, created_at) VALUES ('echt@behoerde.example', 'Echte Person', 'admin', 'x', 0)").run();
    db.close();
    const second = await startPortal({ dir, env: { SEED_DEMO: "true" } });
    await second.stop();
    const check = new Database(path.join(dir, "portal.db"), { readonly: true });
    expect((check.prepare("SELECT count(*) AS n FROM users").get() as { n: number }).n).toBe(1);
    check.close();
  });
});

describe("graceful shutdown", () => {
  it("tells sockets why, closes them, finishes and exits 0 on SIGTERM", async () => {
    const server = await startPortal({ env: { LOG_LEVEL: "info" } });
    const client = new PortalClient(server.origin);
    await client.login("anna.schmidt@ag-portal.test", DEMO_PASSWORD);
    const socket = io(server.origin, { transports: ["websocket"], reconnection: false, extraHeaders: { origin: server.origin, cookie: client.cookie! } });
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const notice = new Promise<{ reason: string }>((resolve) => socket.once("server:shutdown", resolve));
    const disconnected = new Promise((resolve) => socket.once("disconnect", resolve));
    const code = server.stop();
    expect((await notice).reason).toContain("neu gestartet");
    await disconnected;
    expect(await code).toBe(0);
    expect(server.output()).toContain("shutdown complete");
  });
});
