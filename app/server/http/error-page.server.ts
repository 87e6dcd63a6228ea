import type { Response } from "express";
import { de } from "../../i18n/de";

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/**
 * A small German error page for refusals that happen before Remix renders
 * (CSRF, body size, crashes outside Remix). Plain HTML, no script.
 */
export function sendErrorPage(res: Response, status: number, title: string, message: string): void {
  const requestId = String(res.getHeader("X-Request-Id") ?? "");
  res
    .status(status)
    .type("html")
    .send(
      `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
        `<title>${escape(title)} – ${escape(de.portal.name)}</title></head><body><main>` +
        `<h1>${escape(title)}</h1><p>${escape(message)}</p>` +
        (requestId ? `<p>${escape(de.errors.requestId(requestId))}</p>` : "") +
        `<p><a href="/">${escape(de.errors.backHome)}</a></p></main></body></html>`,
    );
}
