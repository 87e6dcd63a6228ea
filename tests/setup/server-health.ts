import type { PortalServer } from "./portal-server";

/**
 * Whether a running portal is still well: it answers /healthz, and its log
 * since `from` (a position in server.output()) has no error: no pino entry
 * of level 50 and up, and no other line that reports one (an error's name
 * or a stack frame, as a crash or console.error prints them). A library's
 * warning on stderr is not an error.
 */
export async function healthProblems(server: PortalServer, from: number): Promise<string[]> {
  const problems: string[] = [];
  try {
    const res = await fetch(`${server.origin}/healthz`);
    if (res.status !== 200) problems.push(`/healthz answered ${res.status}`);
  } catch (error) {
    problems.push(`/healthz did not answer: ${(error as Error).message}`);
  }
  if (server.process.exitCode !== null || server.process.signalCode !== null) problems.push("the server process ended");
  for (const line of server.output().slice(from).split("\n")) {
    if (!line.trim()) continue;
    let level = 0;
    try {
      level = (JSON.parse(line) as { level?: number }).level ?? 0;
    } catch {
      if (/\w*Error\b|^\s+at |Fatal|Aborted/.test(line)) problems.push(`log: ${line.slice(0, 300)}`);
      continue;
    }
    if (level >= 50) problems.push(`log: ${line.slice(0, 500)}`);
  }
  return problems;
}
