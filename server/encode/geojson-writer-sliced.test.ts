import {
  Bool,
  type DataType,
  Dictionary,
  Float32,
  Float64,
  Int32,
  Int64,
  makeVector,
  Table,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import {
  FLOAT64_LIST,
  FLOAT64_LIST_LIST,
  offsetFloatLists,
  offsetRingLists,
  square,
} from '../test-support/offset-lists';
import { buildGeoJsonFeatures, type GeometryRule } from './geojson-from-arrow';
import { type FeatureIdOf, geoJsonFeatureChunks, joinedId } from './geojson-writer';

// apache-arrow's `Data.slice` (what `table.slice` does to every column) moves the start of `values` and
// `valueOffsets` and keeps `offset` only for the validity bitmap and Bool bits; a list's child is not sliced.
// The writer must write a sliced table as a table freshly built from the same rows, and as the object builder
// (which reads through apache-arrow's own getters) does.

interface Row {
  id: string | null;
  name: string | null;
  ts: number | null;
  n: number | null;
  big: bigint | null;
  f: number | null;
  ok: boolean | null;
  kind: string | null;
  lon: number | null;
  lat: number | null;
  path: number[] | null;
  rings: number[][] | null;
}

const T0 = Date.UTC(2013, 8, 13, 8);

// nulls at rows 1, 4, 7 (and elsewhere per column; row 4's null id makes joined ids read its other cells);
// strings over 12 bytes; coordinates with at most 9 decimals and float32 values exact in float32, so the writer's
// text parses to what the builder reads
const ROWS: Row[] = [
  {
    id: 'a',
    name: 'short',
    ts: T0,
    n: 1,
    big: 1n,
    f: 0.5,
    ok: true,
    kind: 'x',
    lon: 121.45,
    lat: 31.22,
    path: [121.4, 31.2, 121.5, 31.3],
    rings: [square(0, 0, 4), square(1, 1, 1, true)],
  },
  {
    id: null,
    name: null,
    ts: null,
    n: null,
    big: null,
    f: null,
    ok: null,
    kind: null,
    lon: null,
    lat: null,
    path: null,
    rings: null,
  },
  {
    id: 'pump-station-000003',
    name: 'a string longer than twelve bytes',
    ts: T0 + 1500,
    n: -7,
    big: -(2n ** 33n),
    f: -1.25,
    ok: false,
    kind: 'y',
    lon: 121.5,
    lat: 31.25,
    path: [1, 2, 3, 4, 5, 6],
    rings: [square(10, 10, 2)],
  },
  {
    id: 'b',
    name: '泵站 pump station 12',
    ts: T0 + 60_000,
    n: 3,
    big: 2n ** 40n,
    f: 2.75,
    ok: true,
    kind: 'x',
    lon: 121.47,
    lat: 31.23,
    path: [7, 8],
    rings: [square(20, 20, 3), square(30, 30, 1)],
  },
  {
    id: null,
    name: null,
    ts: T0 + 61_000,
    n: 4,
    big: null,
    f: null,
    ok: null,
    kind: null,
    lon: null,
    lat: 31.1,
    path: null,
    rings: null,
  },
  {
    id: 'd',
    name: '',
    ts: null,
    n: null,
    big: 5n,
    f: 8,
    ok: false,
    kind: 'x',
    lon: 121.46,
    lat: 31.24,
    path: [],
    rings: [],
  },
  {
    id: 'another-long-identifier',
    name: 'x"y',
    ts: T0 + 3_600_000,
    n: 6,
    big: -6n,
    f: -0.125,
    ok: null,
    kind: null,
    lon: 121.123456789,
    lat: 31.987654321,
    path: [9, 10, 11, 12, 13, 14, 15, 16],
    rings: [square(-5, -5, 5), square(-4, -4, 1, true), square(-2, -2, 1, true)],
  },
  {
    id: null,
    name: null,
    ts: null,
    n: null,
    big: null,
    f: null,
    ok: null,
    kind: 'y',
    lon: 121.4,
    lat: null,
    path: null,
    rings: null,
  },
  {
    id: 'e',
    name: 'another long-ish value of text',
    ts: T0 + 7_200_000,
    n: 8,
    big: 8n,
    f: 1.5,
    ok: false,
    kind: 'y',
    lon: 121.41,
    lat: 31.21,
    path: [17, 18, 19, 20],
    rings: [square(40, 40, 2)],
  },
  {
    id: 'f',
    name: 'short',
    ts: T0 + 7_200_001,
    n: 9,
    big: 9n,
    f: 3,
    ok: true,
    kind: 'x',
    lon: 121.42,
    lat: 31.26,
    path: [21, 22],
    rings: [square(50, 50, 1)],
  },
];

/** One dictionary type (one dictionary id) for every table, so batches of two tables share a schema. */
const KIND_TYPE = new Dictionary(new Utf8(), new Int32(), 0);

/** A one-batch table of the rows, built by apache-arrow's builders (every buffer starts at row 0). */
function tableOf(rows: Row[]): Table {
  const types: { [K in keyof Row]: DataType } = {
    id: new Utf8(),
    name: new Utf8(),
    ts: new TimestampMillisecond(),
    n: new Int32(),
    big: new Int64(),
    f: new Float32(),
    ok: new Bool(),
    kind: KIND_TYPE,
    lon: new Float64(),
    lat: new Float64(),
    path: FLOAT64_LIST,
    rings: FLOAT64_LIST_LIST,
  };
  const cell = (r: Row, k: keyof Row) => (k === 'ts' && r.ts !== null ? new Date(r.ts) : r[k]);
  return new Table(
    Object.fromEntries(
      (Object.keys(types) as (keyof Row)[]).map((k) => [
        k,
        vectorFromArray(
          rows.map((r) => cell(r, k)),
          types[k],
        ),
      ]),
    ),
  );
}

/**
 * Ids the writer copies from the buffers (utf8 and timestamp; int32 and utf8), and one it asks the function for
 * (reading a utf8 and a bool cell).
 */
const IDS: [string, FeatureIdOf, (p: Record<string, unknown>, row: number) => string | number][] = [
  ['id@ts', joinedId(['id', 'ts'], '@'), (p, row) => `${p.id ?? row}@${p.ts ?? row}`],
  ['n/id', joinedId(['n', 'id'], '/'), (p, row) => `${p.n ?? row}/${p.id ?? row}`],
  ['name|ok', (cell, row) => `${cell('name') ?? row}|${cell('ok')}`, (p, row) => `${p.name ?? row}|${p.ok}`],
];

const RULES: GeometryRule[] = ['point', 'line', 'polygon'];

/** The writer's text for a table: its chunks joined as the JSON array of features. */
function written(table: Table, rule: GeometryRule, idOf: FeatureIdOf): string {
  return `[${[...geoJsonFeatureChunks(table, rule, idOf, 3)].map((c) => Buffer.from(c).toString('utf8')).join(',')}]`;
}

/** Checks the writer over `table` (rows `rows`) against a fresh table of the rows and the object builder. */
function expectWritesAsRows(table: Table, rows: Row[]): void {
  expect(table.numRows).toBe(rows.length);
  const fresh = tableOf(rows);
  for (const rule of RULES)
    for (const [name, idOf, builderId] of IDS) {
      const text = written(table, rule, idOf);
      expect(text, `${rule}, ${name}: fresh table`).toBe(written(fresh, rule, idOf));
      expect(JSON.parse(text), `${rule}, ${name}: object builder`).toEqual(
        buildGeoJsonFeatures(table, rule, builderId),
      );
    }
}

/** The table of the rows with `path` and `rings` columns whose children are themselves slices. */
function offsetChildTable(rows: Row[]): Table {
  const t = tableOf(rows);
  return new Table({
    ...Object.fromEntries(t.schema.fields.map((f) => [f.name, t.getChild(f.name)!])),
    path: makeVector(offsetFloatLists(rows.map((r) => r.path))),
    rings: makeVector(offsetRingLists(rows.map((r) => r.rings))),
  });
}

describe('GeoJSON writer over sliced tables', () => {
  it('writes a fresh table as the object builder does (the expectation itself, at offset 0)', () => {
    expectWritesAsRows(tableOf(ROWS), ROWS);
    // the fixture has what the slices must get right: holes, a MultiPolygon, null geometries
    const polygons = written(tableOf(ROWS), 'polygon', IDS[0]![1]);
    expect(polygons).toContain('"MultiPolygon"');
    expect(polygons).toContain('"geometry":null');
  });

  it.each([
    [1, 5],
    [3, 10],
    [4, 5],
    [6, 9],
  ])(
    'writes table.slice(%i, %i) as a fresh table of those rows (nulls, long strings, lists, ids)',
    (a, b) => {
      const sliced = tableOf(ROWS).slice(a, b);
      // the slice is what this test is about: one batch starting `a` rows in
      expect(sliced.batches.length).toBe(1);
      expect(sliced.getChild('lon')!.data[0]!.offset).toBe(a);
      expectWritesAsRows(sliced, ROWS.slice(a, b));
    },
  );

  it('writes a slice inside the second record batch of a two-batch table', () => {
    const t = new Table([...tableOf(ROWS.slice(0, 6)).batches, ...tableOf(ROWS.slice(6)).batches]);
    const inside = t.slice(7, 10);
    expect(inside.getChild('name')!.data.map((d) => [d.offset, d.length])).toEqual([[1, 3]]);
    expectWritesAsRows(inside, ROWS.slice(7, 10));
  });

  it('writes path and rings columns whose children are themselves slices (offset > 0), whole and sliced again', () => {
    const t = offsetChildTable(ROWS);
    const rings = t.getChild('rings')!.data[0]!;
    // the shape this test is about: each level of the list starts inside its buffers
    expect([rings.offset, rings.children[0]!.offset, rings.children[0]!.children[0]!.offset]).toEqual([
      1, 2, 3,
    ]);
    expectWritesAsRows(t, ROWS);
    expectWritesAsRows(t.slice(2, 9), ROWS.slice(2, 9));
  });
});
