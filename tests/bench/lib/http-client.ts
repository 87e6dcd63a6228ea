/** One-off HTTP requests for checks and logins (not for load), and a free port for the server. */
import http from "node:http";
import net from "node:net";

export type SimpleResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

export function request(
  target: string,
  options: { method: string; headers?: Record<string, string>; body?: string },
): Promise<SimpleResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(target, { method: options.method, headers: options.headers, agent: false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`timeout: ${options.method} ${target}`)));
    req.on("error", reject);
    req.end(options.body);
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}
