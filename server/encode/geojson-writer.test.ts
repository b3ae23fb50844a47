import { DuckDBInstance } from '@duckdb/node-api';
import {
  DataType,
  Float64,
  Int32,
  Table,
  TimestampMillisecond,
  tableFromIPC,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../layers';
import { createApp, type TwinApp } from '../app';
import { buildFixture, type Fixture } from '../test-support/fixture-db';
import { buildGeoJsonFeatures, type GeometryRule } from './geojson-from-arrow';
import { GEOJSON_COORDINATE_DECIMALS, geoJsonFeatureChunks, joinedId } from './geojson-writer';

const iso = (ms: number) => new Date(ms).toISOString();
/** The UTF-8 chunks as one text. */
const text = (chunks: Iterable<Uint8Array>) => Buffer.concat([...chunks]).toString('utf8');

/**
 * What the writer promises relative to the object builder (full doubles): coordinates rounded to 9 places by exact
 * decimal rounding (`toFixed`), float32 properties read back as the same float32. Applied to parsed output and to
 * the builder's features so the rest must be equal.
 */
interface ParsedFeature {
  geometry: { coordinates: unknown } | null;
  properties: Record<string, unknown>;
}

function normalised(table: Table, features: unknown): unknown {
  const float32 = new Set(
    table.schema.fields.filter((f) => DataType.isFloat(f.type) && f.type.precision === 1).map((f) => f.name),
  );
  const round = (c: unknown): unknown =>
    Array.isArray(c) ? c.map(round) : Number((c as number).toFixed(GEOJSON_COORDINATE_DECIMALS));
  return (JSON.parse(JSON.stringify(features)) as ParsedFeature[]).map((f) => ({
    ...f,
    geometry: f.geometry && { ...f.geometry, coordinates: round(f.geometry.coordinates) },
    properties: Object.fromEntries(
      Object.entries(f.properties).map(([k, v]) => [
        k,
        float32.has(k) && typeof v === 'number' ? Math.fround(v) : v,
      ]),
    ),
  }));
}

describe('GeoJSON writer', () => {
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

  const arrow = async (url: string) => {
    const res = await twin.app.request(url);
    expect(res.status).toBe(200);
    return tableFromIPC(new Uint8Array(await res.arrayBuffer()));
  };

  it('writes every layer’s features as the object builder does, coordinates at 9 places (points, lines, polygons, nulls)', async () => {
    let features = 0;
    for (const layer of LAYERS) {
      const table = await arrow(`/api/layers/${layer.id}/features?limit=100000`);
      const rule: GeometryRule =
        layer.geometry === 'line' ? 'line' : layer.geometry === 'polygon' ? 'polygon' : 'point';
      const expected = buildGeoJsonFeatures(table, rule, (p, r) => (p[layer.idColumn] as string) ?? r);
      const chunks = [
        ...geoJsonFeatureChunks(table, rule, (cell, r) => (cell(layer.idColumn) as string) ?? r, 7),
      ];
      const got = JSON.parse(`[${chunks.map((c) => text([c])).join(',')}]`);
      expect(normalised(table, got), layer.id).toEqual(normalised(table, expected));
      features += expected.length;
    }
    expect(features).toBeGreaterThan(100);
  });

  it('writes readings and buckets with timestamps as ISO strings, and [lon, lat] order', async () => {
    const w = `from=${iso(fx.t0)}&to=${iso(fx.t0 + 3600_000)}`;
    for (const q of [w, `${w}&bucket=15m`, `${w}&bucket=15m&grid=500`]) {
      const table = await arrow(`/api/layers/muck-trucks/readings?${q}&limit=100000`);
      expect(table.numRows).toBeGreaterThan(0);
      const expected = buildGeoJsonFeatures(table, 'point', (_p, r) => r);
      const got = JSON.parse(`[${text(geoJsonFeatureChunks(table, 'point', (_c, r) => r, 1e9))}]`);
      expect(normalised(table, got)).toEqual(normalised(table, expected));
      const first = got[0] as { geometry: { coordinates: number[] } };
      expect(first.geometry.coordinates[0]).toBeGreaterThan(100); // longitude first (Shanghai ≈ 121 E, 31 N)
      expect(first.geometry.coordinates[1]).toBeLessThan(40);
    }
  });

  it('streams a valid FeatureCollection over HTTP for a multi-chunk result', async () => {
    const res = await twin.app.request(
      `/api/layers/muck-trucks/readings?from=${iso(fx.t0)}&to=${iso(fx.t0 + 2 * 3600_000)}&limit=100000&format=geojson`,
    );
    expect(res.headers.get('content-type')).toMatch(/geo\+json/);
    const body = (await res.json()) as { type: string; features: { id: string }[] };
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.length).toBe(Number(res.headers.get('x-row-count')));
    expect(body.features.length).toBeGreaterThan(2000);
    expect(new Set(body.features.map((f) => f.id)).size).toBe(body.features.length);
  });

  it('over HTTP, every truck reading equals DuckDB’s own text of the row: 9-place coordinates, float32 reals', async () => {
    const from = fx.t0;
    const to = fx.t0 + 3600_000;
    const res = await twin.app.request(
      `/api/layers/muck-trucks/readings?from=${iso(from)}&to=${iso(to)}&limit=100000&format=geojson`,
    );
    const body = (await res.json()) as {
      features: { id: string; geometry: { coordinates: number[] }; properties: Record<string, unknown> }[];
    };
    const db = await DuckDBInstance.create(fx.path, { access_mode: 'READ_ONLY' });
    const conn = await db.connect();
    const rows = (
      await conn.runAndReadAll(
        `SELECT truck_id || '@' || strftime(ts, '%Y-%m-%dT%H:%M:%S.%gZ') AS id, format('{:.9f}', lon) AS lon,
          format('{:.9f}', lat) AS lat, CAST(speed_kmh AS VARCHAR) AS speed, CAST(heading_deg AS VARCHAR) AS heading
         FROM truck_positions WHERE ts >= make_timestamp(${from * 1000}) AND ts < make_timestamp(${to * 1000})`,
      )
    ).getRowObjectsJS() as Record<string, string>[];
    conn.closeSync();
    db.closeSync();
    expect(rows.length).toBeGreaterThan(100);
    expect(body.features).toHaveLength(rows.length);
    const byId = new Map(body.features.map((f) => [f.id, f]));
    const differ = rows.filter((r) => {
      const f = byId.get(r.id!);
      return (
        !f ||
        f.geometry.coordinates[0] !== Number(r.lon) ||
        f.geometry.coordinates[1] !== Number(r.lat) ||
        Math.fround(f.properties.speed_kmh as number) !== Math.fround(Number(r.speed)) ||
        Math.fround(f.properties.heading_deg as number) !== Math.fround(Number(r.heading))
      );
    });
    expect(differ).toEqual([]);
    // the float32 columns are written as their float32 text (as PostgreSQL prints a real), not the double's 17 digits
    const raw = JSON.stringify(body);
    expect(raw).not.toMatch(/"heading_deg":-?\d+\.\d{10,}/);
    expect(raw).not.toMatch(/"coordinates":\[-?\d+\.\d{10,}/);
  });

  it('writes the same bytes for the same request (no leftover buffer memory)', async () => {
    const url = `/api/layers/muck-trucks/readings?from=${iso(fx.t0)}&to=${iso(fx.t0 + 2 * 3600_000)}&limit=100000&format=geojson`;
    const a = new Uint8Array(await (await twin.app.request(url)).arrayBuffer());
    await twin.app.request('/api/layers/roads/features?format=geojson');
    const b = new Uint8Array(await (await twin.app.request(url)).arrayBuffer());
    expect(a.length).toBeGreaterThan(100_000);
    expect(Buffer.compare(a, b)).toBe(0);
    expect(() => JSON.parse(Buffer.from(a).toString('utf8'))).not.toThrow();
  });

  it('joined ids copied from the buffers equal what the id function returns, also where it must fall back', () => {
    const keys = ['truck-1', 'a"quote', null, '浦东南路', 'back\\slash', 'tab\there', 'x'];
    const table = new Table({
      key: vectorFromArray(keys, new Utf8()),
      ts: vectorFromArray(
        keys.map((_, i) => (i === 6 ? null : new Date(Date.UTC(2013, 8, 12, 22, 0, i * 10) + i))),
        new TimestampMillisecond(),
      ),
      n: vectorFromArray([1, -2, 3, null, 5, 6, 7], new Int32()),
      lon: vectorFromArray(
        keys.map(() => 121.5),
        new Float64(),
      ),
      lat: vectorFromArray(
        keys.map(() => 31.2),
        new Float64(),
      ),
    });
    const firstIds: [string[], string][] = [
      [['key', 'ts'], 'truck-1@2013-09-12T22:00:00.000Z'],
      [['key', 'n'], 'truck-1@1'],
      [['n', 'ts', 'key'], '1@2013-09-12T22:00:00.000Z@truck-1'],
    ];
    for (const [columns, first] of firstIds) {
      const id = joinedId(columns, '@');
      const fast = JSON.parse(`[${text(geoJsonFeatureChunks(table, 'point', id))}]`) as { id: unknown }[];
      // the same function without its `joined` hint: the writer calls it for every row
      const slow = JSON.parse(`[${text(geoJsonFeatureChunks(table, 'point', (c, r) => id(c, r)))}]`) as {
        id: unknown;
      }[];
      expect(fast.map((f) => f.id)).toEqual(slow.map((f) => f.id));
      expect(fast[0]!.id).toBe(first);
    }
    expect(
      (
        JSON.parse(`[${text(geoJsonFeatureChunks(table, 'point', joinedId(['key', 'ts'], '@')))}]`) as {
          id: string;
        }[]
      ).map((f) => f.id),
    ).toEqual([
      'truck-1@2013-09-12T22:00:00.000Z',
      'a"quote@2013-09-12T22:00:10.001Z',
      '2@2013-09-12T22:00:20.002Z',
      '浦东南路@2013-09-12T22:00:30.003Z',
      'back\\slash@2013-09-12T22:00:40.004Z',
      'tab\there@2013-09-12T22:00:50.005Z',
      'x@6',
    ]);
  });

  it('fixed sensors: repeated positions and instants read right across chunks, nulls and id fallbacks', () => {
    // cells at fixed points read every 5 minutes: positions and instants repeat row after row, which the writer
    // copies from its own output; nulls, -0, a one-off position and ids that fall back (null key → the row
    // number, a rewind of the output) cut the runs
    const n = 40;
    const key = (i: number) => (i % 9 === 4 ? null : `cell100-670-${700 + Math.floor(i / 6)}`);
    const lon = (i: number) =>
      i === 13
        ? null
        : i === 20
          ? 121.6
          : i >= 30 && i < 33
            ? -0
            : 121.50416508017116 + Math.floor(i / 6) * 0.001;
    const lat = (i: number) => (i >= 30 && i < 33 ? 0 : 31.236453467481137);
    const ts = (i: number) => new Date(Date.UTC(2013, 8, 12, 22, 5 * (i % 6)) + (i === 17 ? 1 : 0));
    const table = new Table({
      cell_id: vectorFromArray(
        Array.from({ length: n }, (_, i) => key(i)),
        new Utf8(),
      ),
      ts: vectorFromArray(
        Array.from({ length: n }, (_, i) => ts(i)),
        new TimestampMillisecond(),
      ),
      lon: vectorFromArray(
        Array.from({ length: n }, (_, i) => lon(i)),
        new Float64(),
      ),
      lat: vectorFromArray(
        Array.from({ length: n }, (_, i) => lat(i)),
        new Float64(),
      ),
    });
    const id = joinedId(['cell_id', 'ts'], '@');
    for (const rows of [1, 5, 6, 7, 1000]) {
      const got = JSON.parse(
        `[${[...geoJsonFeatureChunks(table, 'point', id, rows)].map((c) => text([c])).join(',')}]`,
      );
      const expected = buildGeoJsonFeatures(table, 'point', (p, r) =>
        ['cell_id', 'ts'].map((c) => p[c] ?? r).join('@'),
      );
      expect({ rows, got: normalised(table, got) }).toEqual({ rows, got: normalised(table, expected) });
    }
    const one = JSON.parse(`[${text(geoJsonFeatureChunks(table, 'point', id, 1000))}]`) as {
      id: string;
      geometry: { coordinates: number[] } | null;
      properties: { ts: string };
    }[];
    expect(one[4]!.id).toBe('4@2013-09-12T22:20:00.000Z');
    expect(one[5]!.properties.ts).toBe('2013-09-12T22:25:00.000Z');
    expect(one[13]!.geometry).toBe(null);
    expect(one[30]!.geometry!.coordinates).toEqual([0, 0]);
    expect(one[12]!.geometry!.coordinates).toEqual(one[14]!.geometry!.coordinates);
  });

  it('writes an empty FeatureCollection for no rows', async () => {
    const res = await twin.app.request(
      '/api/layers/pump-stations/features?bbox=0,0,0.001,0.001&format=geojson',
    );
    expect(await res.json()).toEqual({ type: 'FeatureCollection', features: [] });
  });
});
