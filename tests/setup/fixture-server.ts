import { forgetSingleton } from "../../app/server/singleton.server";
import { closeDb } from "../../db/client.server";
import { PortalClient } from "./http-client";
import { startPortal, type PortalServer } from "./portal-server";

/**
 * The real server plus direct access to its database through the app's own
 * models, so a test can create its fixtures (users, groups, documents) the
 * way the portal does and then drive the portal over HTTP and sockets.
 */
export async function startPortalWithModels(options: Parameters<typeof startPortal>[0] = {}): Promise<PortalServer> {
  const server = await startPortal(options);
  process.env.DATABASE_PATH = server.dbPath;
  forgetSingleton("env");
  closeDb();
  return server;
}

/** A signed-in HTTP client per named user. */
export async function signInAll(origin: string, users: Record<string, { email: string; password: string }>) {
  const clients: Record<string, PortalClient> = {};
  for (const [name, u] of Object.entries(users)) {
    clients[name] = new PortalClient(origin);
    await clients[name].login(u.email, u.password);
  }
  return clients;
}
