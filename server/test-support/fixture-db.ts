import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DOUBLE,
  type DuckDBAppender,
  DuckDBInstance,
  LIST,
  listValue,
  timestampValue,
} from '@duckdb/node-api';
import { mulberry32 } from '../../data/generate/prng';
import { mortonKey } from '../../data/geo/morton';
import type { ColumnMap, ColumnSpec, LayerDefinition } from '../../layers';
import { LAYERS, toDuckDbColumnDefs } from '../../layers';

/** One fixture row as plain JS values (timestamps as epoch microseconds, lists as number arrays). */
export type FixtureRow = Record<string, unknown>;

/** A fixture database built from the registry, with the rows it holds for oracle tests. */
export interface Fixture {
  dir: string;
  path: string;
  rows: Record<string, FixtureRow[]>;
  /** Start of the readings (epoch ms) and their span. */
  t0: number;
  remove(): void;
}

/** Fixture area (lon/lat bbox) every generated feature falls in. */
export const FIXTURE_BBOX = [121.4, 31.15, 121.6, 31.3] as const;

/** First reading time of the fixture (UTC). */
export const FIXTURE_T0 = Date.UTC(2024, 6, 1, 0, 0, 0);

/** District polygons of the fixture: one square with a square hole, one concave pentagon (RFC 7946 winding). */
export const FIXTURE_DISTRICTS = [
  {
    code: '310101',
    name: '黄浦区',
    name_en: 'Huangpu',
    rings: [
      [121.45, 31.2, 121.5, 31.2, 121.5, 31.25, 121.45, 31.25, 121.45, 31.2],
      [121.47, 31.22, 121.47, 31.23, 121.48, 31.23, 121.48, 31.22, 121.47, 31.22],
    ],
  },
  {
    code: '310104',
    name: '徐汇区',
    name_en: 'Xuhui',
    rings: [[121.4, 31.15, 121.45, 31.15, 121.45, 31.2, 121.425, 31.17, 121.4, 31.2, 121.4, 31.15]],
  },
];

/** Points placed on purpose: on edges, on a vertex, inside the hole, in the concave notch. */
export const PROBE_POINTS: [number, number][] = [
  [121.45, 31.22], // on Huangpu's west edge
  [121.475, 31.2], // on Huangpu's south edge
  [121.5, 31.25], // Huangpu's NE vertex
  [121.475, 31.225], // inside the hole
  [121.47, 31.225], // on the hole's edge
  [121.425, 31.19], // in Xuhui's notch (outside)
  [121.425, 31.16], // inside Xuhui
  [121.46, 31.21], // inside Huangpu
];

function geometryFor(layer: LayerDefinition, i: number, rnd: () => number, probes: boolean): FixtureRow {
  const [x0, y0, x1, y1] = FIXTURE_BBOX;
  const probe = probes ? PROBE_POINTS[i] : undefined;
  const lon = probe ? probe[0] : x0 + rnd() * (x1 - x0);
  const lat = probe ? probe[1] : y0 + rnd() * (y1 - y0);
  const hkey = mortonKey(lon, lat);
  switch (layer.geometry) {
    case 'point':
      return { lon, lat, hkey };
    case 'cell':
      return { lon, lat, hkey, cell_size_m: 100 };
    case 'line': {
      const path = [lon - 0.004, lat - 0.002, lon, lat, lon + 0.003, lat + 0.004];
      return {
        path,
        xmin: lon - 0.004,
        ymin: lat - 0.002,
        xmax: lon + 0.003,
        ymax: lat + 0.004,
        lon,
        lat,
        hkey,
      };
    }
    case 'polygon': {
      const d = 0.002 + rnd() * 0.003;
      const ring = [lon - d, lat - d, lon + d, lat - d, lon + d, lat + d, lon - d, lat + d, lon - d, lat - d];
      return { rings: [ring], xmin: lon - d, ymin: lat - d, xmax: lon + d, ymax: lat + d, lon, lat, hkey };
    }
  }
}

