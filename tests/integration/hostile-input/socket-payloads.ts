import { z } from "zod";
import { clientEventSchemas, type ClientEventName } from "../../../app/realtime/events";
import { hostileJsonValues, hostileNumbers, hostileTexts, manyKeys, nestedJson } from "../../fixtures/hostile-input";
import { RawJson } from "../../setup/raw-socket-emit";

/**
 * The socket side of the corpus: every value of it in every field of every
 * client event (the fields read from the event schemas of
 * app/realtime/events.ts), and whole payloads of the wrong shape.
 */
export type HostileEmit = { label: string; args: unknown[] };

/** A value of the corpus as it travels in a socket payload. */
export const socketValues: { label: string; value: unknown }[] = [
  ...hostileTexts.map((t) => ({ label: `text ${t.label}`, value: t.value })),
  ...hostileNumbers.map((n) => ({ label: `number ${n}`, value: n })),
  ...hostileJsonValues.map((v, i) => ({ label: `value #${i} ${Buffer.isBuffer(v) ? "binary" : JSON.stringify(v)}`, value: v })),
  { label: "array of 100,000", value: new Array(100_000).fill(0) },
  { label: "nested 10,000 deep", value: new RawJson(nestedJson(10_000)) },
  { label: "object with 10,000 keys", value: manyKeys(10_000) },
];

/** The field paths of an event's schema: "documentId", "where", "where.area", … */
export function fieldPaths(event: ClientEventName): string[] {
  const walk = (schema: z.ZodType, prefix: string): string[] => {
    const def = schema.def as { type: string; innerType?: z.ZodType };
    if (def.innerType) return walk(def.innerType, prefix);
    if (!(schema instanceof z.ZodObject)) return [];
    return Object.entries(schema.shape).flatMap(([key, inner]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      return [path, ...walk(inner as z.ZodType, path)];
    });
  };
  return walk(clientEventSchemas[event], "");
}

/** A copy of `payload` with `value` at `path` (dots between keys). */
function setAt(payload: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [key, ...rest] = path.split(".");
  const inner = (payload[key] ?? {}) as Record<string, unknown>;
  return { ...payload, [key]: rest.length ? setAt(inner, rest.join("."), value) : value };
}

/**
 * Each corpus value in each field of the valid payload. Deep nesting goes
 * only into payloads without binary parts: with them, socket.io's parser
 * rebuilds the payload recursively and closes the connection instead of
 * answering (hostile-sockets.test.ts checks that on its own).
 */
export function perFieldEmits(event: ClientEventName, valid: Record<string, unknown>): HostileEmit[] {
  const binary = Object.values(valid).some((v) => v instanceof Uint8Array);
  const values = socketValues.filter((v) => !(binary && v.value instanceof RawJson));
  return fieldPaths(event).flatMap((path) => values.map(({ label, value }) => ({ label: `${path}: ${label}`, args: [setAt(valid, path, value)] })));
}

/**
 * Whole payloads of the wrong shape: nothing, other types, extra and
 * prototype keys, a second argument. All stay below socket.io's message
 * limit (maxHttpBufferSize): beyond it the connection is closed, which
 * hostile-sockets.test.ts checks on its own. The deep one replaces the
 * whole payload, binary parts included.
 */
export function wholePayloadEmits(valid: Record<string, unknown>): HostileEmit[] {
  const withKey = (json: string) => Object.assign(JSON.parse(json) as Record<string, unknown>, valid);
  return [
    { label: "no payload", args: [] },
    ...[null, "text", 42, true, [valid], Buffer.from("{}"), new RawJson(nestedJson(10_000)), new Array(100_000).fill(0), manyKeys(10_000)].map((value, i) => ({
      label: `payload #${i} of the wrong shape`,
      args: [value],
    })),
    { label: "an extra key", args: [{ ...valid, extra: 1 }] },
    { label: "own key __proto__", args: [withKey('{"__proto__":{"polluted":true}}')] },
    { label: "own key constructor", args: [withKey('{"constructor":{"prototype":{"polluted":true}}}')] },
    { label: "a second argument", args: [valid, { zweites: true }] },
  ];
}
