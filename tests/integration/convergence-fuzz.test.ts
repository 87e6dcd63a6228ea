import Database from "better-sqlite3";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "../../app/models/document.server";
import { loadDocState } from "../../app/models/doc-state.server";
import { createGroup } from "../../app/models/group.server";
import { closeDb } from "../../db/client.server";
import { createTestUser } from "../fixtures/users";
import { signInAll, startPortalWithModels } from "../setup/fixture-server";
import { FuzzClient } from "../setup/fuzz-client";
import type { PortalServer } from "../setup/portal-server";

/**
 * Convergence fuzz in the style of Yjs's own random tests (tests/testHelper.js,
 * `applyRandomTests`): 5 clients edit one document through the real server,
 * remote updates are applied in random order at random times, clients drop
 * their connection and come back. At the end every client must equal the
 * server's document, content and state vector.
 *
 * Seeded: FUZZ_SEED=<n> replays one seed (FUZZ_ROUNDS=1 to run only it);
 * FUZZ_ROUNDS=<k> runs k seeds (FUZZ_SEED, FUZZ_SEED+1, …); FUZZ_STEPS=<n>
 * steps per seed. The seed fixes every choice of the fuzzer; the network adds
 * its own timing, so a replay takes the same decisions but may see a
 * different inbox at a given step.
 */
const BASE_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 0x5eed_0001;
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? (process.env.FUZZ_SEED ? 1 : 3));
const STEPS = Number(process.env.FUZZ_STEPS ?? 400);
const CLIENTS = 5;

/** mulberry32: small, fast, good enough for choosing operations. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = { next: () => number; int: (min: number, max: number) => number; pick: <T>(items: T[]) => T; bool: (p?: number) => boolean; word: () => string };

function makeRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const alphabet = "abcdefghijklmnopqrstuvwxyzäöüß ÄÖÜ\n";
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)],
    bool: (p = 0.5) => next() < p,
    word: () => Array.from({ length: int(1, 6) }, () => [...alphabet][int(0, [...alphabet].length - 1)]).join(""),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const turn = () => new Promise((r) => setImmediate(r));

let server: PortalServer;

beforeAll(async () => {
  server = await startPortalWithModels();
});
afterAll(async () => {
  closeDb();
  await server?.stop();
});

/** Five members of a fresh group, signed in, and a fresh document (fresh users keep each round's rate budget apart). */
async function fixture(seed: number) {
  const users = Object.fromEntries(await Promise.all(Array.from({ length: CLIENTS }, async (_, i) => [`u${i}`, await createTestUser("member", `Fuzz ${seed} ${i}`)] as const)));
  const list = Object.values(users);
  const group = createGroup(
    { title: `Fuzz ${seed}`, slug: `fuzz-${seed.toString(36)}-${Date.now().toString(36)}`, loge: null, description: "Gruppe für den Konvergenz-Fuzz", goals: "", visibility: "intern" },
    list[0].id,
  );
  const db = new Database(server.dbPath);
  for (const u of list.slice(1)) {
    db.prepare("INSERT INTO group_members (group_id, user_id, role, joined_at) VALUES (?, ?, 'member', ?)").run(group.id, u.id, Date.now());
  }
  db.close();
  const documentId = createDocument(group.id, { title: `Fuzz-Dokument ${seed}`, kind: "empfehlung" }, list[0].id).id;
  const http = await signInAll(server.origin, users);
  return { documentId, cookies: Object.keys(users).map((k) => http[k].cookie!) };
}

/** Everything the fuzz touches, comparable with toEqual. */
function snapshot(doc: Y.Doc) {
  return {
    inhalt: doc.getText("inhalt").toDelta(),
    meta: doc.getMap("meta").toJSON(),
    liste: doc.getArray("liste").toJSON(),
  };
}
const stateVector = (doc: Y.Doc) => [...Y.decodeStateVector(Y.encodeStateVector(doc)).entries()].sort((a, b) => a[0] - b[0]);