/**
 * Truck tracks placed on purpose (start lon/lat; even trucks drive west, odd east, all north, 0.00003° lon and
 * 0.00002° lat per 10 s step): truck 0 stays inside Huangpu (310101) for the whole window; truck 1 starts in
 * Huangpu and leaves it (and `FIXTURE_TRUCK_BOX`) across the east edge at T0 + 5000 s; truck 2 enters both there.
 */
export const FIXTURE_TRUCK_STARTS: [number, number][] = [
  [121.495, 31.203],
  [121.485, 31.235],
  [121.515, 31.21],
];

/** A box truck 1 leaves and truck 2 enters at T0 + 5000 s (east edge at lon 121.5). */
export const FIXTURE_TRUCK_BOX = [121.48, 31.2, 121.5, 31.26] as const;

/** Feature index whose nullable columns (features and readings) are all null. */
export const ALL_NULL_FEATURE = 1;

/** A 12-byte ASCII value (DuckDB's inline-string limit) and a 13-byte one, used by feature 3 and 4. */
export const EDGE_STRINGS = ['abcdefghijkl', 'abcdefghijklm'] as const;

function attributeFor(name: string, spec: ColumnSpec, i: number, rnd: () => number): unknown {
  const draw = spec.nullable ? rnd() : 1;
  if (spec.nullable && (i === ALL_NULL_FEATURE || draw < 0.2)) return null;
  if (spec.values) {
    const keys = Object.keys(spec.values);
    return keys[Math.floor(rnd() * keys.length)];
  }
  switch (spec.type) {
    case 'utf8':
      if (name === 'district') return i % 2 ? '黄浦区' : '徐汇区';
      return i === 3 || i === 4 ? EDGE_STRINGS[i - 3] : `${name}-${i % 7}`;
    case 'bool':
      return rnd() < 0.5;
    case 'int8':
      return Math.floor(rnd() * 8);
    case 'int16':
    case 'int32':
      return Math.floor(rnd() * 1000);
    case 'int64':
      return BigInt(Math.floor(rnd() * 1e9));
    case 'float32':
      return Math.fround(rnd() * 100);
    case 'float64':
      return rnd() * 100;
    case 'timestamp':
      return BigInt(FIXTURE_T0) * 1000n + BigInt(Math.floor(rnd() * 86400)) * 1_000_000n;
    default:
      return null;
  }
}

function appendValue(app: DuckDBAppender, spec: ColumnSpec, v: unknown) {
  if (v === null || v === undefined) return app.appendNull();
  switch (spec.type) {
    case 'utf8':
      return app.appendVarchar(String(v));
    case 'bool':
      return app.appendBoolean(Boolean(v));
    case 'int8':
      return app.appendTinyInt(Number(v));
    case 'int16':
      return app.appendSmallInt(Number(v));
    case 'int32':
      return app.appendInteger(Number(v));
    case 'int64':
      return app.appendBigInt(BigInt(v as bigint));
    case 'float32':
      return app.appendFloat(Number(v));
    case 'float64':
      return app.appendDouble(Number(v));
    case 'timestamp':
      return app.appendTimestamp(timestampValue(BigInt(v as bigint)));
    case 'list<float64>':
      return app.appendList(listValue(v as number[]), LIST(DOUBLE));
    case 'list<list<float64>>':
      return app.appendList(listValue((v as number[][]).map((r) => listValue(r))), LIST(LIST(DOUBLE)));
  }
}

function featureCount(layer: LayerDefinition): number {
  if (layer.id === 'districts') return FIXTURE_DISTRICTS.length;
  if (layer.id === 'pump-stations') return 40;
  if (layer.id === 'muck-trucks') return 8;
  return 20;
}

