import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARROW_TYPE_NAMES, LAYERS } from '../../layers';
import { createApp, type TwinApp } from '../app';
import { fetchArrow, postJson } from '../test-support/app-client';
import { buildFixture, type Fixture } from '../test-support/fixture-db';

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

async function expectError(url: string, status: number, parameter?: string, init?: RequestInit) {
  const res = await twin.app.request(url, init);
  const body = (await res.json()) as { error: { code: string; parameter?: string; message: string } };
  expect({ url, status: res.status }).toEqual({ url, status });
  expect(body.error.message.length).toBeGreaterThan(0);
  if (parameter) expect(body.error.parameter).toBe(parameter);
  return body;
}

describe('operations', () => {
  it('/health and /ready', async () => {
    expect((await twin.app.request('/health')).status).toBe(200);
    const ready = await twin.app.request('/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true });
  });

  it('/ready is 503 and the API answers 503 JSON without data', async () => {
    const empty = await createApp({ dataDir: '/nonexistent-twin-dir', log: false, cesiumDir: null });
    expect((await empty.app.request('/ready')).status).toBe(503);
    expect((await empty.app.request('/health')).status).toBe(200);
    const r = await empty.app.request('/api/layers/pump-stations/features');
    expect(r.status).toBe(503);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('not_ready');
    await empty.close();
  });

  it('logs one JSON line per request', async () => {
    const lines: unknown[] = [];
    const logged = await createApp({ dataDir: fx.dir, log: (l) => lines.push(l), cesiumDir: null });
    // The line is written when the body's last byte goes out, so read the bodies as a client would.
    await (await logged.app.request('/api/layers/pump-stations/features?limit=2')).arrayBuffer();
    await (await logged.app.request('/api/layers/nope')).arrayBuffer();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      method: 'GET',
      path: '/api/layers/pump-stations/features',
      status: 200,
    });
    expect((lines[0] as { bytes: number }).bytes).toBeGreaterThan(100);
    expect(lines[1]).toMatchObject({ status: 404 });
    await logged.close();
  });
});

describe('catalog', () => {
  it('lists every registry layer with data-derived extent, time range and counts', async () => {
    const res = await twin.app.request('/api/layers');
    const body = (await res.json()) as {
      layers: Record<string, unknown>[];
      groups: unknown[];
      dataset: unknown;
    };
    expect(body.layers.map((l) => l.id)).toEqual(LAYERS.map((l) => l.id));
    const pumps = body.layers.find((l) => l.id === 'pump-stations')!;
    expect(pumps.rowCount).toBe(fx.rows.pump_stations!.length);
    expect(pumps.readingCount).toBe(fx.rows.pump_station_readings!.length);
    expect(pumps.timeRange).toEqual(['2024-07-01T00:00:00.000Z', '2024-07-01T05:55:00.000Z']);
    const lons = fx.rows.pump_stations!.map((r) => r.lon as number);
    expect((pumps.extent as number[])[0]).toBe(Math.min(...lons));
    expect(pumps.columns).toEqual(LAYERS.find((l) => l.id === 'pump-stations')!.columns);
    expect(body.groups.length).toBeGreaterThan(0);
  });

  it('answers one layer, 404 for unknown', async () => {
    const r = await twin.app.request('/api/layers/muck-trucks');
    expect(((await r.json()) as { id: string }).id).toBe('muck-trucks');
    await expectError('/api/layers/nope', 404, 'id');
  });
});

