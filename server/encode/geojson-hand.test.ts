import {
  Bool,
  Dictionary,
  Field,
  Float32,
  Float64,
  Int8,
  Int32,
  Int64,
  List,
  makeData,
  makeVector,
  Table,
  TimestampMicrosecond,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { buildGeoJsonFeatures, type GeometryRule } from './geojson-from-arrow';
import {
  columnId,
  type FeatureIdOf,
  featureIdOfSpec,
  featureIdSpec,
  geoJsonFeatureChunks,
  joinedId,
} from './geojson-writer';

// Hand-made Arrow tables and the GeoJSON written out by hand for them: no call of the code under test makes an
// expectation. 2013-09-13T08:00:00Z = 1379059200 s (Python's calendar.timegm).
const T0_US = 1_379_059_200_000_000n;
const f64 = new Float64();
const list = (t: Float64 | List) => new List(new Field('item', t, true));

/** A microsecond timestamp column from raw values (null → a cleared validity bit). */
function timestamps(values: (bigint | null)[]) {
  const nullBitmap = new Uint8Array(1);
  values.forEach((v, i) => {
    if (v !== null) nullBitmap[0]! |= 1 << i;
  });
  const data = BigInt64Array.from(values.map((v) => v ?? 0n));
  const nullCount = values.filter((v) => v === null).length;
  return makeVector(
    makeData({ type: new TimestampMicrosecond(), length: values.length, nullCount, nullBitmap, data }),
  );
}

function pointTable() {
  return new Table({
    id: vectorFromArray(['a', 'a', 'b', null, 'b'], new Utf8()),
    name: vectorFromArray(['泵站 1', 'x"y', '', 'z', 'z'], new Utf8()),
    ts: timestamps([T0_US, T0_US, T0_US + 1_500_000n, null, T0_US + 1_500_000n]),
    n: vectorFromArray([1n, -2n, null, 2n ** 40n, 0n], new Int64()),
    f: vectorFromArray([0.5, Number.NaN, null, Number.POSITIVE_INFINITY, -1.25], new Float32()),
    i8: vectorFromArray([1, 2, null, -3, 4], new Int8()),
    ok: vectorFromArray([true, false, null, true, false], new Bool()),
    kind: vectorFromArray(['x', 'y', 'x', null, 'y'], new Dictionary(new Utf8(), new Int32())),
    lon: vectorFromArray([121.45, 121.5, null, 121.47, 121.46], f64),
    lat: vectorFromArray([31.22, 31.25, 31.2, 31.23, 31.24], f64),
    hkey: vectorFromArray([5n, 6n, 7n, 8n, 9n], new Int64()),
  });
}

const POINT_FEATURES = [
  {
    type: 'Feature',
    id: 'a',
    geometry: { type: 'Point', coordinates: [121.45, 31.22] },
    properties: {
      id: 'a',
      name: '泵站 1',
      ts: '2013-09-13T08:00:00.000Z',
      n: 1,
      f: 0.5,
      i8: 1,
      ok: true,
      kind: 'x',
    },
  },
  {
    type: 'Feature',
    id: 'a',
    geometry: { type: 'Point', coordinates: [121.5, 31.25] },
    properties: {
      id: 'a',
      name: 'x"y',
      ts: '2013-09-13T08:00:00.000Z',
      n: -2,
      f: null,
      i8: 2,
      ok: false,
      kind: 'y',
    },
  },
  {
    type: 'Feature',
    id: 'b',
    geometry: null,
    properties: {
      id: 'b',
      name: '',
      ts: '2013-09-13T08:00:01.500Z',
      n: null,
      f: null,
      i8: null,
      ok: null,
      kind: 'x',
    },
  },
  {
    type: 'Feature',
    id: 3,
    geometry: { type: 'Point', coordinates: [121.47, 31.23] },
    properties: { id: null, name: 'z', ts: null, n: 2 ** 40, f: null, i8: -3, ok: true, kind: null },
  },
  {
    type: 'Feature',
    id: 'b',
    geometry: { type: 'Point', coordinates: [121.46, 31.24] },
    properties: {
      id: 'b',
      name: 'z',
      ts: '2013-09-13T08:00:01.500Z',
      n: 0,
      f: -1.25,
      i8: 4,
      ok: false,
      kind: 'y',
    },
  },
];

/** The writer's chunks parsed back, and how many chunks it wrote. */
function written(
  table: Table,
  rule: GeometryRule,
  rowsPerChunk: number,
  idOf: FeatureIdOf = (cell, r) => (cell('id') as string | null) ?? r,
) {
  const chunks = [...geoJsonFeatureChunks(table, rule, idOf, rowsPerChunk)];
  return { chunks: chunks.length, features: JSON.parse(`[${chunks.join(',')}]`) };
}

describe('GeoJSON from hand-made Arrow tables', () => {
  it('writes every property type, nulls, non-finite floats as null, ids with a row fallback', () => {
    expect(written(pointTable(), 'point', 2)).toEqual({ chunks: 3, features: POINT_FEATURES });
    expect(written(pointTable(), 'point', 5)).toEqual({ chunks: 1, features: POINT_FEATURES });
  });

  it('writes lines from path lists, null paths as null geometry', () => {
    const table = new Table({
      id: vectorFromArray(['p1', 'p2', 'p3'], new Utf8()),
      path: vectorFromArray(
        [[121.4, 31.2, 121.41, 31.21, 121.42, 31.2], null, [121.5, 31.3, 121.5, 31.31]],
        list(f64),
      ),
    });
    const want = [
      {
        type: 'LineString',
        coordinates: [
          [121.4, 31.2],
          [121.41, 31.21],
          [121.42, 31.2],
        ],
      },
      null,
      {
        type: 'LineString',
        coordinates: [
          [121.5, 31.3],
          [121.5, 31.31],
        ],
      },
    ];
    expect(written(table, 'line', 2).features.map((f: { geometry: unknown }) => f.geometry)).toEqual(want);
    expect(buildGeoJsonFeatures(table, 'line', (_p, r) => r).map((f) => f.geometry)).toEqual(want);
  });

  it('groups rings: a hole stays with its exterior, a second counter-clockwise ring starts a MultiPolygon', () => {
    // counter-clockwise unit squares (exteriors) and a clockwise inner square (hole)
    const sq = (x: number, y: number, s: number) => [x, y, x + s, y, x + s, y + s, x, y + s, x, y];
    const hole = [0.2, 0.2, 0.2, 0.4, 0.4, 0.4, 0.4, 0.2, 0.2, 0.2];
    const pairs = (flat: number[]) => flat.flatMap((v, i) => (i % 2 === 0 ? [[v, flat[i + 1]!]] : []));
    const table = new Table({
      id: vectorFromArray(['one', 'holed', 'two', 'none'], new Utf8()),
      rings: vectorFromArray(
        [[sq(0, 0, 1)], [sq(0, 0, 1), hole], [sq(0, 0, 1), sq(2, 0, 1)], null],
        list(list(f64)),
      ),
    });
    const want = [
      { type: 'Polygon', coordinates: [pairs(sq(0, 0, 1))] },
      { type: 'Polygon', coordinates: [pairs(sq(0, 0, 1)), pairs(hole)] },
      { type: 'MultiPolygon', coordinates: [[pairs(sq(0, 0, 1))], [pairs(sq(2, 0, 1))]] },
      null,
    ];
    expect(written(table, 'polygon', 3).features.map((f: { geometry: unknown }) => f.geometry)).toEqual(want);
    expect(buildGeoJsonFeatures(table, 'polygon', (_p, r) => r).map((f) => f.geometry)).toEqual(want);
  });

  it('writes no geometry when the rule’s columns are missing, and properties without geometry columns', () => {
    const table = new Table({
      id: vectorFromArray(['q'], new Utf8()),
      hkey: vectorFromArray([1n], new Int64()),
    });
    for (const rule of ['point', 'line', 'polygon'] as const)
      expect(written(table, rule, 10).features).toEqual([
        { type: 'Feature', id: 'q', geometry: null, properties: { id: 'q' } },
      ]);
  });
});

describe('GeoJSON writer edge cases, by hand', () => {
  /** The features written for `table` (one chunk per 2 rows). */
  const features = (table: Table, rule: GeometryRule, idOf: FeatureIdOf) =>
    written(table, rule, 2, idOf).features as { id: unknown; geometry: unknown }[];

  it('ids read through the cells: empty strings next to others (the reader’s last-string cache), bool, timestamp, int64', () => {
    const table = new Table({
      name: vectorFromArray(['', 'ab', 'c', '', 'd'], new Utf8()),
      ok: vectorFromArray([true, false, null, true, false], new Bool()),
      ts: timestamps([T0_US, T0_US + 1_500_000n, null, T0_US, T0_US]),
      big: vectorFromArray([1n, -2n, 2n ** 40n, null, 7n], new Int64()),
    });
    // the name cells are bytes [0, 0), [0, 2), [2, 3), [3, 3), [3, 4): same start or same end as the row before
    expect([...table.getChild('name')!.data[0]!.valueOffsets.subarray(0, 6)]).toEqual([0, 0, 2, 3, 3, 4]);
    expect(
      features(table, 'point', (cell, r) => (cell('name') as string | null) ?? r).map((f) => f.id),
    ).toEqual(['', 'ab', 'c', '', 'd']);
    expect(
      features(table, 'point', (cell) => `${cell('ok')}|${cell('ts')}|${cell('big')}`).map((f) => f.id),
    ).toEqual([
      'true|2013-09-13T08:00:00.000Z|1',
      'false|2013-09-13T08:00:01.500Z|-2',
      'null|null|1099511627776',
      'true|2013-09-13T08:00:00.000Z|null',
      'false|2013-09-13T08:00:00.000Z|7',
    ]);
    // a column the table does not have reads as null
    expect(
      features(table, 'point', (cell, r) => (cell('nope') as string | null) ?? r).map((f) => f.id),
    ).toEqual([0, 1, 2, 3, 4]);
  });

  it('joined ids over int64 and float columns, and rows where every part is null', () => {
    const table = new Table({
      key: vectorFromArray(['a', null, 'c'], new Utf8()),
      big: vectorFromArray([1n, null, 2n ** 40n], new Int64()),
      f: vectorFromArray([0.5, null, -1.25], new Float64()),
      n: vectorFromArray([1, null, 3], new Int32()),
    });
    // copied from the buffers, except row 1, where no part can be copied
    expect(features(table, 'point', joinedId(['key', 'n'], '-')).map((f) => f.id)).toEqual([
      'a-1',
      '1-1',
      'c-3',
    ]);
    // int64 and float columns are not copied: the id function writes every row
    expect(features(table, 'point', joinedId(['big'], '-')).map((f) => f.id)).toEqual([
      '1',
      '1',
      '1099511627776',
    ]);
    expect(features(table, 'point', joinedId(['big', 'key'], '-')).map((f) => f.id)).toEqual([
      '1-a',
      '1-1',
      '1099511627776-c',
    ]);
    expect(features(table, 'point', joinedId(['key', 'f'], '-')).map((f) => f.id)).toEqual([
      'a-0.5',
      '1-1',
      'c--1.25',
    ]);
  });

  it('id rules as data: the spec of a joined or column rule, and the rule rebuilt from it names rows alike', () => {
    expect(featureIdSpec(joinedId(['key', 'n'], '@'))).toEqual({
      kind: 'joined',
      columns: ['key', 'n'],
      separator: '@',
    });
    expect(featureIdSpec(columnId('key', 5))).toEqual({ kind: 'column', column: 'key', rowOffset: 5 });
    expect(featureIdSpec((_c, r) => r)).toBeNull();
    const table = new Table({
      key: vectorFromArray(['a', null, 'c'], new Utf8()),
      n: vectorFromArray([1, 2, null], new Int32()),
    });
    const joined = featureIdOfSpec({ kind: 'joined', columns: ['key', 'n'], separator: '@' });
    expect(joined.joined).toEqual({ columns: ['key', 'n'], separator: '@' });
    expect(features(table, 'point', joined).map((f) => f.id)).toEqual(['a@1', '1@2', 'c@2']);
    const column = featureIdOfSpec({ kind: 'column', column: 'key', rowOffset: 5 });
    expect(column.column).toEqual({ column: 'key', rowOffset: 5 });
    expect(features(table, 'point', column).map((f) => f.id)).toEqual(['a', 6, 'c']);
  });

  it('a part written from row `start` of a slice names null-id rows by `rowBase` plus the row', () => {
    const table = new Table({
      key: vectorFromArray(['a', null, null, 'd'], new Utf8()),
      lon: vectorFromArray([121.4, 121.5, 121.6, 121.7], f64),
      lat: vectorFromArray([31.1, 31.2, 31.3, 31.4], f64),
    });
    const part = (rows: { start?: number; end?: number; rowBase?: number }) =>
      (
        JSON.parse(
          `[${[...geoJsonFeatureChunks(table, 'point', columnId('key', 100), 2000, rows)].join(',')}]`,
        ) as {
          id: unknown;
        }[]
      ).map((f) => f.id);
    // row 1 of a table that starts at row 40 of the result is row 41, and the page starts at 100: id 141
    expect(part({ rowBase: 40 })).toEqual(['a', 141, 142, 'd']);
    expect(part({ start: 1, end: 3, rowBase: 40 })).toEqual([141, 142]);
    expect(part({ start: 2 })).toEqual([102, 'd']);
  });

  it('reading strings from a later row: an empty string whose offsets are not 0 is still a string', () => {
    // cells 'x' = bytes [0, 1), '' = [1, 1): the first row read is row 1, with both offsets 1
    const table = new Table({ name: vectorFromArray(['x', '', 'y'], new Utf8()) });
    const ids = [
      ...geoJsonFeatureChunks(table, 'point', (cell, r) => (cell('name') as string | null) ?? r, 2000, {
        start: 1,
      }),
    ];
    expect((JSON.parse(`[${ids.join(',')}]`) as { id: unknown }[]).map((f) => f.id)).toEqual(['', 'y']);
  });

  it('a table of no record batches writes nothing and does not fail', () => {
    const empty = new Table(pointTable().schema);
    expect(empty.batches.length).toBe(0);
    expect([...geoJsonFeatureChunks(empty, 'point', columnId('id'))]).toEqual([]);
  });

  it('refuses property columns it cannot write and tables of several batches, naming them', () => {
    const listed = new Table({
      id: vectorFromArray(['a'], new Utf8()),
      tags: vectorFromArray([['x', 'y']], new List(new Field('item', new Utf8(), true))),
    });
    expect(() => features(listed, 'point', (_c, r) => r)).toThrow('GeoJSON properties cannot hold a List');
    const one = pointTable();
    const two = new Table([one.batches[0]!, one.batches[0]!]);
    expect(two.batches.length).toBe(2);
    expect(() => features(two, 'point', (_c, r) => r)).toThrow(
      'geoJsonFeatureChunks expects a table of one record batch',
    );
  });

  it('rings: a clockwise first ring still starts the polygon, holes stay with the right exterior, no rings, flat rings', () => {
    const sq = (x: number, y: number, s: number) => [x, y, x + s, y, x + s, y + s, x, y + s, x, y];
    const cw = [0, 0, 0, 1, 1, 1, 1, 0, 0, 0];
    const hole = [0.2, 0.2, 0.2, 0.4, 0.4, 0.4, 0.4, 0.2, 0.2, 0.2];
    const flat = [0, 0, 1, 1, 0, 0];
    const pairs = (f: number[]) => f.flatMap((v, i) => (i % 2 === 0 ? [[v, f[i + 1]!]] : []));
    const table = new Table({
      id: vectorFromArray(['cw', 'holed-two', 'empty', 'flat', 'cw-two', 'flat-two'], new Utf8()),
      rings: vectorFromArray(
        [
          [cw],
          [sq(0, 0, 1), hole, sq(2, 0, 1)],
          [],
          [sq(0, 0, 1), flat],
          [cw, sq(2, 0, 1)],
          [sq(0, 0, 1), flat, sq(2, 0, 1)],
        ],
        list(list(f64)),
      ),
    });
    const want = [
      { type: 'Polygon', coordinates: [pairs(cw)] },
      { type: 'MultiPolygon', coordinates: [[pairs(sq(0, 0, 1)), pairs(hole)], [pairs(sq(2, 0, 1))]] },
      { type: 'MultiPolygon', coordinates: [] },
      { type: 'Polygon', coordinates: [pairs(sq(0, 0, 1)), pairs(flat)] },
      { type: 'MultiPolygon', coordinates: [[pairs(cw)], [pairs(sq(2, 0, 1))]] },
      { type: 'MultiPolygon', coordinates: [[pairs(sq(0, 0, 1)), pairs(flat)], [pairs(sq(2, 0, 1))]] },
    ];
    expect(features(table, 'polygon', (_c, r) => r).map((f) => f.geometry)).toEqual(want);
    expect(buildGeoJsonFeatures(table, 'polygon', (_p, r) => r).map((f) => f.geometry)).toEqual(want);
  });

  it('writes no point without both lon and lat columns', () => {
    const table = new Table({ id: vectorFromArray(['a'], new Utf8()), lon: vectorFromArray([121.5], f64) });
    expect(features(table, 'point', (_c, r) => r).map((f) => f.geometry)).toEqual([null]);
  });
});

describe('buildGeoJsonFeatures (the object builder), by hand', () => {
  it('builds the point features written out above: every property type, nulls, ids with a row fallback', () => {
    const built = buildGeoJsonFeatures(pointTable(), 'point', (p, r) => (p.id as string | null) ?? r);
    // through JSON, as the API sends them (NaN and Infinity become null)
    expect(JSON.parse(JSON.stringify(built))).toEqual(POINT_FEATURES);
  });

  it('takes geometry by the rule, not by which columns exist, and leaves bbox and key columns out of properties', () => {
    const table = new Table({
      id: vectorFromArray(['a'], new Utf8()),
      lon: vectorFromArray([121.5], f64),
      lat: vectorFromArray([31.2], f64),
      path: vectorFromArray([[121.4, 31.2, 121.41, 31.21]], list(f64)),
      rings: vectorFromArray([[[0, 0, 1, 0, 1, 1, 0, 0]]], list(list(f64))),
      xmin: vectorFromArray([121.4], f64),
      ymin: vectorFromArray([31.2], f64),
      xmax: vectorFromArray([121.41], f64),
      ymax: vectorFromArray([31.21], f64),
      hkey: vectorFromArray([1n], new Int64()),
    });
    const want = {
      point: { type: 'Point', coordinates: [121.5, 31.2] },
      line: {
        type: 'LineString',
        coordinates: [
          [121.4, 31.2],
          [121.41, 31.21],
        ],
      },
      polygon: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
      },
    };
    for (const rule of ['point', 'line', 'polygon'] as const) {
      const expected = [{ type: 'Feature', id: 'a', geometry: want[rule], properties: { id: 'a' } }];
      expect(buildGeoJsonFeatures(table, rule, (p) => p.id as string)).toEqual(expected);
      expect(written(table, rule, 1).features).toEqual(expected);
    }
  });
});
