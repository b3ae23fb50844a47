import {
  Bool,
  DataType,
  Field,
  Float32,
  Float64,
  Int32,
  Int64,
  List,
  makeData,
  RecordBatch,
  Schema,
  Table,
  tableFromArrays,
  tableFromIPC,
  tableToIPC,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { WIRE_ORIGIN, WIRE_ORIGIN_KEY } from '../../layers';
import { type CompactOptions, compactTable, isValid } from './compact-arrow';

const NONE: CompactOptions = { dictionary: new Set(), asked: null };

/** Round trip through IPC and apache-arrow's own reader: what a client decodes. */
function wire(t: Table): Table {
  return tableFromIPC(tableToIPC(t, 'stream'));
}

/** The rows of a column as plain JS values, read by apache-arrow itself (handles offsets, nulls, dictionaries). */
function values(t: Table, name: string): unknown[] {
  const v = t.getChild(name) as Vector | null;
  if (!v) throw new Error(`no column ${name}`);
  return [...v].map((x) => (x !== null && typeof x === 'object' && 'toArray' in x ? listToJs(x) : x));
}

function listToJs(x: { toArray(): ArrayLike<unknown> }): unknown[] {
  return Array.from(x.toArray() as ArrayLike<unknown>, (y) =>
    y !== null && typeof y === 'object' && 'toArray' in (y as object) ? listToJs(y as never) : y,
  );
}

/** A table of one batch with nullable float64 lon/lat, a utf8 id, a bigint hkey and an int column. */
function points(
  lon: (number | null)[],
  lat: (number | null)[],
  id: (string | null)[],
  extra: Record<string, Vector> = {},
): Table {
  return new Table({
    lon: vectorFromArray(lon, new Float64()),
    lat: vectorFromArray(lat, new Float64()),
    id: vectorFromArray(id, new Utf8()),
    hkey: vectorFromArray(
      lon.map((_, i) => BigInt(i * 1000 + 7)),
      new Int64(),
    ),
    ...extra,
  });
}

describe('compactTable: coordinates', () => {
  it('lon/lat become float32 offsets from the wire origin, within 1 cm, with the origin in field metadata', () => {
    const lon = [121.4737, 121.5012345, null, 121.0001, 122.0];
    const lat = [31.2304, null, 31.1, 30.6912345, 31.9];
    const out = wire(compactTable(points(lon, lat, ['a', 'b', 'c', 'd', 'e']), NONE));
    // compacted columns stay nullable (their nulls are kept)
    expect(
      out.schema.fields.filter((f) => f.name === 'lon' || f.name === 'lat').map((f) => f.nullable),
    ).toEqual([true, true]);
    for (const [name, src, origin] of [
      ['lon', lon, WIRE_ORIGIN.lon],
      ['lat', lat, WIRE_ORIGIN.lat],
    ] as const) {
      const f = out.schema.fields.find((x) => x.name === name)!;
      expect(DataType.isFloat(f.type) && f.type.precision).toBe(1); // single precision
      expect(f.metadata.get(WIRE_ORIGIN_KEY)).toBe(String(origin));
      const got = values(out, name) as (number | null)[];
      src.forEach((v, i) => {
        if (v === null) expect(got[i]).toBeNull();
        // 1 cm is about 9e-8 degrees; the offsets are exact to float32 rounding of at most ~1 degree
        else expect(Math.abs((got[i] as number) + origin - v)).toBeLessThan(9e-8);
      });
    }
  });

  it('null coordinate slots hold 0 on the wire (no bytes of other rows)', () => {
    const t = compactTable(points([null, 121.5, null], [31.2, null, null], ['a', 'b', 'c']), NONE);
    expect(Array.from(t.getChild('lon')!.data[0]!.values as Float32Array)).toEqual([
      0,
      Math.fround(121.5 - WIRE_ORIGIN.lon),
      0,
    ]);
    expect(Array.from(t.getChild('lat')!.data[0]!.values as Float32Array)).toEqual([
      Math.fround(31.2 - WIRE_ORIGIN.lat),
      0,
      0,
    ]);
    expect(t.getChild('lon')!.nullCount).toBe(2);
    expect(t.getChild('lat')!.nullCount).toBe(2);
  });

  it('a lon column that is not float64 and a float64 column of another name stay as they are', () => {
    const t = new Table({
      lon: vectorFromArray([121.5, 121.6], new Float32()),
      lat: vectorFromArray([31, 32], new Int32()),
      lng: vectorFromArray([121.5, 121.6], new Float64()),
    });
    const out = compactTable(t, NONE);
    expect(out.schema.fields.map((f) => String(f.type))).toEqual(['Float32', 'Int32', 'Float64']);
    expect(values(out, 'lon')).toEqual([Math.fround(121.5), Math.fround(121.6)]);
    expect(values(out, 'lat')).toEqual([31, 32]);
    expect(values(out, 'lng')).toEqual([121.5, 121.6]);
    expect(out.schema.fields[0]!.metadata.has(WIRE_ORIGIN_KEY)).toBe(false);
  });

  it('path (list<float64>) and rings (list<list<float64>>) leaves become offsets, lon at even and lat at odd positions', () => {
    const path = [[121.5, 31.25, 121.51, 31.26], [], [121.4, 31.1]];
    const rings = [
      [[121.5, 31.2, 121.6, 31.2, 121.6, 31.3, 121.5, 31.2]],
      [
        [121.45, 31.22],
        [121.46, 31.23],
      ],
      [],
    ];
    const pathType = new List(new Field('item', new Float64(), true));
    const ringsType = new List(new Field('item', pathType, true));
    const t = new Table({ path: vectorFromArray(path, pathType), rings: vectorFromArray(rings, ringsType) });
    const out = wire(compactTable(t, NONE));
    const origin = `${WIRE_ORIGIN.lon},${WIRE_ORIGIN.lat}`;
    for (const f of out.schema.fields) {
      expect(f.metadata.get(WIRE_ORIGIN_KEY)).toBe(origin);
      expect(f.nullable).toBe(true);
      // list children are named "item" and nullable, as Arrow and DuckDB write lists
      let child = f.type.children[0]!;
      for (;;) {
        expect([child.name, child.nullable]).toEqual(['item', true]);
        if (!child.type.children?.length) break;
        child = child.type.children[0]!;
      }
    }
    const back = (flat: number[]) =>
      flat.map((v, i) => v + (i % 2 === 0 ? WIRE_ORIGIN.lon : WIRE_ORIGIN.lat));
    const gotPath = values(out, 'path') as number[][];
    expect(gotPath.map((p) => p.length)).toEqual([4, 0, 2]);
    for (const [r, p] of gotPath.entries())
      for (const [i, v] of back(p).entries()) expect(Math.abs(v - path[r]![i]!)).toBeLessThan(9e-8);
    const gotRings = values(out, 'rings') as number[][][];
    expect(gotRings.map((r) => r.map((x) => x.length))).toEqual([[8], [2, 2], []]);
    for (const [r, rs] of gotRings.entries())
      for (const [j, ring] of rs.entries())
        for (const [i, v] of back(ring).entries()) expect(Math.abs(v - rings[r]![j]![i]!)).toBeLessThan(9e-8);
    // leaves are float32
    let leaf = out.getChild('rings')!.type as DataType;
    while (leaf.children?.length) leaf = leaf.children[0]!.type;
    expect(String(leaf)).toBe('Float32');
  });
});

/** Points at one place whose `id` column is compacted to a dictionary. */
function idsAsDictionary(id: string[]): Table {
  const at = (v: number) => id.map(() => v);
  return compactTable(points(at(121.5), at(31.2), id), { dictionary: new Set(['id']), asked: null });
}

describe('compactTable: dictionaries', () => {
  it('named utf8 columns become dictionaries in order of first appearance, nulls kept', () => {
    const id = ['truck-b', 'truck-b', 'truck-a', null, 'truck-b', 'truck-c', 'truck-a', null];
    const n = id.length;
    const t = points(Array(n).fill(121.5), Array(n).fill(31.2), id, {
      kind: vectorFromArray(
        id.map((x) => x ?? 'none'),
        new Utf8(),
      ),
    });
    const c = compactTable(t, { dictionary: new Set(['id', 'nope']), asked: null });
    const f = c.schema.fields.find((x) => x.name === 'id')!;
    expect(DataType.isDictionary(f.type)).toBe(true);
    // values in order of first appearance, not sorted: the dictionary must not claim to be ordered
    expect((f.type as { isOrdered: boolean }).isOrdered).toBe(false);
    expect(f.nullable).toBe(true);
    const dict = c.getChild('id')!.data[0]!.dictionary!;
    expect([...dict]).toEqual(['truck-b', 'truck-a', 'truck-c']);
    const idx = Array.from(c.getChild('id')!.data[0]!.values as Int8Array);
    expect(idx.filter((_, i) => id[i] !== null)).toEqual([0, 0, 1, 0, 2, 1]);
    expect(values(wire(c), 'id')).toEqual(id);
    expect(c.getChild('id')!.nullCount).toBe(2);
    // a column not named stays utf8
    expect(String(c.schema.fields.find((x) => x.name === 'kind')!.type)).toBe('Utf8');
  });

  it('equal strings that are not adjacent, and adjacent ones of equal length, get the right index', () => {
    // "ab"/"ba" have equal length: a byte comparison that looked at lengths only would merge them
    // "aa" after "ax" after "za": comparing "aa" with the bytes before "ax" instead of its own would match
    const id = ['ab', 'ba', 'ab', 'abc', 'abd', 'abd', 'ab', 'za', 'ax', 'aa', 'x', 'a', 'aaa'];
    const c = idsAsDictionary(id);
    expect([...c.getChild('id')!.data[0]!.dictionary!]).toEqual([
      'ab',
      'ba',
      'abc',
      'abd',
      'za',
      'ax',
      'aa',
      'x',
      'a',
      'aaa',
    ]);
    expect(Array.from(c.getChild('id')!.data[0]!.values as Int8Array)).toEqual([
      0, 1, 0, 2, 3, 3, 0, 4, 5, 6, 7, 8, 9,
    ]);
    // "aaa" right after "a" at byte 1: a length test that added the previous string's start (1 + 2 = 3) would
    // take "aaa" for "a" (it compares bytes 1…3 of the buffer, "a" followed by "aaa"'s own first bytes)
    const start = idsAsDictionary(['x', 'a', 'aaa']);
    expect(Array.from(start.getChild('id')!.data[0]!.values as Int8Array)).toEqual([0, 1, 2]);
  });

  it('index width follows the distinct count: int8 up to 127, int16 up to 32,767, else int32', () => {
    for (const [distinct, type] of [
      [127, 'Int8'],
      [128, 'Int16'],
      [32_767, 'Int16'],
      [32_768, 'Int32'],
    ] as const) {
      const id = Array.from({ length: distinct }, (_, i) => `k${i}`);
      const c = idsAsDictionary(id);
      const t = c.schema.fields.find((x) => x.name === 'id')!.type as { indices: DataType };
      expect(String(t.indices), `${distinct} distinct`).toBe(type);
      const got = values(wire(c), 'id');
      expect(got[distinct - 1]).toBe(`k${distinct - 1}`);
      expect(got[0]).toBe('k0');
    }
  });

  it('a non-utf8 column named for a dictionary stays as it is', () => {
    const t = new Table({ n: vectorFromArray([1, 2, 2], new Int32()) });
    const c = compactTable(t, { dictionary: new Set(['n']), asked: null });
    expect(String(c.schema.fields[0]!.type)).toBe('Int32');
    expect(values(c, 'n')).toEqual([1, 2, 2]);
  });
});

describe('compactTable: storage columns, other columns, batches', () => {
  it('drops hkey unless the request named it; keeps every other column and the schema metadata', () => {
    const base = points([121.5, 121.6], [31.2, 31.3], ['a', 'b'], {
      speed: vectorFromArray([3.5, null], new Float64()),
      on: vectorFromArray([true, false], new Bool()),
    });
    const schema = new Schema(base.schema.fields, new Map([['twin:layer', 'trucks']]));
    const withMeta = new Table([new RecordBatch(schema, base.batches[0]!.data)]);
    const dropped = compactTable(withMeta, NONE);
    expect(dropped.schema.fields.map((f) => f.name)).toEqual(['lon', 'lat', 'id', 'speed', 'on']);
    expect(dropped.schema.metadata.get('twin:layer')).toBe('trucks');
    expect(values(wire(dropped), 'speed')).toEqual([3.5, null]);
    expect(values(wire(dropped), 'on')).toEqual([true, false]);
    expect(values(wire(dropped), 'id')).toEqual(['a', 'b']);
    const other = compactTable(withMeta, { dictionary: new Set(), asked: new Set(['id']) });
    expect(other.schema.fields.map((f) => f.name)).not.toContain('hkey');
    const kept = compactTable(withMeta, { dictionary: new Set(), asked: new Set(['hkey']) });
    expect(kept.schema.fields.map((f) => f.name)).toEqual(['lon', 'lat', 'id', 'hkey', 'speed', 'on']);
    expect(values(kept, 'hkey')).toEqual([7n, 1007n]);
    expect(kept.numRows).toBe(2);
  });

  it('refuses a table of several record batches', () => {
    const a = tableFromArrays({ x: Int32Array.from([1]) });
    const two = new Table([...a.batches, ...a.batches]);
    expect(() => compactTable(two, NONE)).toThrow(/one record batch/);
  });

  it('a sliced table compacts to the same rows as the same rows built fresh', () => {
    const n = 40;
    const lon = Array.from({ length: n }, (_, i) => (i % 7 === 3 ? null : 121.4 + i / 1000));
    const lat = Array.from({ length: n }, (_, i) => (i % 5 === 1 ? null : 31.1 + i / 1000));
    const id = Array.from({ length: n }, (_, i) => (i % 6 === 2 ? null : `a-rather-long-id-${i % 9}`));
    const from = 11;
    const to = 33;
    const sliced = points(lon, lat, id).slice(from, to);
    const fresh = points(lon.slice(from, to), lat.slice(from, to), id.slice(from, to));
    // a slice keeps the batch but moves the data's offset
    expect(sliced.getChild('lon')!.data[0]!.offset).toBe(from);
    const opts: CompactOptions = { dictionary: new Set(['id']), asked: null };
    const a = wire(compactTable(sliced, opts));
    const b = wire(compactTable(fresh, opts));
    for (const name of ['lon', 'lat', 'id']) expect(values(a, name), name).toEqual(values(b, name));
  });
});

describe('isValid', () => {
  it('reads the validity bit at the data offset, and treats a chunk without nulls as valid', () => {
    const v = vectorFromArray([1, null, 3, null, 5, 6, null, 8, 9, null], new Int32());
    const d = v.data[0]!;
    expect(Array.from({ length: 10 }, (_, i) => isValid(d, i))).toEqual(
      [1, null, 3, null, 5, 6, null, 8, 9, null].map((x) => x !== null),
    );
    const s = d.slice(3, 5);
    expect(Array.from({ length: 5 }, (_, i) => isValid(s, i))).toEqual([false, true, true, false, true]);
    // a bitmap present but no nulls counted (e.g. after a slice of only valid rows) means all valid
    const allValid = makeData({
      type: new Bool(),
      length: 2,
      nullCount: 0,
      nullBitmap: new Uint8Array([0]),
      data: new Uint8Array([3]),
    });
    expect(isValid(allValid, 0) && isValid(allValid, 1)).toBe(true);
  });
});
