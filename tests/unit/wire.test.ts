import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeWire, encodeWire } from "~/realtime/wire";

function bytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 131 + 7) & 0xff;
  return out;
}

const sizes = [0, 1, 2, 3, 31, 0x8000 - 1, 0x8000, 0x8000 + 1, 200_000];

describe("relayed updates as base64 text", () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each(sizes)("round-trips %i bytes in Node", (n) => {
    const input = bytes(n);
    expect(decodeWire(encodeWire(input))).toEqual(input);
  });

  it("encodes a view into a larger buffer, not the whole buffer", () => {
    const whole = bytes(64);
    const view = whole.subarray(10, 20);
    expect(decodeWire(encodeWire(view))).toEqual(whole.slice(10, 20));
  });

  it.each(sizes)("round-trips %i bytes the browser's way (no Buffer), the same text as Node", (n) => {
    const input = bytes(n);
    const fromNode = encodeWire(input);
    vi.stubGlobal("Buffer", undefined);
    const fromBrowser = encodeWire(input);
    expect(fromBrowser).toBe(fromNode);
    expect(decodeWire(fromBrowser)).toEqual(input);
  });
});
