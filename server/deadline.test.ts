import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { tableFromArrays } from 'apache-arrow';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataDir } from '../data/ensure-demo';
import { createApp, type TwinApp } from './app';
import { Deadline, requestDeadline, withDeadline } from './deadline';
import { encodeFeatureCollection } from './encode/geojson-chunked';
import { ApiError } from './errors';
import { streamBody } from './respond';

function points(n: number) {
  const lon = new Float64Array(n).map((_, i) => 121 + i * 1e-6);
  const lat = new Float64Array(n).fill(31.2);
  const name = Array.from({ length: n }, (_, i) => `p${i}`);
  return tableFromArrays({ name, lon, lat });
}

describe('one deadline per request covers encoding and sending (issue 8.2)', () => {
  it('the GeoJSON encoder stops with a 504 error when the deadline passes between chunks', async () => {
    const table = points(150_000);
    const deadline = new Deadline(30);
    const encoding = withDeadline(deadline, () =>
      encodeFeatureCollection(table, 'point', (cell) => String(cell('name'))),
    );
    await expect(encoding).rejects.toBeInstanceOf(ApiError);
    await expect(encoding).rejects.toMatchObject({ code: 'timeout', status: 504 });
  });

  it('the same table encodes completely without a deadline', async () => {
    const parts = await encodeFeatureCollection(points(5000), 'point', (cell) => String(cell('name')));
    const doc = JSON.parse(
      Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))).toString('utf8'),
    ) as { features: { id: string }[] };
    expect(doc.features.length).toBe(5000);
    expect(doc.features[4999]!.id).toBe('p4999');
  });

  it('a body being sent stops when the deadline passes', async () => {
    const deadline = new Deadline(10_000);
    const body = streamBody([new Uint8Array(8 << 20)], deadline);
    const reader = body.getReader();
    expect((await reader.read()).done).toBe(false);
    deadline.expire();
    await expect(reader.read()).rejects.toMatchObject({ code: 'timeout' });
  });
});

describe('the deadline middleware', () => {
  it('does not keep a finished request (its context and response) alive until its limit passes', async () => {
    // The deadline's timer runs for the whole limit (here 60 s); whatever its signal's listeners reach stays in
    // memory that long. On the Node server a context holds its response and body (still referenced after being
    // written), so a finished request must be collectable at once.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    let held: WeakRef<object> | null = null;
    const app = new Hono();
    app.use(
      '*',
      requestDeadline(() => 60_000),
    );
    app.get('/big', (c) => {
      held = new WeakRef(c);
      return c.body(new Uint8Array(4 << 20));
    });
    const r = await app.request('/big');
    expect((await r.arrayBuffer()).byteLength).toBe(4 << 20);
    for (let i = 0; i < 5 && held!.deref(); i++) {
      await new Promise((ok) => setImmediate(ok));
      gc();
    }
    expect(held!.deref()).toBeUndefined();
  });
});

describe('over HTTP', () => {
  let fast: TwinApp;
  beforeAll(async () => {
    fast = await createApp({ dataDir: demoDataDir(), log: false, cesiumDir: null });
  });
  afterAll(() => fast.close());
  const url =
    '/api/layers/muck-trucks/readings?from=2013-09-13T08:00:00%2B08:00&to=2013-09-13T10:00:00%2B08:00&limit=100000';

  it('a deadline that the query meets but GeoJSON encoding does not gives 504 JSON', async () => {
    // the deadline lands halfway through encoding: the Arrow response's time (query + Arrow) plus half of what
    // GeoJSON encoding took on the same server (its Server-Timing), each the best of three
    let arrowMs = Number.POSITIVE_INFINITY;
    let encodeMs = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const arrow = await fast.app.request(url);
      await arrow.arrayBuffer();
      arrowMs = Math.min(arrowMs, performance.now() - t0);
      expect(arrow.headers.get('X-Row-Count')).toBe('100000');
      const geo = await fast.app.request(`${url}&format=geojson`);
      await geo.arrayBuffer();
      const encode = /encode;dur=([\d.]+)/.exec(geo.headers.get('server-timing') ?? '');
      encodeMs = Math.min(encodeMs, Number(encode?.[1]));
    }
    expect(encodeMs).toBeGreaterThan(20);
    const tight = await createApp({
      dataDir: demoDataDir(),
      log: false,
      cesiumDir: null,
      requestTimeoutMs: Math.ceil(arrowMs + encodeMs / 2),
    });
    await (await tight.app.request(url)).arrayBuffer(); // warm the catalog
    const r = await tight.app.request(`${url}&format=geojson`);
    expect(r.status).toBe(504);
    expect(await r.json()).toMatchObject({ error: { code: 'timeout' } });
    await tight.close();
  });
});
