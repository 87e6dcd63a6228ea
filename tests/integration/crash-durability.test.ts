import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { PortalClient } from "../setup/http-client";
import { startPortal, type PortalServer } from "../setup/portal-server";
import { DocClient } from "../setup/yjs-client";

/**
 * Durable before acknowledged: clients type and record which inserts were
 * acknowledged, the server is killed with SIGKILL at a random moment and
 * restarted; every acknowledged insert must be in the document and the
 * database must pass integrity_check. 10 rounds here, 100 with `npm run test:crash`.
 */
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 10);
const editors = ["anna.schmidt@ag-portal.test", "jonas.weber@ag-portal.test", "moderation@ag-portal.test"];

// A seeded, reproducible sequence of kill moments (mulberry32).
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function documentId(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  const row = db.prepare("SELECT id FROM documents WHERE title = ?").get("Empfehlung: E-Akte schrittweise einführen") as { id: number };
  db.close();
  return row.id;
}

/** Signs each editor in once: sessions are rows in the database and outlive every restart. */
async function signIn(server: PortalServer): Promise<string[]> {
  const cookies: string[] = [];
  for (const email of editors) {
    const http = new PortalClient(server.origin);
    await http.login(email, DEMO_PASSWORD);
    cookies.push(http.cookie!);
  }
  return cookies;
}

async function openEditor(server: PortalServer, cookie: string, docId: number) {
  const client = new DocClient(server.origin, cookie, docId);
  const joined = await client.join();
  if (!joined.ok) throw new Error(`join failed: ${joined.error}`);
  return client;
}

/** Types markers one after another; a marker counts once its update is acknowledged. */
async function type(client: DocClient, label: string, acked: Set<string>, stop: () => boolean) {
  for (let i = 0; !stop(); i++) {
    const marker = `[${label}-${i}]`;
    const text = client.doc.getText("inhalt");
    const before = Y.encodeStateVector(client.doc);
    // Origin "remote" keeps the client from sending on its own; this loop sends and waits.
    client.doc.transact(() => text.insert(text.length, marker), "remote");
    const reply = await client.send(Y.encodeStateAsUpdate(client.doc, before)).catch(() => null);
    if (reply?.ok) acked.add(marker);
    else return;
  }
}

describe("acknowledged updates survive kill -9", () => {
  // Each round restarts the server (about 2 s quiet, 10–20 s on a machine loaded ~10 on two cores);
  // every step waits with a deadline of its own that names it (startPortal, the joins).
  it(`${ROUNDS} rounds of typing, SIGKILL at a random moment, restart`, { timeout: 120_000 + ROUNDS * 60_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-portal-crash-"));
    const next = random(20261128);
    const acked = new Set<string>();
    let server = await startPortal({ dir });
    const docId = documentId(server.dbPath);
    const cookies = await signIn(server);
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const clients = await Promise.all(cookies.map((c) => openEditor(server, c, docId)));
        let killed = false;
        const typing = clients.map((c, i) => type(c, `r${round}c${i}`, acked, () => killed));
        await new Promise((r) => setTimeout(r, 50 + Math.floor(next() * 400)));
        server.process.kill("SIGKILL");
        killed = true;
        await new Promise((resolve) => server.process.once("exit", resolve));
        await Promise.all(typing);
        for (const c of clients) c.close();

        const db = new Database(server.dbPath);
        expect(db.pragma("integrity_check", { simple: true }), `round ${round}`).toBe("ok");
        db.close();

        server = await startPortal({ dir });
        const reader = await openEditor(server, cookies[0], docId);
        const text = reader.text;
        const missing = [...acked].filter((m) => !text.includes(m));
        reader.close();
        expect(missing, `round ${round}: acknowledged but lost`).toEqual([]);
      }
      expect(acked.size).toBeGreaterThan(ROUNDS * 3);
    } finally {
      await server.stop();
    }
  });
});

