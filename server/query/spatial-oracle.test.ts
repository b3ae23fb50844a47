import { booleanPointInPolygon, distance, point, polygon as turfPolygon } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type TwinApp } from '../app';
import { countLentPolygons } from '../db/point-in-polygon-udf';
import { fetchArrow, postJson, sortedColumn } from '../test-support/app-client';
import {
  buildFixture,
  FIXTURE_DISTRICTS,
  type Fixture,
  type FixtureRow,
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

const pairs = (flat: number[]) => flat.flatMap((v, i) => (i % 2 === 0 ? [[v, flat[i + 1]!]] : []));
const districtPolygon = (i: number) => turfPolygon(FIXTURE_DISTRICTS[i]!.rings.map(pairs));
const ids = (rows: FixtureRow[], keep: (r: FixtureRow) => boolean) =>
  rows
    .filter(keep)
    .map((r) => String(r.id))
    .sort();

describe('spatial filters agree with turf on the fixture', () => {
  const stations = () => fx.rows.pump_stations!;

  it('bbox selects points inside or on the border', async () => {
    const [x0, y0, x1, y1] = [121.45, 31.2, 121.5, 31.25];
    const got = sortedColumn(
      await fetchArrow(twin.app, `/api/layers/pump-stations/features?bbox=${[x0, y0, x1, y1]}`),
      'id',
    );
    const want = ids(
      stations(),
      (r) =>
        (r.lon as number) >= x0 &&
        (r.lon as number) <= x1 &&
        (r.lat as number) >= y0 &&
        (r.lat as number) <= y1,
    );
    expect(want.length).toBeGreaterThan(3);
    expect(got).toEqual(want);
  });

  it('a zero-width bbox finds points exactly on its line, and an empty area finds nothing', async () => {
    const got = sortedColumn(
      await fetchArrow(twin.app, '/api/layers/pump-stations/features?bbox=121.45,31.0,121.45,31.5'),
      'id',
    );
    expect(got).toEqual(ids(stations(), (r) => r.lon === 121.45));
    expect(got.length).toBeGreaterThanOrEqual(1);
    const empty = await fetchArrow(twin.app, '/api/layers/pump-stations/features?bbox=100,10,100.1,10.1');
    expect(empty.numRows).toBe(0);
    expect(empty.schema.fields.map((f) => f.name)).toContain('lon');
  });

  it('bbox on lines and polygons is bbox intersection', async () => {
    const [x0, y0, x1, y1] = [121.45, 31.2, 121.5, 31.25];
    const got = sortedColumn(
      await fetchArrow(twin.app, `/api/layers/roads/features?bbox=${[x0, y0, x1, y1]}`),
      'id',
    );
    const want = ids(
      fx.rows.roads!,
      (r) =>
        (r.xmax as number) >= x0 &&
        (r.xmin as number) <= x1 &&
        (r.ymax as number) >= y0 &&
        (r.ymin as number) <= y1,
    );
    expect(got).toEqual(want);
  });

  it.each([
    [[121.462, 31.211], 500],
    [[121.48, 31.22], 3000],
    [[121.48, 31.22], 9000],
  ])('radius around %j, %i m matches turf haversine distance', async (c, metres) => {
    const got = sortedColumn(
      await fetchArrow(twin.app, `/api/layers/pump-stations/features?radius=${c},${metres}`),
      'id',
    );
    const want = ids(
      stations(),
      (r) => distance(c, [r.lon as number, r.lat as number], { units: 'meters' }) <= metres,
    );
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(stations().length);
    expect(got).toEqual(want);
  });

  it.each([0, 1])('district %i (with hole / concave) matches turf, boundary points inside', async (i) => {
    const d = FIXTURE_DISTRICTS[i]!;
    const poly = districtPolygon(i);
    const want = ids(stations(), (r) =>
      booleanPointInPolygon(point([r.lon as number, r.lat as number]), poly),
    );
    expect(want.length).toBeGreaterThanOrEqual(2);
    expect(want.length).toBeLessThan(stations().length);
    for (const q of [d.code, encodeURIComponent(d.name), d.name_en]) {
      const got = sortedColumn(
        await fetchArrow(twin.app, `/api/layers/pump-stations/features?district=${q}`),
        'id',
      );
      expect(got).toEqual(want);
    }
  });

  it('probe points: edges and vertices in, hole and notch out', async () => {
    const got = new Set(
      sortedColumn(await fetchArrow(twin.app, '/api/layers/pump-stations/features?district=310101'), 'id'),
    );
    const byProbe = (k: number) => `pump-stations-${String(k).padStart(3, '0')}`;
    expect(PROBE_POINTS[0]).toEqual([121.45, 31.22]);
    expect(got.has(byProbe(0))).toBe(true); // west edge
    expect(got.has(byProbe(1))).toBe(true); // south edge
    expect(got.has(byProbe(2))).toBe(true); // NE vertex
    expect(got.has(byProbe(3))).toBe(false); // in the hole
    expect(got.has(byProbe(4))).toBe(true); // on the hole's edge
    expect(got.has(byProbe(7))).toBe(true);
    const xuhui = new Set(
      sortedColumn(await fetchArrow(twin.app, '/api/layers/pump-stations/features?district=310104'), 'id'),
    );
    expect(xuhui.has(byProbe(5))).toBe(false); // notch
    expect(xuhui.has(byProbe(6))).toBe(true);
  });

  it('POSTed MultiPolygon with a hole matches turf', async () => {
    const poly = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [121.41, 31.16],
            [121.55, 31.17],
            [121.52, 31.28],
            [121.43, 31.26],
            [121.41, 31.16],
          ],
          [
            [121.46, 31.2],
            [121.46, 31.24],
            [121.5, 31.24],
            [121.5, 31.2],
            [121.46, 31.2],
          ],
        ],
        [
          [
            [121.56, 31.16],
            [121.6, 31.16],
            [121.6, 31.3],
            [121.56, 31.16],
          ],
        ],
      ],
    };
    const got = sortedColumn(
      await fetchArrow(twin.app, '/api/layers/pump-stations/features', postJson({ polygon: poly })),
      'id',
    );
    const want = ids(stations(), (r) =>
      booleanPointInPolygon(point([r.lon as number, r.lat as number]), poly as GeoJSON.MultiPolygon),
    );
    expect(want.length).toBeGreaterThan(3);
    expect(got).toEqual(want);
  });

  it('lends no polygon beyond its query', () => {
    expect(countLentPolygons()).toBe(0);
  });

  it('polygon filters on readings use the reading positions', async () => {
    const poly = districtPolygon(0);
    const url =
      '/api/layers/muck-trucks/readings?from=2024-07-01T00:00:00Z&to=2024-07-01T02:00:00Z&district=310101&limit=100000';
    const got = await fetchArrow(twin.app, url);
    const all = fx.rows.truck_positions!;
    const want = all.filter((r) => booleanPointInPolygon(point([r.lon as number, r.lat as number]), poly));
    expect(want.length).toBeGreaterThan(720); // truck 0 all along, trucks 1 and 2 half of the window
    expect(want.length).toBeLessThan(all.length);
    expect(got.numRows).toBe(want.length);
    const key = (k: unknown, ts: unknown) => `${k}@${ts}`;
    const tsCol = got.getChild('ts')!.data[0]!.values as BigInt64Array;
    const gotKeys = (got.getChild('truck_id')!.toArray() as string[]).map((k, i) => key(k, tsCol[i])).sort();
    expect(gotKeys).toEqual(want.map((r) => key(r.truck_id, r.ts)).sort());
  });
});
