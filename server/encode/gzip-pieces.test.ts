import { execFileSync } from 'node:child_process';
import { crc32, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GZIP_PIECE_BYTES, gzipInPieces } from './gzip-pieces';

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
    const pieces = await gzipInPieces([input], 1);
    const onePass = gzipSync(input, { level: 1 });
    expect(pieces.byteLength).toBeLessThan(onePass.byteLength * 1.1);
    expect(gunzipSync(pieces).equals(input)).toBe(true);
  });

  it('gives the same bytes for the same input, however it is split into parts', async () => {
    const input = features(2 * GZIP_PIECE_BYTES + 1234);
    const a = await gzipInPieces([input], 1);
    const b = await gzipInPieces([input], 1);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    // parts are cut into pieces on their own borders: other parts, other (equally valid) bytes
    const split = await gzipInPieces([input.subarray(0, 1000), input.subarray(1000)], 1);
    expect(gunzipSync(split).equals(Buffer.from(input))).toBe(true);
  });
});
