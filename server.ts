/**
 * Composition root: checks the environment, prepares the database, wires
 * Express (security, logging, static files, health, CSRF, sessions, Remix)
 * and socket.io onto one HTTP server. No handlers live here.
 */
import http from "node:http";
import path from "node:path";
import crypto from "node:crypto";
import compression from "compression";
import express from "express";
import { pinoHttp } from "pino-http";
import { prepareDatabase } from "./db/bootstrap.server";
import { startDocWriter } from "./app/realtime/doc-writer.server";
import { attachRealtime } from "./app/realtime/socket.server";
import { getEnv } from "./app/server/env.server";
import { getOperatorConfig } from "./app/server/operator-config.server";
import { scheduleSessionCleanup } from "./app/auth/session-cleanup.server";
import { redactSecrets } from "./app/server/http/redact.server";
import { sendErrorPage } from "./app/server/http/error-page.server";
import { healthRoutes } from "./app/server/http/health.server";
import { bodyLimit, csrfGuard } from "./app/server/http/request-guards.server";
import { requestTargetGuard } from "./app/server/http/request-target.server";
import { securityHeaders } from "./app/server/http/security-headers.server";
import { sessionMiddleware } from "./app/server/http/session-middleware.server";
import { pageCache } from "./app/server/http/page-cache.server";
import { noStoreWhenSignedIn } from "./app/server/http/private-responses.server";
import { logger } from "./app/server/logger.server";
import { remixHandler } from "./app/server/remix-handler.server";
import { installGracefulShutdown } from "./app/server/shutdown.server";
import { startMailScheduler } from "./app/notifications/scheduler.server";
import { startSearchIndexer } from "./app/models/search-index.server";
import { de } from "./app/i18n/de";

async function main() {
  const env = getEnv();
  // A broken operator file should stop the start, not the first visit to the Impressum.
  getOperatorConfig();
  await prepareDatabase({ seedDemo: env.SEED_DEMO });
  scheduleSessionCleanup();

  const app = express();
  app.disable("x-powered-by");
  // X-Forwarded-For names the client only behind a proxy the operator declared (login limits count per address).
  app.set("trust proxy", env.TRUST_PROXY);

  const requestIdPattern = /^[A-Za-z0-9-]{8,64}$/;
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers["x-request-id"];
        const id = typeof given === "string" && requestIdPattern.test(given) ? given : crypto.randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      serializers: {
        // Invitation links carry their secret in the path: never into the log.
        // The client address as Express works it out under TRUST_PROXY: the one the login limits count.
        req: (req) => ({ id: req.id, method: req.method, url: redactSecrets(req.url), ip: (req.raw as express.Request).ip ?? req.remoteAddress }),
        res: (res) => ({ status: res.statusCode }),
      },
      // Static assets would drown the log.
      autoLogging: { ignore: (req) => req.url?.startsWith("/build/") ?? false },
    }),
  );
  app.use(securityHeaders(env));
  // Before the static files: Express's router throws on a path it cannot decode, for them too.
  app.use(requestTargetGuard(env));
  app.use(compression());
  // Fingerprinted by the Remix compiler: cache for a year.
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use("/fonts", express.static("public/fonts", { immutable: true, maxAge: "1y" }));
  // Only paths that name a file: pages skip a pointless disk lookup in public/.
  const publicFiles = express.static("public", { maxAge: "1h", index: false });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));

  const httpServer = http.createServer(app);
  const realtime = attachRealtime(httpServer, env);
  // Document updates are committed in a thread of their own (decision 009); listen once it can write.
  await startDocWriter();
  // Daily digest and mail retries; stopped (a run in progress awaited) before the database closes.
  const mailScheduler = startMailScheduler();
  // Rows changed by any writer are tokenized for search here (decision 008).
  const searchIndexer = startSearchIndexer();
  const shutdown = installGracefulShutdown(httpServer, {
    close: async (reason: string) => {
      await mailScheduler.stop();
      searchIndexer.stop();
      await realtime.close(reason);
    },
  });

  app.use(healthRoutes(shutdown.isShuttingDown));
  app.use(csrfGuard(env));
  app.use(bodyLimit(env));
  app.use(sessionMiddleware);
  app.use(noStoreWhenSignedIn);
  app.use(pageCache(env));
  app.all("*", await remixHandler());
  app.use(((error, _req, res, _next) => {
    logger.error({ err: error }, "unhandled error");
    sendErrorPage(res, 500, de.errors.serverTitle, de.errors.server);
  }) as express.ErrorRequestHandler);

  httpServer.listen(env.PORT, env.HOST, () => {
    const address = httpServer.address();
    const port = typeof address === "object" && address ? address.port : env.PORT;
    logger.info({ port, origin: env.PUBLIC_ORIGIN }, `AG-Portal läuft auf http://localhost:${port}`);
  });
}

main().catch((error: Error) => {
  // Configuration and database problems are for people: the message names what to fix.
  process.stderr.write(`AG-Portal kann nicht starten.\n${error.message}\n`);
  process.exit(1);
});
