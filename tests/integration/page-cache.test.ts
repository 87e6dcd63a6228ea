import fs from "node:fs";
import http from "node:http";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { addGroupWithMembers, demoEmails, userIdsOf } from "../setup/fixture-rows";
import { PortalClient } from "../setup/http-client";
import { startPortal, type PortalServer } from "../setup/portal-server";

/**
 * The rendered-page cache against the real server (docs/decisions/007): a
 * repeated GET is served from the cache with the current request's nonce, and
 * every write (by the portal, or by another connection to the database file),
 * another session, a logout or PAGE_CACHE=off makes it render again.
 */

let server: PortalServer;
let db: Database.Database;
const c: Record<string, PortalClient> = {};
const G = "ag-cache-test"; // intern: jonas (group moderation), anna (member)
const GROUP_PAGE = `/gruppen/${G}`;

beforeAll(async () => {
  server = await startPortal();
  db = new Database(server.dbPath);
  const ids = userIdsOf(db, ["anna", "jonas"] as const);
  addGroupWithMembers(
    db,
    { slug: G, title: "Cache-Testgruppe", description: "Eine Gruppe für die Tests des Seiten-Caches.", visibility: "intern" },
    [
      [ids.jonas, "moderation"],
      [ids.anna, "member"],
    ],
  );
  for (const name of ["anna", "jonas"] as const) {
    c[name] = new PortalClient(server.origin);
    await c[name].login(demoEmails[name], DEMO_PASSWORD);
  }
});

afterAll(async () => {
  db?.close();
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

type Page = {
  status: number;
  cache: string | null;
  html: string;
  nonce: string;
  requestId: string | null;
  encoding: string | null;
  vary: string | null;
};

async function get(client: PortalClient, path: string, init: RequestInit = {}): Promise<Page> {
  const res = await client.request(path, { method: "GET", ...init });
  const csp = res.headers.get("content-security-policy") ?? "";
  return {
    status: res.status,
    cache: res.headers.get("x-page-cache"),
    html: await res.text(),
    nonce: /'nonce-([^']+)'/.exec(csp)?.[1] ?? "",
    requestId: res.headers.get("x-request-id"),
    encoding: res.headers.get("content-encoding"),
    vary: res.headers.get("vary"),
  };
}

/**
 * GETs until the page comes from the cache and returns that response. A miss
 * right after a render is legitimate only when the minute bucket turned or the
 * session's once-a-minute "last used" write happened in between, so three
 * tries suffice.
 */
async function cachedGet(client: PortalClient, path: string, init: RequestInit = {}): Promise<Page> {
  for (let i = 0; i < 3; i++) {
    const page = await get(client, path, init);
    expect(page.status).toBe(200);
    if (page.cache === "hit") return page;
    expect(page.cache).toBe("miss");
  }
  throw new Error(`${path} never came from the cache`);
}

const unread = (html: string) => Number(/data-unread="(\d+)"/.exec(html)?.[1]);