function makeFeatures(layer: LayerDefinition, rnd: () => number): FixtureRow[] {
  const rows: FixtureRow[] = [];
  for (let i = 0; i < featureCount(layer); i++) {
    const row: FixtureRow = {};
    const geo = geometryFor(layer, i, rnd, layer.id === 'pump-stations');
    const start = layer.id === 'muck-trucks' ? FIXTURE_TRUCK_STARTS[i] : undefined;
    if (start) Object.assign(geo, { lon: start[0], lat: start[1], hkey: mortonKey(start[0], start[1]) });
    for (const [name, spec] of Object.entries(layer.columns)) {
      row[name] = name in geo ? geo[name] : attributeFor(name, spec, i, rnd);
    }
    row[layer.idColumn] = `${layer.id}-${String(i).padStart(3, '0')}`;
    if (layer.id === 'districts') {
      const d = FIXTURE_DISTRICTS[i]!;
      const xs = d.rings[0]!.filter((_, k) => k % 2 === 0);
      const ys = d.rings[0]!.filter((_, k) => k % 2 === 1);
      Object.assign(row, {
        code: d.code,
        name: d.name,
        name_en: d.name_en,
        rings: d.rings,
        xmin: Math.min(...xs),
        xmax: Math.max(...xs),
        ymin: Math.min(...ys),
        ymax: Math.max(...ys),
        lon: (Math.min(...xs) + Math.max(...xs)) / 2,
        lat: (Math.min(...ys) + Math.max(...ys)) / 2,
      });
    }
    rows.push(row);
  }
  return rows;
}

/** Hours of readings per layer: trucks (10 s cadence) 2 h, the 5/15-min layers 6 h. */
function readingHours(layer: LayerDefinition): number {
  return (layer.temporal?.cadenceSeconds ?? 300) < 60 ? 2 : 6;
}

function makeReadings(layer: LayerDefinition, features: FixtureRow[], rnd: () => number): FixtureRow[] {
  const t = layer.temporal!;
  const rows: FixtureRow[] = [];
  const steps = Math.floor((readingHours(layer) * 3600) / t.cadenceSeconds);
  const moving = t.cadenceSeconds < 60;
  features.forEach((f, fi) => {
    // The last feature stops reporting after the first hour (instant queries with maxAge must drop it).
    const last = fi === features.length - 1 ? Math.floor(3600 / t.cadenceSeconds) : steps;
    for (let s = 0; s < last; s++) {
      const row: FixtureRow = {};
      const lon = moving ? (f.lon as number) + s * 0.00003 * (fi % 2 ? 1 : -1) : f.lon;
      const lat = moving ? (f.lat as number) + s * 0.00002 : f.lat;
      for (const [name, spec] of Object.entries(t.columns)) {
        row[name] = attributeFor(name, spec, fi, rnd);
      }
      Object.assign(row, {
        ts: (BigInt(FIXTURE_T0) + BigInt(s * t.cadenceSeconds * 1000)) * 1000n,
        [t.key]: f[layer.idColumn],
        lon,
        lat,
        hkey: mortonKey(lon as number, lat as number),
      });
      rows.push(row);
    }
  });
  return rows;
}

async function writeTable(
  conn: Awaited<ReturnType<DuckDBInstance['connect']>>,
  table: string,
  columns: ColumnMap,
  rows: FixtureRow[],
) {
  await conn.run(`CREATE TABLE "${table}" (${toDuckDbColumnDefs(columns)})`);
  const app = await conn.createAppender(table);
  const specs = Object.entries(columns);
  for (const row of rows) {
    for (const [name, spec] of specs) appendValue(app, spec, row[name]);
    app.endRow();
  }
  app.closeSync();
}

/** Builds a small DuckDB file from the registry definitions (seeded), in a new temp dir, as `twin.duckdb`. */
export async function buildFixture(seed = 7): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'twin-fixture-'));
  const path = join(dir, 'twin.duckdb');
  const rnd = mulberry32(seed);
  const instance = await DuckDBInstance.create(path, {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const conn = await instance.connect();
  const rows: Record<string, FixtureRow[]> = {};
  for (const layer of LAYERS) {
    const features = makeFeatures(layer, rnd);
    rows[layer.table] = features;
    await writeTable(conn, layer.table, layer.columns, features);
    if (layer.temporal) {
      const readings = makeReadings(layer, features, rnd);
      rows[layer.temporal.table] = readings;
      await writeTable(conn, layer.temporal.table, layer.temporal.columns, readings);
    }
  }
  conn.closeSync();
  instance.closeSync();
  return { dir, path, rows, t0: FIXTURE_T0, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
