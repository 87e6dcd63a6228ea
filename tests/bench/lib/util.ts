/** Small helpers every benchmark file uses: progress log, number format, sleep. */

/** Progress goes to stderr, so stdout carries only the report. */
export function log(message: string) {
  process.stderr.write(`bench: ${message}\n`);
}

export function fmt(n: number, digits = 2): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "n/a";
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
