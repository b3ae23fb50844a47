import { lengthToDegrees } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../layers';
import { createApp, type TwinApp } from '../app';
import { fetchArrow, sortedColumn } from '../test-support/app-client';
import {
  buildFixture,
  FIXTURE_BBOX,
  FIXTURE_T0,
  FIXTURE_TRUCK_BOX,
  type Fixture,
  type FixtureRow,
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

const iso = (msAfterT0: number) => new Date(FIXTURE_T0 + msAfterT0).toISOString();
const us = (r: FixtureRow) => r.ts as bigint;

/** Oracle: the latest reading per key with at − maxAge < ts ≤ at. */
function latest(rows: FixtureRow[], key: string, atMs: number, maxAgeS: number): Map<string, FixtureRow> {
  const at = BigInt(FIXTURE_T0 + atMs) * 1000n;
  const lo = at - BigInt(maxAgeS) * 1_000_000n;
  const out = new Map<string, FixtureRow>();
  for (const r of rows) {
    if (us(r) > at || us(r) <= lo) continue;
    const k = String(r[key]);
    const cur = out.get(k);
    if (!cur || us(r) > us(cur)) out.set(k, r);
  }
  return out;
}

describe('readings agree with a JS oracle on the fixture', () => {
  const trucks = () => fx.rows.truck_positions!;

  it.each([
    [30 * 60_000, 3600],
    [7190_000, 3600],
    [7190_000, 3601],
    [95 * 60_000, 300],
    [10_000, 5],
  ])('instant at T0+%i ms, maxAge %i s = latest per key within the age', async (atMs, maxAge) => {
    const t = await fetchArrow(
      twin.app,
      `/api/layers/muck-trucks/readings?at=${iso(atMs)}&maxAge=${maxAge}s`,
    );
    const want = latest(trucks(), 'truck_id', atMs, maxAge);
    expect(t.numRows).toBe(want.size);
    const keys = t.getChild('truck_id')!.toArray() as string[];
    const ts = t.getChild('ts')!.data[0]!.values as BigInt64Array;
    keys.forEach((k, i) => {
      expect(ts[i]).toBe(us(want.get(k)!));
    });
  });

  it('the stopped truck drops out exactly when its last reading is maxAge old', async () => {
    const last = `muck-trucks-007`;
    const within = await fetchArrow(
      twin.app,
      `/api/layers/muck-trucks/readings?at=${iso(3590_000 + 3599_000)}`,
    );
    expect((within.getChild('truck_id')!.toArray() as string[]).includes(last)).toBe(true);
    const beyond = await fetchArrow(
      twin.app,
      `/api/layers/muck-trucks/readings?at=${iso(3590_000 + 3600_000)}`,
    );
    expect((beyond.getChild('truck_id')!.toArray() as string[]).includes(last)).toBe(false);
  });

  it('spatial filters apply to the latest position: a truck that left the box is not shown there', async () => {
    const atMs = 7000_000;
    const maxAge = 3600;
    const [x0, y0, x1, y1] = FIXTURE_TRUCK_BOX;
    const inBox = (r: FixtureRow) =>
      (r.lon as number) >= x0 &&
      (r.lon as number) <= x1 &&
      (r.lat as number) >= y0 &&
      (r.lat as number) <= y1;
    const want = [...latest(trucks(), 'truck_id', atMs, maxAge).values()]
      .filter(inBox)
      .map((r) => r.truck_id);
    // Trucks with some reading in the box during the window whose latest reading is outside it.
    const lo = BigInt(FIXTURE_T0 + atMs - maxAge * 1000) * 1000n;
    const hi = BigInt(FIXTURE_T0 + atMs) * 1000n;
    const visited = new Set(
      trucks()
        .filter((r) => us(r) > lo && us(r) <= hi && inBox(r))
        .map((r) => r.truck_id),
    );
    const left = [...visited].filter((k) => !want.includes(k));
    expect(want).toContain('muck-trucks-002'); // entered at T0 + 5000 s
    expect(left).toContain('muck-trucks-001'); // left at T0 + 5000 s
    const t = await fetchArrow(
      twin.app,
      `/api/layers/muck-trucks/readings?at=${iso(atMs)}&maxAge=${maxAge}s&bbox=${FIXTURE_TRUCK_BOX}`,
    );
    expect(sortedColumn(t, 'truck_id')).toEqual([...want].map(String).sort());
    const lons = t.getChild('lon')!.toArray() as Float64Array;
    const byKey = latest(trucks(), 'truck_id', atMs, maxAge);
    (t.getChild('truck_id')!.toArray() as string[]).forEach((k, i) => {
      expect(lons[i]).toBe(byKey.get(k)!.lon);
    });
  });

  it('a district filter on the instant keeps the truck inside it and drops the one that left', async () => {
    const t = await fetchArrow(
      twin.app,
      `/api/layers/muck-trucks/readings?at=${iso(7000_000)}&district=310101`,
    );
    const got = sortedColumn(t, 'truck_id');
    expect(got).toContain('muck-trucks-000'); // inside Huangpu all along
    expect(got).toContain('muck-trucks-002'); // entered
    expect(got).not.toContain('muck-trucks-001'); // left across the east edge
  });

  it.each([
    ['muck-trucks', 'truck_positions', 7200_000],
    ['pump-stations', 'pump_station_readings', 21600_000],
    ['crowd-density', 'crowd_readings', 21600_000],
    ['rain-gauges', 'rain_readings', 21600_000],
  ])(
    'a bbox around the fixture keeps every %s reading in it (hkey ranges drop nothing)',
    async (layer, table, to) => {
      const [x0, y0, x1, y1] = FIXTURE_BBOX;
      const inside = (r: FixtureRow) =>
        (r.lon as number) >= x0 &&
        (r.lon as number) <= x1 &&
        (r.lat as number) >= y0 &&
        (r.lat as number) <= y1;
      const rows = fx.rows[table]!;
      const want = rows.filter(inside).length;
      expect(want).toBeGreaterThan(400);
      const t = await fetchArrow(
        twin.app,
        `/api/layers/${layer}/readings?from=${iso(0)}&to=${iso(to)}&bbox=${FIXTURE_BBOX}&limit=100000`,
      );
      expect(t.numRows).toBe(want);
      const features = fx.rows[LAYERS.find((l) => l.id === layer)!.table]!;
      const f = await fetchArrow(twin.app, `/api/layers/${layer}/features?bbox=${FIXTURE_BBOX}`);
      expect(f.numRows).toBe(features.filter(inside).length);
      expect(f.numRows).toBeGreaterThan(0);
    },
  );

  it('at exactly a reading time includes that reading', async () => {
    const t = await fetchArrow(
      twin.app,
      `/api/layers/pump-stations/readings?at=${iso(600_000)}&key=pump-stations-003`,
    );
    expect(t.numRows).toBe(1);
    expect((t.getChild('ts')!.data[0]!.values as BigInt64Array)[0]).toBe(
      BigInt(FIXTURE_T0 + 600_000) * 1000n,
    );
  });

  it('range is half-open [from, to) and ordered by key, time', async () => {
    const from = 600_000;
    const to = 1800_000;
    const t = await fetchArrow(
      twin.app,
      `/api/layers/muck-trucks/readings?from=${iso(from)}&to=${iso(to)}&limit=100000`,
    );
    const lo = BigInt(FIXTURE_T0 + from) * 1000n;
    const hi = BigInt(FIXTURE_T0 + to) * 1000n;
    expect(t.numRows).toBe(trucks().filter((r) => us(r) >= lo && us(r) < hi).length);
    const ts = t.getChild('ts')!.data[0]!.values as BigInt64Array;
    expect(ts[0]).toBe(lo);
    const keys = t.getChild('truck_id')!.toArray() as string[];
    for (let i = 1; i < t.numRows; i++)
      expect(keys[i - 1]! < keys[i]! || (keys[i - 1] === keys[i] && ts[i - 1]! < ts[i]!)).toBe(true);
  });

  it('ranges with no data give an empty, typed result', async () => {
    const t = await fetchArrow(
      twin.app,
      '/api/layers/muck-trucks/readings?from=2030-01-01T00:00:00Z&to=2030-01-01T01:00:00Z',
    );
    expect(t.numRows).toBe(0);
    expect(String(t.schema.fields[0]!.type)).toBe('Timestamp<MICROSECOND>');
    const inst = await fetchArrow(twin.app, '/api/layers/muck-trucks/readings?at=2020-01-01T00:00:00Z');
    expect(inst.numRows).toBe(0);
    const b = await fetchArrow(
      twin.app,
      '/api/layers/crowd-density/readings?from=2030-01-01&to=2030-01-02&bucket=1h',
    );
    expect(b.numRows).toBe(0);
  });

  it('hourly buckets per feature match a JS aggregation', async () => {
    const rows = fx.rows.crowd_readings!.filter((r) => r.cell_id === 'crowd-density-002');
    const t = await fetchArrow(
      twin.app,
      `/api/layers/crowd-density/readings?from=${iso(0)}&to=${iso(86400_000)}&bucket=1h&key=crowd-density-002`,
    );
    expect(t.numRows).toBe(6);
    for (let h = 0; h < 6; h++) {
      const inHour = rows.filter(
        (r) =>
          us(r) >= BigInt(FIXTURE_T0 + h * 3600_000) * 1000n &&
          us(r) < BigInt(FIXTURE_T0 + (h + 1) * 3600_000) * 1000n,
      );
      const row = t.get(h)!.toJSON();
      expect(row.n).toBe(inHour.length);
      expect(row.avg_count).toBeCloseTo(
        inHour.reduce((s, r) => s + (r.count as number), 0) / inHour.length,
        9,
      );
      expect(row.max_density).toBeCloseTo(Math.max(...inHour.map((r) => r.density as number)), 5);
      expect(row.bucket_start).toBe(FIXTURE_T0 + h * 3600_000);
    }
  });

  it('grid buckets count every reading once', async () => {
    const t = await fetchArrow(
      twin.app,
      `/api/layers/pump-stations/readings?from=${iso(0)}&to=${iso(86400_000)}&bucket=15m&grid=1000&limit=100000`,
    );
    const n = (t.getChild('n')!.toArray() as Int32Array).reduce((s, v) => s + v, 0);
    expect(n).toBe(fx.rows.pump_station_readings!.length);
  });

  it('filters on feature columns select keys through the feature table', async () => {
    const company = fx.rows.muck_trucks![0]!.company as string;
    const keys = fx.rows
      .muck_trucks!.filter((r) => r.company === company)
      .map((r) => r.id as string)
      .sort();
    const t = await fetchArrow(
      twin.app,
      `/api/layers/muck-trucks/readings?at=${iso(1800_000)}&filter=company:eq:${company}`,
    );
    expect([...(t.getChild('truck_id')!.toArray() as string[])].sort()).toEqual(keys);
  });

  it('grid buckets: every cell, its centre and its aggregates as a JS grouping computes them', async () => {
    // Cells are g metres high (turf's degrees for g metres of arc) and as wide at the documented reference
    // latitude 31.2°N; a reading falls in cell (floor(lon / width), floor(lat / height)).
    const g = 1000;
    const height = lengthToDegrees(g, 'meters');
    const width = height / Math.cos((31.2 * Math.PI) / 180);
    const bucketUs = 15n * 60n * 1_000_000n;
    const groups = new Map<string, FixtureRow[]>();
    for (const r of fx.rows.pump_station_readings!) {
      const b = (us(r) / bucketUs) * bucketUs;
      const k = `${b}|${Math.floor((r.lon as number) / width)}|${Math.floor((r.lat as number) / height)}`;
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    const t = await fetchArrow(
      twin.app,
      `/api/layers/pump-stations/readings?from=${iso(0)}&to=${iso(86400_000)}&bucket=15m&grid=${g}&limit=100000`,
    );
    expect(t.schema.fields.map((f) => f.name)).toEqual([
      'bucket_start',
      'cell_x',
      'cell_y',
      'lon',
      'lat',
      'avg_pumps_running',
      'avg_flow_m3s',
      'max_forebay_level_m',
      'n',
    ]);
    // max keeps the reading's own type; averages are doubles; counts 32-bit
    const typeOf = (name: string) => String(t.schema.fields.find((f) => f.name === name)!.type);
    expect([typeOf('max_forebay_level_m'), typeOf('avg_flow_m3s'), typeOf('n')]).toEqual([
      'Float32',
      'Float64',
      'Int32',
    ]);
    expect(t.numRows).toBe(groups.size);
    expect(groups.size).toBeGreaterThan(20);
    const seen: string[] = [];
    for (const row of t.toArray().map((x) => x.toJSON())) {
      const key = `${BigInt(row.bucket_start) * 1000n}|${row.cell_x}|${row.cell_y}`;
      seen.push(key);
      const rows = groups.get(key);
      expect(rows, key).toBeDefined();
      expect(row.n).toBe(rows!.length);
      expect(row.lon).toBeCloseTo((row.cell_x + 0.5) * width, 9);
      expect(row.lat).toBeCloseTo((row.cell_y + 0.5) * height, 9);
      expect(row.max_forebay_level_m).toBe(Math.max(...rows!.map((r) => r.forebay_level_m as number)));
      expect(row.avg_flow_m3s).toBeCloseTo(
        rows!.reduce((a, r) => a + (r.flow_m3s as number), 0) / rows!.length,
        6,
      );
    }
    // ordered by bucket, then row of cells, then column
    const order = (k: string) => k.split('|').map(Number);
    const sorted = [...seen].sort((a, b) => {
      const [ab, ax, ay] = order(a);
      const [bb, bx, by] = order(b);
      return ab! - bb! || ay! - by! || ax! - bx!;
    });
    expect(seen).toEqual(sorted);
  });

  it('a filter on a reading column keeps only the readings that pass it (range)', async () => {
    const from = FIXTURE_T0 + 600_000;
    const to = from + 3600_000;
    const inRange = trucks().filter((r) => us(r) >= BigInt(from) * 1000n && us(r) < BigInt(to) * 1000n);
    const want = inRange.filter((r) => (r.speed_kmh as number) > 40);
    expect(want.length).toBeGreaterThan(10);
    expect(want.length).toBeLessThan(inRange.length);
    const t = await fetchArrow(
      twin.app,
      `/api/layers/muck-trucks/readings?from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}&filter=speed_kmh:gt:40&limit=100000`,
    );
    expect(t.numRows).toBe(want.length);
    const speeds = t.getChild('speed_kmh')!.toArray() as Float32Array;
    expect(speeds.every((v) => v > 40)).toBe(true);
  });

  it('two filters on feature columns both apply (range): trucks of two companies, then of one site', async () => {
    const [a, b] = [fx.rows.muck_trucks![0]!, fx.rows.muck_trucks![1]!];
    const companies = new Set([a.company, b.company]);
    const ids = new Set(
      fx.rows
        .muck_trucks!.filter((r) => companies.has(r.company) && r.site_id === b.site_id)
        .map((r) => r.id),
    );
    const either = fx.rows.muck_trucks!.filter((r) => companies.has(r.company));
    // each filter alone would let more trucks through than both together
    expect(ids.size).toBeGreaterThan(0);
    expect(ids.size).toBeLessThan(either.length);
    const want = trucks().filter((r) => ids.has(r.truck_id) && us(r) < BigInt(FIXTURE_T0 + 3600_000) * 1000n);
    const t = await fetchArrow(
      twin.app,
      `/api/layers/muck-trucks/readings?from=${iso(0)}&to=${iso(3600_000)}&filter=company:in:${a.company}|${b.company}&filter=site_id:eq:${b.site_id}&limit=100000`,
    );
    expect(t.numRows).toBe(want.length);
    expect(new Set(t.getChild('truck_id')!.toArray() as string[])).toEqual(ids);
  });

  it('columns= keeps the named columns and the always-present ones (time, key, position, hkey), in table order', async () => {
    const t = await fetchArrow(
      twin.app,
      `/api/layers/muck-trucks/readings?from=${iso(0)}&to=${iso(600_000)}&columns=speed_kmh`,
    );
    expect(t.schema.fields.map((f) => f.name)).toEqual(['ts', 'truck_id', 'lon', 'lat', 'hkey', 'speed_kmh']);
    expect(t.numRows).toBeGreaterThan(0);
  });

  it('bucket results order by any of their own columns: the count of a grid cell, the key of a feature', async () => {
    const day = `from=${iso(0)}&to=${iso(86400_000)}&limit=100000`;
    const grid = await fetchArrow(
      twin.app,
      `/api/layers/pump-stations/readings?${day}&bucket=1h&grid=1000&orderBy=n:desc`,
    );
    const n = [...(grid.getChild('n')!.toArray() as Int32Array)];
    expect(n).toEqual([...n].sort((a, b) => b - a));
    expect(new Set(n).size).toBeGreaterThan(1);
    const perFeature = await fetchArrow(
      twin.app,
      `/api/layers/pump-stations/readings?${day}&bucket=1h&orderBy=station_id:desc`,
    );
    const keys = perFeature.getChild('station_id')!.toArray() as string[];
    expect(keys).toEqual([...keys].sort().reverse());
    // a grid has no feature key, a feature bucket no cells
    for (const [url, column] of [
      [`/api/layers/pump-stations/readings?${day}&bucket=1h&grid=1000&orderBy=station_id`, 'station_id'],
      [`/api/layers/pump-stations/readings?${day}&bucket=1h&orderBy=cell_x`, 'cell_x'],
    ]) {
      const res = await twin.app.request(url!);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { parameter: string; message: string } };
      expect(body.error.parameter).toBe('orderBy');
      expect(body.error.message).toContain(`"${column}"`);
    }
  });

  it('grid buckets with a filter count only the readings that pass it', async () => {
    const status = fx.rows.pump_station_readings![0]!.status as string;
    const want = fx.rows.pump_station_readings!.filter((r) => r.status === status).length;
    expect(want).toBeLessThan(fx.rows.pump_station_readings!.length);
    const t = await fetchArrow(
      twin.app,
      `/api/layers/pump-stations/readings?from=${iso(0)}&to=${iso(86400_000)}&bucket=1h&grid=1000&filter=status:eq:${status}&limit=100000`,
    );
    expect((t.getChild('n')!.toArray() as Int32Array).reduce((a, v) => a + v, 0)).toBe(want);
  });
});
