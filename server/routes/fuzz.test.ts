import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type TwinApp } from '../app';
import { buildFixture, type Fixture } from '../test-support/fixture-db';

let fx: Fixture;
let twin: TwinApp;
beforeAll(async () => {
  fx = await buildFixture();
  twin = await createApp({ dataDir: fx.dir, log: false, cesiumDir: null, queryTimeoutMs: 5_000 });
});
afterAll(async () => {
  await twin.close();
  fx.remove();
});

const layerIds = [
  'pump-stations',
  'muck-trucks',
  'roads',
  'districts',
  'crowd-density',
  'nope',
  '',
  '..',
  '%00',
  'pump-stations.readings',
];
const paths = [
  '/api/layers',
  '/api/layers/{id}',
  '/api/layers/{id}/features',
  '/api/layers/{id}/readings',
  '/ogc',
  '/ogc/conformance',
  '/ogc/api',
  '/ogc/collections',
  '/ogc/collections/{id}',
  '/ogc/collections/{id}/items',
  '/ogc/collections/{id}/items/{id}',
  '/health',
  '/ready',
  '/tiles/{id}',
  '/cesium/{id}',
  '/{id}',
];
const params = [
  'bbox',
  'radius',
  'district',
  'filter',
  'columns',
  'orderBy',
  'limit',
  'offset',
  'format',
  'at',
  'from',
  'to',
  'bucket',
  'grid',
  'maxAge',
  'key',
  'datetime',
  'bbox-crs',
  'f',
];
const interesting = fc.constantFrom(
  '121.4,31.1,121.6,31.3',
  '121.5,31.2,121.5,31.2',
  '1e308,1e308,-1e308,5',
  'NaN,NaN,NaN,NaN',
  '121.5,31.2,500',
  '黄浦区',
  '310101',
  'status:eq:fault',
  'speed_kmh:gt:1e400',
  'company:in:a|b|c',
  "name:eq:'; DROP TABLE x; --",
  'lon',
  'lat:desc',
  '0',
  '-1',
  '99999999999999999999',
  '1.5',
  'geojson',
  'arrow',
  '2024-07-01T00:00:00Z',
  '2024-07-01',
  '2024-13-45T99:99:99Z',
  '9999-12-31T23:59:59Z',
  '0001-01-01T00:00:00Z',
  '../2024-07-01T00:00:00Z',
  '2024-07-01T00:00:00Z/..',
  '5m',
  '1d',
  '100',
  '1h',
  '"',
  '%',
  '\u0000',
);
const value = fc.oneof(
  interesting,
  fc.string({ maxLength: 40 }),
  fc.double().map(String),
  fc.integer().map(String),
);

const request = fc.record({
  path: fc.constantFrom(...paths),
  id: fc.oneof(fc.constantFrom(...layerIds), fc.string({ maxLength: 20 })),
  query: fc.array(fc.tuple(fc.constantFrom(...params), value), { maxLength: 6 }),
  post: fc.boolean(),
  body: fc.oneof(
    fc.constant(''),
    fc.json(),
    fc.constant(
      JSON.stringify({
        polygon: {
          type: 'Polygon',
          coordinates: [
            [
              [121.4, 31.1],
              [121.6, 31.1],
              [121.6, 31.3],
              [121.4, 31.1],
            ],
          ],
        },
      }),
    ),
    fc.constant(
      JSON.stringify({
        polygon: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [0, 0],
              [0, 0],
              [0, 0],
            ],
          ],
        },
      }),
    ),
    fc.constant(
      JSON.stringify({
        polygon: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [1e9, 1],
                [2, 2],
                [3, 3],
                [1e9, 1],
              ],
            ],
          ],
        },
      }),
    ),
  ),
});

describe('fuzz: random input never yields a 5xx', () => {
  it('every route answers < 500 to random parameters and bodies', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const path = r.path.replaceAll('{id}', encodeURIComponent(r.id));
        const qs = r.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
        const url = `${path}${qs ? `?${qs}` : ''}`;
        const res = await twin.app.request(url, r.post ? { method: 'POST', body: r.body } : undefined);
        await res.arrayBuffer();
        if (res.status >= 500) throw new Error(`${r.post ? 'POST' : 'GET'} ${url} → ${res.status}`);
      }),
      { numRuns: 600 },
    );
    expect((await twin.app.request('/health')).status).toBe(200);
    expect((await twin.app.request('/ready')).status).toBe(200);
  });
});
