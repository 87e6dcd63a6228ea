import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-data";
import { PortalClient } from "../setup/http-client";
import { startPortal, type PortalServer } from "../setup/portal-server";

/**
 * The dashboard "Fortschritt" against the real server with the demo data:
 * who sees which group, the filters in the URL, bad filter values, and the
 * observers' start page.
 */

let server: PortalServer;
const c: Record<string, PortalClient> = {};
const VERTRAULICH = "Kooperation mit IT-Wirtschaft und Bildungseinrichtungen";

beforeAll(async () => {
  server = await startPortal();
  for (const [name, email] of Object.entries({
    anna: "anna.schmidt@ag-portal.test",
    jonas: "jonas.weber@ag-portal.test",
    observer: "beobachtung@ag-portal.test",
  })) {
    c[name] = new PortalClient(server.origin);
    await c[name].login(email, DEMO_PASSWORD);
  }
  c.anonymous = new PortalClient(server.origin);
});

afterAll(async () => {
  await server?.stop();
  if (server) fs.rmSync(server.dir, { recursive: true, force: true });
});

const page = async (client: PortalClient, path = "/fortschritt") => {
  const res = await client.get(path);
  return { status: res.status, html: await res.text(), location: res.headers.get("location") };
};
/** The group rows of the table, by their data-group attribute. */
const rows = (html: string) => [...html.matchAll(/data-group="([^"]+)"/g)].map((m) => m[1]);

describe("dashboard Fortschritt", () => {
  it("sends signed-out visitors to the sign-in", async () => {
    const res = await page(c.anonymous);
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/anmelden/);
  });

  it("shows a member every intern group with its progress, but not a vertraulich group they are not in", async () => {
    const { status, html } = await page(c.anna);
    expect(status).toBe(200);
    expect(rows(html)).toContain("digitales-rathaus");
    expect(rows(html)).not.toContain("kooperation-it-wirtschaft-bildung");
    expect(html).not.toContain("Entwurf Kooperationsvereinbarung");
    expect(html).toContain("5 Arbeitsgruppen");
    // Milestones as an accessible progress bar with its text, overdue ones in words.
    expect(html).toMatch(/<progress max="4" value="2" aria-label="Meilensteine erreicht: Digitales Rathaus/);
    expect(html).toContain("2 von 4");
    expect(html).toContain("Überfällig:");
    expect(html).toContain("Fachgespräch mit dem TLfDI");
    // Recommendations by status and the charts with their tables.
    expect(html).toContain("Übergeben: 1");
    expect(html).toContain("In Konsultation: 1");
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="status-chart-title status-chart-desc"/);
    expect(html).toContain("Als Tabelle anzeigen");
  });

  it("shows the vertraulich group to its member and to the observer with a grant", async () => {
    for (const client of [c.jonas, c.observer]) {
      const { status, html } = await page(client);
      expect(status).toBe(200);
      expect(rows(html)).toContain("kooperation-it-wirtschaft-bildung");
      expect(html).toContain(VERTRAULICH);
    }
  });

  it("filters by Loge and status in the URL", async () => {
    const byLoge = await page(c.observer, `/fortschritt?loge=${encodeURIComponent("Digitales Rathaus")}`);
    expect(byLoge.status).toBe(200);
    expect(rows(byLoge.html)).toEqual(["digitales-rathaus"]);
    expect(byLoge.html).toContain("1 Arbeitsgruppe");
    const byStatus = await page(c.observer, "/fortschritt?status=archiviert");
    expect(byStatus.status).toBe(200);
    expect(rows(byStatus.html)).toEqual([]);
    expect(byStatus.html).toContain("Keine Gruppe passt zu diesem Filter.");
  });

  it("ignores bad filter values instead of failing", async () => {
    const all = rows((await page(c.observer)).html);
    for (const query of ["?seite=abc", "?seite=99999", "?status=kaputt", "?loge=%3Cscript%3E", "?loge=%FF", "?status=aktiv&status=x&loge[]=1", `?loge=${"x".repeat(5000)}`]) {
      const res = await page(c.observer, `/fortschritt${query}`);
      expect(res.status, query).toBeLessThan(500);
      if (res.status === 200) expect(rows(res.html).length, query).toBeGreaterThan(0);
    }
    expect(all.length).toBe(6);
  });

  it("is the observers' start page; other roles keep their home", async () => {
    const observerHome = await page(c.observer, "/");
    expect(observerHome.status).toBe(200);
    expect(observerHome.html).toContain("Fortschritt der Arbeitsgruppen");
    expect(observerHome.html).toContain("Ihre Rolle im Portal: Beobachtung");
    const annaHome = await page(c.anna, "/");
    expect(annaHome.html).toContain("Willkommen, Anna Schmidt");
    expect(annaHome.html).not.toContain("Fortschritt der Arbeitsgruppen");
  });
});
