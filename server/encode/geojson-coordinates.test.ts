import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../layers';
import { createApp, type TwinApp } from '../app';
import { fetchArrow } from '../test-support/app-client';
import {
  ALL_NULL_FEATURE,
  buildFixture,
  EDGE_STRINGS,
  FIXTURE_DISTRICTS,
  type Fixture,
  PROBE_POINTS,
} from '../test-support/fixture-db';

let fx: Fixture;
let twin: TwinApp;
beforeAll(async () => {
  fx = await buildFixture();
  twin = await createApp({ dataDir: fx.dir, log: false });
});
afterAll(async () => {
  await twin.close();
  fx.remove();
});

interface Fc {
  type: string;
  features: {
    id: string | number;
    geometry: { type: string; coordinates: unknown };
    properties: Record<string, unknown>;
  }[];
}
async function geojson(url: string): Promise<Fc> {
  const res = await twin.app.request(url);
  expect(res.status).toBe(200);
  return (await res.json()) as Fc;
}

describe('GeoJSON writes [lon, lat] (RFC 7946), checked against hand-placed fixture positions', () => {
  it('points: a probe station on Huangpu’s west edge is at [121.45, 31.22]', async () => {
    const fc = await geojson(
      '/api/layers/pump-stations/features?format=geojson&bbox=121.449,31.219,121.451,31.221',
    );
    expect(fc.type).toBe('FeatureCollection');
    const f = fc.features.find(
      (x) => x.properties.id === 'pump-stations-000' || x.id === 'pump-stations-000',
    );
    expect(f?.geometry).toEqual({ type: 'Point', coordinates: PROBE_POINTS[0] });
    expect(PROBE_POINTS[0]).toEqual([121.45, 31.22]);
  });

  it('polygons: Huangpu is a square with a hole, exterior first, lon before lat', async () => {
    const fc = await geojson('/api/layers/districts/features?format=geojson');
    expect(fc.features).toHaveLength(FIXTURE_DISTRICTS.length);
    const hp = fc.features.find((x) => x.properties.code === '310101')!;
    expect(hp.geometry).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [121.45, 31.2],
          [121.5, 31.2],
          [121.5, 31.25],
          [121.45, 31.25],
          [121.45, 31.2],
        ],
        [
          [121.47, 31.22],
          [121.47, 31.23],
          [121.48, 31.23],
          [121.48, 31.22],
          [121.47, 31.22],
        ],
      ],
    });
  });

  it('lines and readings: every coordinate is [lon, lat] inside Shanghai, as the fixture rows say', async () => {
    const roads = await geojson('/api/layers/roads/features?format=geojson');
    expect(roads.features.length).toBe(fx.rows.roads!.length);
    for (const f of roads.features) {
      const row = fx.rows.roads!.find((r) => r.id === f.properties.id || r.id === f.id)!;
      // 9 decimal places, as ST_AsGeoJSON writes by default (exact decimal rounding, as toFixed does)
      const path = (row.path as number[]).map((x) => Number(x.toFixed(9)));
      expect(f.geometry.type).toBe('LineString');
      expect(f.geometry.coordinates).toEqual([
        [path[0], path[1]],
        [path[2], path[3]],
        [path[4], path[5]],
      ]);
    }
    const trucks = await geojson(
      '/api/layers/muck-trucks/readings?format=geojson&at=2024-07-01T00:00:00Z&key=muck-trucks-000',
    );
    expect(trucks.features).toHaveLength(1);
    expect(trucks.features[0]!.geometry).toEqual({ type: 'Point', coordinates: [121.495, 31.203] });
  });
});

describe('the fixture’s hard values survive Arrow and GeoJSON', () => {
  const nullable = LAYERS.filter((l) => Object.values(l.columns).some((c) => c.nullable));

  it.each(nullable.map((l) => [l.id, l]))(
    '%s: the all-null feature has null in every nullable column',
    async (_, layer) => {
      const id = `${layer.id}-${String(ALL_NULL_FEATURE).padStart(3, '0')}`;
      const cols = Object.entries(layer.columns)
        .filter(([, c]) => c.nullable)
        .map(([n]) => n);
      expect(cols.length).toBeGreaterThan(0);
      const t = await fetchArrow(twin.app, `/api/layers/${layer.id}/features`);
      const row = (t.getChild(layer.idColumn)!.toArray() as string[]).indexOf(id);
      expect(row).toBeGreaterThanOrEqual(0);
      for (const c of cols) expect({ c, v: t.getChild(c)!.get(row) }).toEqual({ c, v: null });
      // the same columns also hold values (columns with and without nulls)
      expect(cols.some((c) => t.getChild(c)!.nullCount < t.numRows)).toBe(true);
      const fc = await geojson(`/api/layers/${layer.id}/features?format=geojson`);
      const f = fc.features.find((x) => x.id === id || x.properties[layer.idColumn] === id)!;
      for (const c of cols) expect({ c, v: f.properties[c] }).toEqual({ c, v: null });
    },
  );

  it('12- and 13-byte strings arrive whole', async () => {
    const layer = LAYERS.find((l) => l.id === 'metro-stations')!;
    const col = Object.entries(layer.columns).find(
      ([n, c]) => c.type === 'utf8' && !c.values && n !== layer.idColumn && n !== 'district',
    )![0];
    const t = await fetchArrow(
      twin.app,
      `/api/layers/metro-stations/features?columns=${col}&orderBy=${layer.idColumn}:asc`,
    );
    const ids = t.getChild(layer.idColumn)!.toArray() as string[];
    const values = t.getChild(col)!;
    const at = (k: number) => values.get(ids.indexOf(`metro-stations-00${k}`));
    const want = (k: number) =>
      fx.rows[layer.table]!.find((r) => r[layer.idColumn] === `metro-stations-00${k}`)![col];
    expect([want(3), want(4)]).toEqual([...EDGE_STRINGS]);
    expect([at(3), at(4)]).toEqual([...EDGE_STRINGS]);
  });
});