describe('features of every layer', () => {
  it.each(LAYERS.map((l) => [l.id, l] as const))(
    '%s: Arrow schema equals the layer columns',
    async (_id, layer) => {
      const t = await fetchArrow(twin.app, `/api/layers/${layer.id}/features`);
      expect(t.numRows).toBe(fx.rows[layer.table]!.length);
      expect(t.schema.fields.map((f) => [f.name, String(f.type)])).toEqual(
        Object.entries(layer.columns).map(([n, s]) => [n, ARROW_TYPE_NAMES[s.type]]),
      );
    },
  );

  it.each(LAYERS.map((l) => [l.id] as const))(
    '%s: GeoJSON is a FeatureCollection with geometry',
    async (id) => {
      const res = await twin.app.request(`/api/layers/${id}/features?format=geojson&limit=3`);
      expect(res.headers.get('content-type')).toContain('application/geo+json');
      const body = (await res.json()) as { features: { geometry: { type: string } }[] };
      expect(body.features.length).toBeGreaterThan(0);
      expect(['Point', 'LineString', 'Polygon']).toContain(body.features[0]!.geometry.type);
    },
  );

  it('columns, orderBy, limit/offset, X-Truncated', async () => {
    const res = await twin.app.request(
      '/api/layers/pump-stations/features?columns=name&orderBy=capacity_m3s:desc&limit=5&offset=2',
    );
    expect(res.headers.get('x-truncated')).toBe('true');
    expect(res.headers.get('x-row-count')).toBe('5');
    expect(res.headers.get('x-next-offset')).toBe('7');
    const t = await fetchArrow(
      twin.app,
      '/api/layers/pump-stations/features?columns=name,capacity_m3s&orderBy=capacity_m3s:desc&limit=5&offset=2',
    );
    expect(t.schema.fields.map((f) => f.name)).toEqual(['id', 'name', 'capacity_m3s', 'lon', 'lat', 'hkey']);
    const caps = fx.rows.pump_stations!.map((r) => r.capacity_m3s as number).sort((a, b) => b - a);
    expect([...(t.getChild('capacity_m3s')!.toArray() as Float32Array)]).toEqual(caps.slice(2, 7));
    const all = await twin.app.request('/api/layers/pump-stations/features?limit=40');
    expect(all.headers.get('x-truncated')).toBeNull();
  });

  it('attribute filters on filterable columns', async () => {
    const t = await fetchArrow(
      twin.app,
      '/api/layers/evacuation-points/features?filter=kind:in:school|gym&filter=capacity:ge:500',
    );
    const want = fx.rows.evacuation_points!.filter(
      (r) => ['school', 'gym'].includes(r.kind as string) && (r.capacity as number) >= 500,
    );
    expect(t.numRows).toBe(want.length);
    const b = await fetchArrow(twin.app, '/api/layers/roads/features?filter=is_bridge:eq:true');
    expect(b.numRows).toBe(fx.rows.roads!.filter((r) => r.is_bridge === true).length);
  });
});

describe('readings routes', () => {
  it.each(LAYERS.filter((l) => l.temporal).map((l) => [l.id, l] as const))(
    '%s: instant schema equals the readings columns',
    async (_id, layer) => {
      const t = await fetchArrow(twin.app, `/api/layers/${layer.id}/readings?at=2024-07-01T01:00:00Z`);
      expect(t.numRows).toBeGreaterThan(0);
      expect(t.schema.fields.map((f) => [f.name, String(f.type)])).toEqual(
        Object.entries(layer.temporal!.columns).map(([n, s]) => [n, ARROW_TYPE_NAMES[s.type]]),
      );
    },
  );

  it('bucket schema: bucket_start, key, lon, lat, measures, n', async () => {
    const t = await fetchArrow(
      twin.app,
      '/api/layers/pump-stations/readings?from=2024-07-01&to=2024-07-02&bucket=5m&format=arrow',
    );
    expect(t.schema.fields.map((f) => f.name)).toEqual([
      'bucket_start',
      'station_id',
      'lon',
      'lat',
      'avg_pumps_running',
      'avg_flow_m3s',
      'max_forebay_level_m',
      'n',
    ]);
    const g = await fetchArrow(
      twin.app,
      '/api/layers/pump-stations/readings?from=2024-07-01&to=2024-07-02&bucket=1d&grid=500',
    );
    expect(g.schema.fields.map((f) => f.name).slice(0, 5)).toEqual([
      'bucket_start',
      'cell_x',
      'cell_y',
      'lon',
      'lat',
    ]);
    const geo = await twin.app.request(
      '/api/layers/pump-stations/readings?from=2024-07-01&to=2024-07-02&bucket=1h&format=geojson&limit=2',
    );
    expect(((await geo.json()) as { features: unknown[] }).features).toHaveLength(2);
  });

  it('POST polygon on readings', async () => {
    const polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [121.4, 31.15],
          [121.6, 31.15],
          [121.6, 31.3],
          [121.4, 31.15],
        ],
      ],
    };
    const t = await fetchArrow(
      twin.app,
      '/api/layers/pump-stations/readings?at=2024-07-01T02:00:00Z',
      postJson({ polygon }),
    );
    expect(t.numRows).toBeGreaterThan(0);
  });
});

