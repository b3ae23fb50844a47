import { execFileSync } from 'node:child_process';
import { crc32, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GZIP_PIECE_BYTES, gzipInPieces, pieceRanges } from './gzip-pieces';

/** Deterministic pseudo-random bytes (incompressible on their own). */
function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 0xff;
  }
  return out;
}

/** Text like a GeoJSON feature list. */
function features(n: number): Uint8Array {
  let text = '';
  for (let i = 0; text.length < n; i++)
    text += `${i ? ',' : ''}{"id":"truck-${(i * 7919) % 300}@${i}","coordinates":[121.${(i * 104729) % 1e6},31.${(i * 31) % 1e5}]}`;
  return new TextEncoder().encode(text.slice(0, n));
}

/** Debian's gzip (an implementation other than Node's zlib binding) decompressing `gz`. */
function systemGunzip(gz: Uint8Array): Buffer {
  return execFileSync('gzip', ['-dc'], { input: gz, maxBuffer: 1 << 28 });
}

const concat = (parts: Uint8Array[]) => Buffer.concat(parts);

describe('gzipInPieces', () => {
  it('one gzip member that Node’s zlib and the gzip program both read back to the input, with the right trailer', async () => {
    const cases: Uint8Array[][] = [
      [],
      [new Uint8Array(0)],
      [features(1)],
      [features(GZIP_PIECE_BYTES)],
      [features(GZIP_PIECE_BYTES + 1)],
      [features(3 * GZIP_PIECE_BYTES + 7), noise(70_000, 3), features(5)],
      [noise(GZIP_PIECE_BYTES * 2 + 11, 9)],
    ];
    for (const parts of cases) {
      const input = concat(parts);
      const gz = await gzipInPieces(parts, 1);
      expect([...gz.subarray(0, 4)]).toEqual([0x1f, 0x8b, 8, 0]);
      expect(gunzipSync(gz).equals(input), `${input.length} bytes via zlib`).toBe(true);
      expect(systemGunzip(gz).equals(input), `${input.length} bytes via gzip -dc`).toBe(true);
      const trailer = new DataView(gz.buffer, gz.byteOffset + gz.byteLength - 8, 8);
      expect(trailer.getUint32(0, true)).toBe(crc32(input) >>> 0);
      expect(trailer.getUint32(4, true)).toBe(input.length);
    }
  });

  it('primes each piece with the 32 kB before it: data repeating across piece borders compresses as in one pass', async () => {
    // 20 kB of noise repeated: a piece that started without the previous input would store 20 kB of literals again
    const block = noise(20_000, 42);
    const input = concat(Array.from({ length: 60 }, () => block));
    const pieces = await gzipInPieces([input], 1, 4);
    const onePass = gzipSync(input, { level: 1 });
    expect(pieces.byteLength).toBeLessThan(onePass.byteLength * 1.1);
    expect(gunzipSync(pieces).equals(input)).toBe(true);
  });

  it('gives the same bytes for the same text, however it is split into parts; other piece counts, other bytes', async () => {
    const input = features(3 * GZIP_PIECE_BYTES + 1234);
    const a = await gzipInPieces([input], 1, 2);
    const again = await gzipInPieces([input], 1, 2);
    const split = await gzipInPieces(
      [input.subarray(0, 1000), input.subarray(1000, 300_000), input.subarray(300_000)],
      1,
      2,
    );
    expect(Buffer.from(again).equals(Buffer.from(a))).toBe(true);
    expect(Buffer.from(split).equals(Buffer.from(a))).toBe(true);
    const four = await gzipInPieces([input], 1, 4);
    expect(Buffer.from(four).equals(Buffer.from(a))).toBe(false);
    expect(gunzipSync(four).equals(Buffer.from(input))).toBe(true);
    // one piece is a plain one-pass deflate: the same stream zlib writes, but for the sync flush before the end
    const one = await gzipInPieces([input], 1, 1);
    expect(gunzipSync(one).equals(Buffer.from(input))).toBe(true);
  });

  it('cuts a body into about total / pieces bytes, never under 256 kB but for the last piece (written out)', () => {
    const K = GZIP_PIECE_BYTES;
    expect(K).toBe(262_144);
    expect(pieceRanges(0, 2)).toEqual([]);
    expect(pieceRanges(100, 2)).toEqual([[0, 100]]);
    expect(pieceRanges(600_000, 2)).toEqual([
      [0, 300_000],
      [300_000, 600_000],
    ]);
    expect(pieceRanges(600_001, 2)).toEqual([
      [0, 300_001],
      [300_001, 600_001],
    ]);
    expect(pieceRanges(600_000, 4)).toEqual([
      [0, K],
      [K, 2 * K],
      [2 * K, 600_000],
    ]);
    expect(pieceRanges(4_000_000, 4)).toEqual([
      [0, 1_000_000],
      [1_000_000, 2_000_000],
      [2_000_000, 3_000_000],
      [3_000_000, 4_000_000],
    ]);
  });
});
