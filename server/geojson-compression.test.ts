import { execFileSync } from 'node:child_process';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type TwinApp } from './app';
import { INLINE_COMPRESS_MAX_BYTES } from './encode/compress-body';
import { buildFixture, type Fixture } from './test-support/fixture-db';

const iso = (ms: number) => new Date(ms).toISOString();

async function get(f: TwinApp, url: string, headers: Record<string, string> = {}) {
  const res = await f.app.request(url, { headers });
  expect(res.status).toBe(200);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

describe('GeoJSON responses are compressed like Arrow ones', () => {
  let fx: Fixture;
  let f: TwinApp;
  let url = '';
  beforeAll(async () => {
    fx = await buildFixture();
    f = await createApp({ dataDir: fx.dir, log: false, cesiumDir: null });
    url = `/api/layers/muck-trucks/readings?from=${iso(fx.t0)}&to=${iso(fx.t0 + 2 * 3600_000)}&limit=100000&format=geojson`;
  });
  afterAll(async () => {
    await f.close();
    fx.remove();
  });

  it('br or gzip as the client prefers; the body inflates to the identity bytes; Vary and the uncompressed length', async () => {
    const identity = await get(f, url, { 'Accept-Encoding': 'identity' });
    expect(identity.res.headers.get('content-encoding')).toBeNull();
    expect(Number(identity.res.headers.get('content-length'))).toBe(identity.bytes.byteLength);
    // the fixture's readings are large enough to take the thread-pool path (gzip in pieces)
    expect(identity.bytes.byteLength).toBeGreaterThan(INLINE_COMPRESS_MAX_BYTES);
    expect(JSON.parse(identity.bytes.toString('utf8')).features.length).toBeGreaterThan(1000);

    const br = await get(f, url, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.res.headers.get('content-encoding')).toBe('br');
    expect(br.res.headers.get('vary')).toMatch(/Accept-Encoding/);
    expect(Number(br.res.headers.get('x-uncompressed-length'))).toBe(identity.bytes.byteLength);
    expect(Number(br.res.headers.get('content-length'))).toBe(br.bytes.byteLength);
    expect(br.bytes.byteLength).toBeLessThan(identity.bytes.byteLength / 4);
    expect(brotliDecompressSync(br.bytes).equals(identity.bytes)).toBe(true);

    const gz = await get(f, url, { 'Accept-Encoding': 'gzip, deflate' });
    expect(gz.res.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(gz.bytes).equals(identity.bytes)).toBe(true);
    // an implementation other than Node's zlib binding reads it too
    expect(
      execFileSync('gzip', ['-dc'], { input: gz.bytes, maxBuffer: 1 << 28 }).equals(identity.bytes),
    ).toBe(true);
    // the same request twice: the same compressed bytes
    expect((await get(f, url, { 'Accept-Encoding': 'gzip, deflate' })).bytes.equals(gz.bytes)).toBe(true);
  });

  it('a small GeoJSON body goes out as it is', async () => {
    const small = `${url.replace('limit=100000', 'limit=1')}`;
    const { res, bytes } = await get(f, small, { 'Accept-Encoding': 'gzip, br' });
    expect(bytes.byteLength).toBeLessThan(1024);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(JSON.parse(bytes.toString('utf8')).features).toHaveLength(1);
  });
});
