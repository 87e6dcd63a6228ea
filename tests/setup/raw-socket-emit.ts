import type { Socket } from "socket.io-client";

/**
 * Emitting what socket.io's own client cannot send as it is: its encoder
 * walks a payload recursively and overflows the stack on JSON nested 10,000
 * deep (which the server's JSON.parse reads without trouble), and when it
 * takes binary parts out of a payload it copies the rest by assignment,
 * which turns an own "__proto__" key into the copy's prototype. Such a
 * packet is written to the engine as socket.io's protocol frames it:
 * "2[event,…]" for an event, "2<id>[…]" with an acknowledgement (answered
 * by "3<id>[…]"), "5<n>-…" followed by n binary frames when it has binary
 * parts. Deep values are given as JSON text (RawJson).
 */
export class RawJson {
  constructor(readonly text: string) {}
}

const isPlain = (value: unknown): value is object => value !== null && typeof value === "object" && !(value instanceof Uint8Array);
const hasRaw = (value: unknown): boolean =>
  value instanceof RawJson || (isPlain(value) && (Object.hasOwn(value, "__proto__") || Object.values(value).some(hasRaw)));

export const needsRawEmit = (args: unknown[]): boolean => args.some(hasRaw);

/** The text frame of `[event, ...args]` (after the packet type) with RawJson put in as it is and binary parts as placeholders. */
function packet(event: string, args: unknown[], id = ""): { text: string; binary: Uint8Array[] } {
  const marks: string[] = [];
  const binary: Uint8Array[] = [];
  const json = JSON.stringify([event, ...args], function (this: Record<string, unknown>, key, value: unknown) {
    const original = this[key];
    if (original instanceof Uint8Array) {
      binary.push(original);
      return { _placeholder: true, num: binary.length - 1 };
    }
    if (!(value instanceof RawJson)) return value;
    marks.push(value.text);
    return `\u0000raw${marks.length - 1}\u0000`;
  }).replace(/"\\u0000raw(\d+)\\u0000"/g, (_m, i: string) => marks[Number(i)]);
  return { text: binary.length ? `5${binary.length}-${id}${json}` : `2${id}${json}`, binary };
}

function write(socket: Socket, frame: { text: string; binary: Uint8Array[] }) {
  socket.io.engine.write(frame.text);
  for (const part of frame.binary) socket.io.engine.write(part as unknown as string);
}

let nextId = 1_000_000;

/** Sends without acknowledgement. */
export function emitRaw(socket: Socket, event: string, args: unknown[]): void {
  write(socket, packet(event, args));
}

/** Sends with an acknowledgement id and resolves with the server's answer, or rejects after `ms`. */
export function emitRawWithAck(socket: Socket, event: string, args: unknown[], ms: number): Promise<unknown> {
  const engine = socket.io.engine;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onPacket = (frame: { type: string; data?: unknown }) => {
      if (frame.type !== "message" || typeof frame.data !== "string") return;
      // "3<id>[…]", or "6<n>-<id>[…]" for an answer with binary parts (followed by those, not read here).
      const answer = new RegExp(`^(?:3|6\\d+-)${id}(\\[.*)$`, "s").exec(frame.data);
      if (!answer) return;
      clearTimeout(timer);
      engine.off("packet", onPacket);
      resolve((JSON.parse(answer[1]) as unknown[])[0]);
    };
    const timer = setTimeout(() => {
      engine.off("packet", onPacket);
      reject(new Error("operation has timed out"));
    }, ms);
    engine.on("packet", onPacket);
    write(socket, packet(event, args, String(id)));
  });
}
