import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type TwinApp } from './app';
import { RequestTimings } from './server-timing';
import { buildFixture, type Fixture } from './test-support/fixture-db';

let fx: Fixture;
let twin: TwinApp;
beforeAll(async () => {
  fx = await buildFixture();
  twin = await createApp({ dataDir: fx.dir, log: false, cesiumDir: null });
});
afterAll(async () => {
  await twin.close();
  fx.remove();
});

/** `name;dur=12.3, …` → { name: 12.3 }. */
function parse(header: string | null): Record<string, number> {
  expect(header).not.toBeNull();
  return Object.fromEntries(
    header!.split(',').map((part) => {
      const [name, dur] = part.trim().split(';dur=');
      return [name!, Number(dur)];
    }),
  );
}

describe('Server-Timing: each response says how long its query, Arrow build, encoding and compression took', () => {
  const hour = `from=${new Date(Date.UTC(2024, 6, 1)).toISOString()}&to=${new Date(Date.UTC(2024, 6, 1, 1)).toISOString()}`;

  it('an Arrow readings response sent with br names query, arrow, encode and compress, each within the request', async () => {
    const started = performance.now();
    const res = await twin.app.request(`/api/layers/muck-trucks/readings?${hour}&limit=100000`, {
      headers: { 'Accept-Encoding': 'br' },
    });
    const total = performance.now() - started;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    const t = parse(res.headers.get('server-timing'));
    expect(Object.keys(t).sort()).toEqual(['arrow', 'compress', 'encode', 'query']);
    for (const ms of Object.values(t)) {
      expect(ms).toBeGreaterThanOrEqual(0);
      expect(ms).toBeLessThanOrEqual(total + 1);
    }
  });

  it('a GeoJSON response names its query, encoding and compression steps; an error response has no timings of steps not run', async () => {
    const res = await twin.app.request(`/api/layers/muck-trucks/readings?${hour}&format=geojson`);
    expect(Object.keys(parse(res.headers.get('server-timing'))).sort()).toEqual([
      'arrow',
      'compress',
      'encode',
      'query',
    ]);
    const bad = await twin.app.request('/api/layers/muck-trucks/readings?at=2013-02-30');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('server-timing')).toBeNull();
  });

  it('sums repeated steps and prints milliseconds with one decimal', () => {
    const t = new RequestTimings();
    t.add('query', 1.25);
    t.add('query', 2);
    t.add('encode', 0.04);
    expect(t.header()).toBe('query;dur=3.3, encode;dur=0.0');
  });
});
