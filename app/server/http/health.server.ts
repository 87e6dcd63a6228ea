import type { Router } from "express";
import express from "express";
import { getDb } from "../../../db/client.server";
import { migrationsApplied } from "../../../db/migrate.server";

/** /healthz: the process answers. /readyz: the database answers and is migrated. */
export function healthRoutes(isShuttingDown: () => boolean): Router {
  const router = express.Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", (_req, res) => {
    if (isShuttingDown()) return void res.status(503).json({ status: "shutting_down" });
    try {
      const db = getDb();
      db.$client.prepare("SELECT 1").get();
      if (!migrationsApplied(db)) return void res.status(503).json({ status: "migrations_pending" });
      res.json({ status: "ready" });
    } catch {
      res.status(503).json({ status: "database_unavailable" });
    }
  });
  return router;
}