describe('bad input is a 4xx naming the parameter', () => {
  const f = '/api/layers/pump-stations/features';
  const r = '/api/layers/muck-trucks/readings';
  it.each([
    [`${f}?bbox=1,2,3`, 400, 'bbox'],
    [`${f}?bbox=121.5,31,121.4,31.1`, 400, 'bbox'],
    [`${f}?bbox=a,b,c,d`, 400, 'bbox'],
    [`${f}?bbox=0,0,1,1&radius=0,0,5`, 400, 'radius'],
    [`${f}?radius=121,31,-5`, 400, 'radius'],
    [`${f}?radius=121,31,999999`, 400, 'radius'],
    [`${f}?district=atlantis`, 404, 'district'],
    [`${f}?filter=name:eq:x`, 400, 'filter'],
    [`${f}?filter=nocolumn:eq:x`, 400, 'filter'],
    [`${f}?filter=district:like:x`, 400, 'filter'],
    [`${f}?filter=capacity_m3s:gt:abc`, 400, 'filter'],
    [`${f}?filter=status:eq:fault`, 400, 'filter'],
    [`${f}?columns=nope`, 400, 'columns'],
    [`${f}?orderBy=nope`, 400, 'orderBy'],
    [`${f}?orderBy=name;drop`, 400, 'orderBy'],
    [`${f}?limit=0`, 400, 'limit'],
    [`${f}?limit=100001`, 400, 'limit'],
    [`${f}?limit=1.5`, 400, 'limit'],
    [`${f}?offset=-1`, 400, 'offset'],
    [`${f}?format=csv`, 400, 'format'],
    ['/api/layers/nope/features', 404, 'id'],
    ['/api/layers/districts/readings?at=2024-07-01T00:00:00Z', 404, 'id'],
    [`${r}`, 400, 'from'],
    [`${r}?at=yesterday`, 400, 'at'],
    [`${r}?at=2024-07-01T00:00:00Z&from=2024-07-01T00:00:00Z`, 400, 'at'],
    [`${r}?from=2024-07-01T02:00:00Z&to=2024-07-01T01:00:00Z`, 400, 'to'],
    [`${r}?from=2024-07-01T00:00:00Z&to=2024-07-01T00:00:00Z`, 400, 'to'],
    [`${r}?from=2024-07-01T00:00:00Z&to=2024-07-02T00:00:00Z`, 400, 'to'],
    [`${r}?from=2024-07-01T00:00:00Z&to=2024-07-02T00:00:00Z&bucket=7m`, 400, 'bucket'],
    [`${r}?from=2000-01-01&to=2024-07-02&bucket=5m`, 400, 'bucket'],
    [`${r}?from=2024-07-01&to=2024-07-02&bucket=1h&grid=1`, 400, 'grid'],
    [`${r}?from=2024-07-01&to=2024-07-01T01:00:00Z&grid=100`, 400, 'grid'],
    [`${r}?at=2024-07-01T00:00:00Z&maxAge=forever`, 400, 'maxAge'],
    [`${r}?at=2024-07-01T00:00:00Z&maxAge=30d`, 400, 'maxAge'],
    [`${r}?at=2024-07-01T00:00:00Z&filter=violation:eq:jaywalking`, 400, 'filter'],
  ])('%s → %i (%s)', async (url, status, parameter) => {
    await expectError(url, status, parameter);
  });

  it('polygon bodies: malformed 400, too many vertices or too large 413', async () => {
    await expectError(f, 400, 'polygon', { method: 'POST', body: 'not json' });
    await expectError(f, 400, 'polygon', postJson({ polygon: { type: 'Point', coordinates: [1, 2] } }));
    await expectError(
      f,
      400,
      'polygon',
      postJson({
        polygon: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 1],
              [0, 0],
            ],
          ],
        },
      }),
    );
    const many = Array.from({ length: 25_000 }, (_, i) => {
      const a = (2 * Math.PI * i) / 25_000;
      return [121.5 + 0.01 * Math.cos(a), 31.2 + 0.01 * Math.sin(a)];
    });
    many.push(many[0]!);
    await expectError(f, 413, 'polygon', postJson({ polygon: { type: 'Polygon', coordinates: [many] } }));
    const huge = [
      [
        [100, 20],
        [120, 20],
        [120, 40],
        [100, 40],
        [100, 20],
      ],
    ];
    await expectError(f, 413, 'polygon', postJson({ polygon: { type: 'Polygon', coordinates: huge } }));
  });

  it('unknown routes are JSON 404s', async () => {
    await expectError('/api/nothing', 404);
  });
});
