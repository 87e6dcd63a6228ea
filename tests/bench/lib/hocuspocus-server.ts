/**
 * The comparison server for tests/bench/collab.ts: @hocuspocus/server 4.7.0
 * with its SQLite extension on a file database, default debounce. Started
 * by collab.ts as a child pinned to the server core; prints READY when
 * listening. Env: HP_PORT, HP_DB.
 */
import { SQLite } from "@hocuspocus/extension-sqlite";
import { Server } from "@hocuspocus/server";

const server = new Server({
  port: Number(process.env.HP_PORT),
  address: "127.0.0.1",
  quiet: true,
  extensions: [new SQLite({ database: process.env.HP_DB! })],
});
await server.listen();
process.stdout.write("READY\n");
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    void server.destroy().finally(() => process.exit(0));
  });
}