async function runSeed(seed: number) {
  const rng = makeRng(seed);
  const { documentId, cookies } = await fixture(seed);
  const clients = cookies.map((c, i) => new FuzzClient(`c${i}`, server.origin, c, documentId));
  const ops: Record<string, number> = {};
  try {
    await Promise.all(clients.map((c) => c.connect()));

    const text = (c: FuzzClient) => c.doc.getText("inhalt");
    // Weighted operations, as in Yjs's applyRandomTests: each gets a client and the generator.
    const operations: [number, string, (c: FuzzClient) => void | Promise<void>][] = [
      [30, "insert", (c) => {
        const t = text(c);
        const attrs = rng.bool(0.2) ? { bold: true } : undefined;
        t.insert(rng.int(0, t.length), rng.word(), attrs);
      }],
      [12, "delete", (c) => {
        const t = text(c);
        if (t.length === 0) return;
        const at = rng.int(0, t.length - 1);
        t.delete(at, rng.int(1, Math.min(8, t.length - at)));
      }],
      [5, "format", (c) => {
        const t = text(c);
        if (t.length === 0) return;
        const at = rng.int(0, t.length - 1);
        t.format(at, rng.int(1, Math.min(6, t.length - at)), { italic: rng.bool() ? true : null });
      }],
      [5, "map", (c) => {
        const m = c.doc.getMap("meta");
        const key = rng.pick(["titel", "status", "farbe", "zahl"]);
        if (rng.bool(0.25)) m.delete(key);
        else m.set(key, rng.int(0, 1000));
      }],
      [5, "array", (c) => {
        const a = c.doc.getArray<string>("liste");
        if (a.length > 0 && rng.bool(0.35)) a.delete(rng.int(0, a.length - 1), 1);
        else a.insert(rng.int(0, a.length), [rng.word()]);
      }],
      [3, "transaction", (c) => {
        // Several changes in one update.
        c.doc.transact(() => {
          text(c).insert(0, rng.word());
          c.doc.getMap("meta").set("zahl", rng.int(0, 1000));
          c.doc.getArray<string>("liste").push([rng.word()]);
        });
      }],
      [25, "deliver", (c) => c.deliver(rng.int(0, c.inbox.length), (n) => rng.int(0, n - 1))],
      [4, "disconnect", (c) => {
        if (c.online && !c.joining) c.disconnect();
      }],
      [6, "reconnect", (c) => {
        if (!c.online) void c.connect();
      }],
      [5, "wait", async () => {
        await sleep(rng.int(0, 8));
      }],
    ];
    const total = operations.reduce((s, [w]) => s + w, 0);

    for (let step = 0; step < STEPS; step++) {
      let r = rng.next() * total;
      const [, name, op] = operations.find(([w]) => (r -= w) < 0) ?? operations[operations.length - 1];
      const c = rng.pick(clients);
      ops[name] = (ops[name] ?? 0) + 1;
      await op(c);
      // Let socket traffic flow between steps (acks, broadcasts into the inboxes).
      await turn();
    }

    // Settle: everyone back online, every inbox applied (random order), every update acknowledged, quiet for a while.
    const deadline = Date.now() + 15_000;
    let quietSince = 0;
    for (;;) {
      await Promise.all(clients.map((c) => (c.online ? c.joining : c.connect())));
      for (const c of clients) c.deliver(c.inbox.length, (n) => rng.int(0, n - 1));
      if (clients.every((c) => c.quiet)) {
        quietSince ||= Date.now();
        if (Date.now() - quietSince >= 150) break;
      } else {
        quietSince = 0;
      }
      if (Date.now() > deadline) {
        const state = clients.map((c) => `${c.name}: online=${c.online} joined=${c.joined} pending=${c.pending.size} inFlight=${c.inFlight} inbox=${c.inbox.length} errors=${c.errors.join(",")}`);
        throw new Error(`seed ${seed}: clients did not settle\n${state.join("\n")}`);
      }
      await sleep(10);
    }

    // A fresh client reads the server's document; the stored state (snapshot + log) must say the same.
    const fresh = new FuzzClient("fresh", server.origin, cookies[0], documentId);
    await fresh.connect();
    const stored = new Y.Doc();
    Y.applyUpdate(stored, loadDocState(documentId).state);
    const expected = snapshot(fresh.doc);
    const expectedSv = stateVector(fresh.doc);
    fresh.close();

    const replay = `replay: FUZZ_SEED=${seed} FUZZ_ROUNDS=1 FUZZ_STEPS=${STEPS} npx vitest run tests/integration/convergence-fuzz.test.ts`;
    for (const c of clients) {
      expect(c.errors, `${c.name} errors (${replay})`).toEqual([]);
      expect(c.doc.store.pendingStructs, `${c.name} has pending structs (${replay})`).toBeNull();
      expect(c.doc.store.pendingDs, `${c.name} has pending deletes (${replay})`).toBeNull();
      expect(snapshot(c.doc), `${c.name} content equals the server's (${replay})`).toEqual(expected);
      expect(stateVector(c.doc), `${c.name} state vector equals the server's (${replay})`).toEqual(expectedSv);
    }
    expect(snapshot(stored), `stored state equals the server's (${replay})`).toEqual(expected);
    expect(stateVector(stored), `stored state vector equals the server's (${replay})`).toEqual(expectedSv);
    stored.destroy();

    const sum = (k: keyof FuzzClient["stats"]) => clients.reduce((s, c) => s + c.stats[k], 0);
    if (process.env.FUZZ_VERBOSE) {
      console.log(
        `seed ${seed}: ${JSON.stringify(ops)} sent=${sum("sent")} acked=${sum("acked")} retried=${sum("retried")} delivered=${sum("delivered")} outOfOrder=${sum("outOfOrder")} joins=${sum("joins")} text=${text(clients[0]).length} chars`,
      );
    }
  } catch (error) {
    (error as Error).message = `[FUZZ_SEED=${seed}] ${(error as Error).message}`;
    throw error;
  } finally {
    for (const c of clients) c.close();
  }
}

describe(`convergence fuzz: ${CLIENTS} clients through the real server (${ROUNDS} seeds from ${BASE_SEED}, ${STEPS} steps)`, () => {
  for (let round = 0; round < ROUNDS; round++) {
    const seed = BASE_SEED + round;
    it(`seed ${seed}: random edits, delivery order, disconnects and reconnects — all end identical to the server`, () => runSeed(seed), 60_000);
  }
});
