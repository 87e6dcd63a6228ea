import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceProvider } from "./components/nonce";
import { logger } from "./server/logger.server";

/**
 * What Remix reports from loaders, actions and its router. Remix's own
 * default logged the router's refusals too: a data request naming a route
 * that is not on the address ("?_data=x", 403) or an address no route
 * matches (404) wrote a stack trace to the error log for every such request
 * (found by tests/integration/hostile-pages.test.ts). Those are answered to
 * the sender as what they are; only failures on our side are logged.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  logger.error({ err: error }, "unhandled error");
};

/**
 * Renders the whole document at once. The portal uses no deferred data
 * (every loader is a synchronous SQLite read), so streaming would buy no
 * earlier bytes and costs web-stream plumbing on every request
 * (docs/benchmarks.md). Remix's own inline scripts carry the CSP nonce.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const html = renderToString(
    <NonceProvider value={loadContext.cspNonce}>
      <RemixServer context={remixContext} url={request.url} />
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${html}`, { status: responseStatusCode, headers: responseHeaders });
}
