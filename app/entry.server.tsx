import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceProvider } from "./components/nonce";
import { logger } from "./server/logger.server";

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

/**
 * Errors of loaders, actions and rendering go to the portal's log (Remix's
 * default writes them to the console). Remix's own refusals of what a client
 * sent (a method no route takes, a `?_data=` for a route the URL does not
 * match) are answered with their 4xx and are no errors of the server; nor is a
 * request the client has given up.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  // A 5xx route error response carries the Error behind it (as Remix's default logs it).
  const cause = isRouteErrorResponse(error) ? ((error as { error?: unknown }).error ?? error) : error;
  logger.error({ err: cause, reqId: context.requestId }, "error in a loader, action or page");
};
