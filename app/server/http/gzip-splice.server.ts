import zlib from "node:zlib";

/**
 * A gzip body for a cached page without compressing it per request. A cached
 * page differs between two requests only in its CSP nonce. Each stretch between
 * nonces is deflated once when the page is stored, ending with a full flush
 * (byte-aligned, no back-reference across it); a hit puts each new nonce between
 * them as a stored (uncompressed) deflate block and continues the CRC-32 over
 * the stretches after the first — one valid gzip stream, as pigz builds them in
 * pieces. Recompressing the 174 KB dashboard on every hit cost more than
 * everything else in the response.
 */

export type GzipPieces = {
  /** Deflated stretches: all but the last end with a full flush, the last is final. */
  deflated: Buffer[];
  /** CRC-32 of the first stretch; the others are short and continued per request. */
  firstCrc: number;
  /** The stretches after the first, uncompressed, for the CRC. */
  rest: Buffer[];
  length: number;
};

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

export function deflatePieces(stretches: Buffer[]): GzipPieces {
  const last = stretches.length - 1;
  return {
    deflated: stretches.map((s, i) => zlib.deflateRawSync(s, { level: 6, finishFlush: i === last ? zlib.constants.Z_FINISH : zlib.constants.Z_FULL_FLUSH })),
    firstCrc: crc32(stretches[0], 0),
    rest: stretches.slice(1),
    length: stretches.reduce((n, s) => n + s.length, 0),
  };
}

/** The gzip file of stretch 0 + nonce + stretch 1 + nonce + …; the nonce must be under 64 KB. */
export function gzipJoin(pieces: GzipPieces, nonce: Buffer): Buffer {
  const out: Buffer[] = [GZIP_HEADER, pieces.deflated[0]];
  let crc = pieces.firstCrc;
  const block = storedBlock(nonce);
  for (let i = 0; i < pieces.rest.length; i++) {
    out.push(block, pieces.deflated[i + 1]);
    crc = crc32(pieces.rest[i], crc32(nonce, crc));
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc, 0);
  trailer.writeUInt32LE((pieces.length + pieces.rest.length * nonce.length) % 2 ** 32, 4);
  out.push(trailer);
  return Buffer.concat(out);
}

// After a full flush the stream is byte-aligned: a non-final stored block is the byte 0
// (BFINAL 0, BTYPE 00, padding), LEN and its one's complement, then the bytes.
function storedBlock(data: Buffer): Buffer {
  const block = Buffer.alloc(5 + data.length);
  block.writeUInt16LE(data.length, 1);
  block.writeUInt16LE(~data.length & 0xffff, 3);
  data.copy(block, 5);
  return block;
}

// CRC-32 (IEEE, as gzip uses it), continuing from `crc`; Node 20's zlib has no crc32() yet.
const TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32(data: Uint8Array, crc: number): number {
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
