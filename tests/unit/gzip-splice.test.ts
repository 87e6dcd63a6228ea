import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32, deflatePieces, gzipJoin } from "~/server/http/gzip-splice.server";

const join = (stretches: Buffer[], nonce: Buffer) => Buffer.concat(stretches.flatMap((s, i) => (i === 0 ? [s] : [nonce, s])));

describe("gzip of a cached page, joined around a new nonce", () => {
  it("computes CRC-32 as gzip does, also in pieces", () => {
    expect(crc32(Buffer.from("123456789"), 0)).toBe(0xcbf43926);
    const a = Buffer.from("Arbeitsgruppe ");
    const b = Buffer.from("Digitales Rathaus");
    expect(crc32(b, crc32(a, 0))).toBe(crc32(Buffer.concat([a, b]), 0));
  });

  it("decompresses to the page with the new nonce wherever the old one was", () => {
    const stretches = [
      Buffer.from(`<!doctype html><html lang="de"><body>${"<tr><td>Gruppe</td><td>12</td></tr>".repeat(3000)}<script nonce="`),
      Buffer.from(`">window.__remixContext = ${JSON.stringify({ groups: Array.from({ length: 200 }, (_, i) => ({ id: i, title: `Gruppe ${i}` })) })};</script><script nonce="`),
      Buffer.from(`" type="module">import "/build/entry.client.js";</script></body></html>`),
    ];
    const pieces = deflatePieces(stretches);
    expect(pieces.deflated.reduce((n, b) => n + b.length, 0)).toBeLessThan(pieces.length / 5);
    for (const nonce of ["abc+/=", "xyz0123456789ABCDEFGH=="].map((n) => Buffer.from(n))) {
      expect(zlib.gunzipSync(gzipJoin(pieces, nonce)).equals(join(stretches, nonce))).toBe(true);
    }
  });

  it("handles a page without a nonce, empty stretches and a nonce at the very end", () => {
    const nonce = Buffer.from("N0nce==");
    for (const stretches of [[Buffer.from("nur Text")], [Buffer.alloc(0)], [Buffer.from("a"), Buffer.alloc(0)], [Buffer.alloc(0), Buffer.from("b"), Buffer.alloc(0)]]) {
      expect(zlib.gunzipSync(gzipJoin(deflatePieces(stretches), nonce)).equals(join(stretches, nonce))).toBe(true);
    }
  });
});