describe("rendered-page cache", () => {
  it("serves a repeated GET of / from the cache with a new nonce in header and body", async () => {
    const first = await get(c.anna, "/");
    expect(first.status).toBe(200);
    const hit = await cachedGet(c.anna, "/");
    expect(hit.html).toContain("Willkommen");
    expect(hit.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(hit.nonce).not.toBe(first.nonce);
    // Every inline script carries the current nonce; none of an earlier render is left.
    const scriptNonces = [...hit.html.matchAll(/<script[^>]* nonce="([^"]*)"/g)].map((m) => m[1]);
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([hit.nonce]));
    expect(hit.html).not.toContain(first.nonce);
    expect(hit.requestId).not.toBe(first.requestId);
    // Apart from the nonce, the very page that was rendered.
    expect(hit.html.replaceAll(hit.nonce, first.nonce)).toBe(first.html);
  });

  it("compresses a hit like a fresh render", async () => {
    const page = await cachedGet(c.anna, "/", { headers: { "accept-encoding": "gzip" } }); // fetch decompresses
    expect(page.encoding).toBe("gzip");
    expect(page.vary).toMatch(/Accept-Encoding/i);
    expect(page.html).toContain(`nonce="${page.nonce}"`);
    expect(page.html).toContain("Willkommen");
  });

  it("a gzip hit is one valid gzip stream of exactly the page with the new nonce", async () => {
    const raw = (encoding: string) =>
      new Promise<{ cache: string; nonce: string; body: Buffer; encoding: string }>((resolve, reject) => {
        const req = http.get(`${server.origin}/`, { headers: { cookie: c.anna.cookie!, "accept-encoding": encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (d: Buffer) => chunks.push(d));
          res.on("end", () =>
            resolve({
              cache: String(res.headers["x-page-cache"]),
              nonce: /'nonce-([^']+)'/.exec(String(res.headers["content-security-policy"]))?.[1] ?? "",
              body: Buffer.concat(chunks),
              encoding: String(res.headers["content-encoding"] ?? "identity"),
            }),
          );
        });
        req.on("error", reject);
      });
    let zipped = await raw("gzip");
    for (let i = 0; i < 2 && zipped.cache !== "hit"; i++) zipped = await raw("gzip");
    const plain = await raw("identity");
    expect([zipped.cache, zipped.encoding, plain.cache, plain.encoding]).toEqual(["hit", "gzip", "hit", "identity"]);
    const unzipped = zlib.gunzipSync(zipped.body).toString("utf8");
    expect(unzipped).toContain(`nonce="${zipped.nonce}"`);
    expect(unzipped.replaceAll(zipped.nonce, plain.nonce)).toBe(plain.body.toString("utf8"));
  });

  it("answers HEAD from the GET's entry, without a body, and never stores a HEAD", async () => {
    const head = async () => {
      // identity: fetch asks for gzip by default, and a gzip answer has its own length.
      const res = await c.anna.request("/gruppen", { method: "HEAD", headers: { "accept-encoding": "identity" } });
      return { cache: res.headers.get("x-page-cache"), length: res.headers.get("content-length"), body: await res.text() };
    };
    // GET then HEAD, again if the minute turned in between (a HEAD that misses stores nothing).
    let get1 = await cachedGet(c.anna, "/gruppen");
    let hit = await head();
    for (let i = 0; i < 2 && hit.cache !== "hit"; i++) {
      get1 = await cachedGet(c.anna, "/gruppen");
      hit = await head();
    }
    expect(hit.cache).toBe("hit");
    expect(hit.body).toBe("");
    expect(Number(hit.length)).toBe(Buffer.byteLength(get1.html.replaceAll(get1.nonce, "x".repeat(get1.nonce.length))));
    // A HEAD that misses is not stored: the next GET renders.
    db.prepare("update groups set updated_at = updated_at + 1 where slug = ?").run(G);
    expect((await head()).cache).toBe("miss");
    expect((await get(c.anna, "/gruppen")).cache).toBe("miss");
  });

  it("keeps a document and its ?_data= request apart", async () => {
    const data = await cachedGet(c.anna, "/?_data=root");
    expect(JSON.parse(data.html).user.displayName).toBe("Anna Schmidt");
    const doc = await cachedGet(c.anna, "/");
    expect(doc.html).toMatch(/^<!DOCTYPE html>/);
  });

  it("renders again after someone else posts in the group and after the user marks notifications read", async () => {
    const before = unread((await cachedGet(c.anna, "/")).html);
    const post = await c.jonas.post(`${GROUP_PAGE}/diskussion/neu`, { title: "Neues Thema für den Cache", body: "Ein Beitrag." });
    expect(post.status).toBe(302);
    const afterPost = await get(c.anna, "/");
    expect(afterPost.cache).toBe("miss");
    expect(unread(afterPost.html)).toBe(before + 1);

    await cachedGet(c.anna, "/");
    expect((await c.anna.post("/benachrichtigungen", { intent: "read-all" })).status).toBeLessThan(400);
    const afterRead = await get(c.anna, "/");
    expect(afterRead.cache).toBe("miss");
    expect(unread(afterRead.html)).toBe(0);
  });

  it("renders again after the group moderation edits the description", async () => {
    expect((await cachedGet(c.anna, GROUP_PAGE)).html).toContain("Eine Gruppe für die Tests des Seiten-Caches.");
    // The group moderation's form holds description and goals (title and the rest are the portal moderation's).
    const edit = await c.jonas.post(`${GROUP_PAGE}/bearbeiten`, {
      description: "Eine Gruppe für die Tests des Seiten-Caches (überarbeitet).",
      goals: "",
    });
    expect(edit.status).toBe(302);
    const after = await get(c.anna, GROUP_PAGE);
    expect(after.cache).toBe("miss");
    expect(after.html).toContain("Eine Gruppe für die Tests des Seiten-Caches (überarbeitet).");
  });

  it("renders again after another connection writes to the database file", async () => {
    await cachedGet(c.anna, GROUP_PAGE);
    await cachedGet(c.anna, "/gruppen");
    db.prepare("update groups set title = ? where slug = ?").run("Von außen umbenannt", G);
    for (const path of [GROUP_PAGE, "/gruppen"]) {
      const after = await get(c.anna, path);
      expect(after.cache, path).toBe("miss");
      expect(after.html, path).toContain("Von außen umbenannt");
    }
  });

  it("caches /fortschritt and the group list per URL", async () => {
    await cachedGet(c.anna, "/fortschritt");
    const mine = await get(c.anna, "/gruppen?meine=1");
    expect(mine.cache).toBe("miss");
  });

  it("never shows one user's page to another", async () => {
    expect((await cachedGet(c.anna, "/")).html).toContain("Anna Schmidt");
    const jonas = await get(c.jonas, "/");
    expect(jonas.cache).toBe("miss");
    expect(jonas.html).toContain("Jonas Weber");
    expect(jonas.html).not.toContain("Willkommen, Anna");
    const jonasAgain = await cachedGet(c.jonas, "/");
    expect(jonasAgain.html).not.toContain("Willkommen, Anna");
  });

  it("after logging out, the old cookie gets the public page, not the cached one", async () => {
    const anna2 = new PortalClient(server.origin);
    await anna2.login(demoEmails.anna, DEMO_PASSWORD);
    await cachedGet(anna2, "/");
    const oldCookie = anna2.cookie!;
    expect((await anna2.post("/abmelden", {})).status).toBe(302);
    const res = await anna2.get("/", { headers: { cookie: oldCookie } });
    const html = await res.text();
    expect(res.headers.get("x-page-cache")).toBeNull();
    expect(html).not.toContain("Willkommen");
    expect(html).toContain("/anmelden");
  });

  it("leaves pages outside the allow-list and non-GET requests alone", async () => {
    for (const path of ["/themen", `${GROUP_PAGE}/diskussion`, `${GROUP_PAGE}/aktivitaet`, "/konto/sitzungen", "/gruppen/neu", "/aktivitaet"]) {
      for (let i = 0; i < 2; i++) {
        const res = await c.jonas.get(path);
        await res.arrayBuffer();
        expect(res.headers.get("x-page-cache"), path).toBeNull();
      }
    }
    const post = await c.anna.post("/benachrichtigungen", { intent: "read-all" });
    expect(post.headers.get("x-page-cache")).toBeNull();
  });

  it("caches nothing for signed-out visitors", async () => {
    const anonymous = new PortalClient(server.origin);
    for (let i = 0; i < 2; i++) {
      const res = await anonymous.get("/");
      await res.text();
      expect(res.headers.get("x-page-cache")).toBeNull();
    }
  });
});

describe("PAGE_CACHE=off", () => {
  let plain: PortalServer;
  afterAll(async () => {
    await plain?.stop();
    if (plain) fs.rmSync(plain.dir, { recursive: true, force: true });
  });

  it("renders every request", async () => {
    plain = await startPortal({ env: { PAGE_CACHE: "off" } });
    const anna = new PortalClient(plain.origin);
    await anna.login(demoEmails.anna, DEMO_PASSWORD);
    for (let i = 0; i < 3; i++) {
      const page = await get(anna, "/");
      expect(page.status).toBe(200);
      expect(page.html).toContain("Willkommen");
      expect(page.cache).toBeNull();
    }
  });
});
