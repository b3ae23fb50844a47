import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import {
  brotliCompress,
  brotliCompressSync,
  brotliDecompressSync,
  constants,
  gunzipSync,
  gzip,
  gzipSync,
} from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  BROTLI_QUALITY,
  COMPRESS_MIN_BYTES,
  chooseEncoding,
  compressBody,
  GZIP_LEVEL,
  INLINE_COMPRESS_MAX_BYTES,
} from './compress-body';

/** A body that compresses well: one JSON-like record repeated. */
const text = (n: number) =>
  new TextEncoder().encode('{"id":"station-0001","status":"running"},'.repeat(n)).slice(0, n);

describe('chooseEncoding (RFC 9110 Accept-Encoding, br preferred over gzip)', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip', 'gzip'],
    ['br', 'br'],
    ['gzip, br', 'br'],
    ['GZIP, Br', 'br'],
    ['gzip;q=1, br;q=0', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['br;q=0.001', 'br'],
    ['gzip ; q=0 , br ; q=0', null],
    ['deflate, compress', null],
    ['*', 'br'],
    ['*;q=0', null],
    ['*;q=0, gzip', 'gzip'],
    ['br;q=0, *', 'gzip'],
    // spaces around a coding's name, other parameters before or after q, q values that are not numbers
    ['deflate, br ;q=0.5', 'br'],
    ['gzip;level=1', 'gzip'],
    ['br;foo=1;q=0, gzip', 'gzip'],
    ['br;q=0 ;level=1, gzip', 'gzip'],
    ['br;q=0.0, gzip', 'gzip'],
    ['br;xq=0, gzip', 'br'],
    ['br;q=0x, gzip', 'br'],
  ] as const)('%j → %s', (header, want) => {
    expect(chooseEncoding(header)).toBe(want);
  });
});

describe('compressBody', () => {
  it('brotli and gzip bodies inflate (with node’s own zlib) to the original bytes', async () => {
    const body = text(20_000);
    const br = await compressBody(body, 'br');
    expect(br.encoding).toBe('br');
    expect(br.body.byteLength).toBeLessThan(body.byteLength / 10);
    expect(Buffer.from(brotliDecompressSync(br.body)).equals(Buffer.from(body))).toBe(true);
    const gz = await compressBody(body, 'gzip');
    expect(gz.encoding).toBe('gzip');
    expect(gz.body.byteLength).toBeLessThan(body.byteLength / 10);
    // gzip's magic number 1f 8b: really gzip, not brotli under a gzip label
    expect([gz.body[0], gz.body[1]]).toEqual([0x1f, 0x8b]);
    expect(Buffer.from(gunzipSync(gz.body)).equals(Buffer.from(body))).toBe(true);
  });

  it('leaves bodies under 1 KiB as they are, and compresses from 1 KiB on', async () => {
    expect(COMPRESS_MIN_BYTES).toBe(1024);
    const small = text(1023);
    const under = await compressBody(small, 'br');
    expect(under).toEqual({ body: small, encoding: null });
    expect(under.body).toBe(small);
    const at = await compressBody(text(1024), 'br');
    expect(at.encoding).toBe('br');
    expect(Buffer.from(brotliDecompressSync(at.body)).equals(Buffer.from(text(1024)))).toBe(true);
  });

  it('sends incompressible bytes (random) uncompressed, and nothing to clients that accept no coding', async () => {
    const noise = new Uint8Array(randomBytes(8192));
    const r = await compressBody(noise, 'br, gzip');
    expect(r.encoding).toBeNull();
    expect(r.body).toBe(noise);
    const body = text(20_000);
    const none = await compressBody(body, 'identity');
    expect(none.encoding).toBeNull();
    expect(none.body).toBe(body);
  });

  it('compresses small bodies inline and large ones on the thread pool to the same bytes zlib gives (large gzip: in pieces)', async () => {
    // Independent expectation: node's asynchronous zlib with the documented settings, on both sides of the limit.
    const gz = promisify(gzip);
    const br = promisify(brotliCompress);
    for (const n of [INLINE_COMPRESS_MAX_BYTES, INLINE_COMPRESS_MAX_BYTES + 1]) {
      const body = text(n);
      const want = {
        gzip: await gz(body, { level: GZIP_LEVEL }),
        br: await br(body, {
          params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: n },
        }),
      };
      for (const coding of ['gzip', 'br'] as const) {
        const got = await compressBody(body, coding);
        expect(got.encoding).toBe(coding);
        if (coding === 'gzip' && n > INLINE_COMPRESS_MAX_BYTES) {
          // large gzip bodies are deflated in pieces (gzip-pieces.test.ts): other bytes, the same text back
          expect(Buffer.from(got.body).equals(want.gzip)).toBe(false);
          expect(gunzipSync(got.body).equals(Buffer.from(body))).toBe(true);
        } else expect(Buffer.from(got.body).equals(want[coding])).toBe(true);
      }
    }
  });

  it('uses brotli quality 2 and gzip level 1 (the bench-chosen speed), not zlib’s defaults', async () => {
    expect([BROTLI_QUALITY, GZIP_LEVEL]).toEqual([2, 1]);
    // mixed text: the quality levels give different bytes on it
    const body = new TextEncoder().encode(
      Array.from({ length: 3000 }, (_, i) => `{"id":"s-${(i * 7919) % 1000}","v":${(i * 31) % 97}}`).join(
        ',',
      ),
    );
    const br = await compressBody(body, 'br');
    const q = (quality: number) =>
      brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: quality,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
        },
      });
    expect(Buffer.from(br.body).equals(q(2))).toBe(true);
    expect(Buffer.from(br.body).equals(brotliCompressSync(body))).toBe(false);
    const gz = await compressBody(body, 'gzip');
    expect(Buffer.from(gz.body).equals(gzipSync(body, { level: 1 }))).toBe(true);
    expect(Buffer.from(gz.body).equals(gzipSync(body))).toBe(false);
  });
});
