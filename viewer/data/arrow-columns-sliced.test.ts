import {
  Bool,
  Dictionary,
  Float64,
  Int32,
  Int64,
  makeData,
  makeVector,
  Table,
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
} from '../../server/test-support/offset-lists';
import { hashStrings, readCategories, readNumbers, readPaths, readRings } from './arrow-columns';

// apache-arrow's `Data.slice` (what `table.slice` does to every column) moves the start of `values` and
// `valueOffsets` and keeps `offset` only for the validity bitmap and Bool bits; a list's child is not sliced.
// The readers must read a sliced table as a table freshly built from the same rows.

interface Row {
  x: number | null;
  n: number | null;
  big: bigint | null;
  on: boolean | null;
  s: string | null;
  kind: string | null;
  path: number[] | null;
  rings: number[][] | null;
}

// nulls at rows 1, 4, 7 (and elsewhere per column); strings over 12 bytes; paths and polygons of varied sizes
const ROWS: Row[] = [
  {
    x: 1.5,
    n: 1,
    big: 1n,
    on: true,
    s: 'short',
    kind: 'fault',
    path: [121.4, 31.2, 121.5, 31.3],
    rings: [square(0, 0, 4), square(1, 1, 1, true)],
  },
  { x: null, n: null, big: null, on: null, s: null, kind: null, path: null, rings: null },
  {
    x: -2.25,
    n: -7,
    big: -(2n ** 33n),
    on: false,
    s: 'a string longer than twelve bytes',
    kind: 'running',
    path: [1, 2, 3, 4, 5, 6],
    rings: [square(10, 10, 2)],
  },
  {
    x: 3,
    n: 3,
    big: 2n ** 40n,
    on: true,
    s: '泵站 pump station 12',
    kind: 'idle',
    path: [7, 8],
    rings: [square(20, 20, 3), square(30, 30, 1)],
  },
  { x: null, n: 4, big: null, on: null, s: null, kind: null, path: null, rings: null },
  { x: 4.5, n: null, big: 5n, on: false, s: '', kind: 'fault', path: [], rings: [] },
  {
    x: 6,
    n: 6,
    big: -6n,
    on: null,
    s: 'x',
    kind: null,
    path: [9, 10, 11, 12, 13, 14, 15, 16],
    rings: [square(-5, -5, 5), square(-4, -4, 1, true), square(-2, -2, 1, true)],
  },
  { x: null, n: null, big: null, on: null, s: null, kind: 'running', path: null, rings: null },
  {
    x: 7.25,
    n: 8,
    big: 8n,
    on: false,
    s: 'another long-ish value of text',
    kind: 'idle',
    path: [17, 18, 19, 20],
    rings: [square(40, 40, 2)],
  },
  { x: 8, n: 9, big: 9n, on: true, s: 'short', kind: 'fault', path: [21, 22], rings: [square(50, 50, 1)] },
];

/** One dictionary type (one dictionary id) for every table, so batches of two tables share a schema. */
const KIND_TYPE = new Dictionary(new Utf8(), new Int32(), 0);

/** A one-batch table of the rows, built by apache-arrow's builders (every buffer starts at row 0). */
function tableOf(rows: Row[]): Table {
  return new Table({
    x: vectorFromArray(
      rows.map((r) => r.x),
      new Float64(),
    ),
    n: vectorFromArray(
      rows.map((r) => r.n),
      new Int32(),
    ),
    big: vectorFromArray(
      rows.map((r) => r.big),
      new Int64(),
    ),
    on: vectorFromArray(
      rows.map((r) => r.on),
      new Bool(),
    ),
    s: vectorFromArray(
      rows.map((r) => r.s),
      new Utf8(),
    ),
    kind: vectorFromArray(
      rows.map((r) => r.kind),
      KIND_TYPE,
    ),
    path: vectorFromArray(
      rows.map((r) => r.path),
      FLOAT64_LIST,
    ),
    rings: vectorFromArray(
      rows.map((r) => r.rings),
      FLOAT64_LIST_LIST,
    ),
  });
}

/** Two record batches (rows [0, 6) and [6, 10)), as a multi-batch IPC stream decodes. */
function twoBatches(): Table {
  return new Table([...tableOf(ROWS.slice(0, 6)).batches, ...tableOf(ROWS.slice(6)).batches]);
}

const CATEGORIES = ['running', 'short', 'a string longer than twelve bytes', 'fault', '泵站 pump station 12'];

/** What each reader returns for the rows, from the plain JS values (no Arrow involved). */
function expectedOf(rows: Row[]) {
  const code = (v: string | null) => (v === null ? -2 : CATEGORIES.indexOf(v));
  const paths = rows.map((r) => r.path ?? []);
  const rings = rows.flatMap((r, row) => (r.rings ?? []).map((ring) => ({ ring, row })));
  const startsOf = (lists: number[][]) => {
    const starts = [0];
    for (const l of lists) starts.push(starts[starts.length - 1]! + l.length / 2);
    return starts;
  };
  return {
    x: rows.map((r) => r.x ?? Number.NaN),
    n: rows.map((r) => r.n ?? Number.NaN),
    big: rows.map((r) => (r.big === null ? Number.NaN : Number(r.big))),
    on: rows.map((r) => (r.on === null ? Number.NaN : r.on ? 1 : 0)),
    s: rows.map((r) => code(r.s)),
    kind: rows.map((r) => code(r.kind)),
    pathCoords: paths.flat(),
    pathStarts: startsOf(paths),
    ringCoords: rings.flatMap((r) => r.ring),
    ringStarts: startsOf(rings.map((r) => r.ring)),
    ringRow: rings.map((r) => r.row),
  };
}

/** Checks every reader over `table` (rows `rows`) against the plain values and a fresh table of the rows. */
function expectReadsAsRows(table: Table, rows: Row[]): void {
  const want = expectedOf(rows);
  const fresh = tableOf(rows);
  expect(table.numRows).toBe(rows.length);
  for (const c of ['x', 'n', 'big', 'on'] as const)
    expect(Array.from(readNumbers(table, c)!), c).toEqual(want[c]);
  expect(Array.from(readCategories(table, 's', CATEGORIES)!)).toEqual(want.s);
  expect(Array.from(readCategories(table, 'kind', CATEGORIES)!)).toEqual(want.kind);
  const hashes = Array.from(hashStrings(table, 's')!);
  expect(hashes).toEqual(Array.from(hashStrings(fresh, 's')!));
  expect(
    hashes.map((h) => h === 0),
    'null ↔ hash 0',
  ).toEqual(rows.map((r) => r.s === null));
  expect(Array.from(hashStrings(table, 'kind')!)).toEqual(Array.from(hashStrings(fresh, 'kind')!));
  const p = readPaths(table, 'path')!;
  expect(Array.from(p.coords)).toEqual(want.pathCoords);
  expect(Array.from(p.starts)).toEqual(want.pathStarts);
  const r = readRings(table, 'rings')!;
  const r0 = readRings(fresh, 'rings')!;
  expect(Array.from(r.coords)).toEqual(want.ringCoords);
  expect(Array.from(r.starts)).toEqual(want.ringStarts);
  expect(Array.from(r.ringRow)).toEqual(want.ringRow);
  expect(Array.from(r.exterior)).toEqual(Array.from(r0.exterior));
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

describe('column readers over sliced tables', () => {
  it('read a fresh table as its rows (the expectation itself, at offset 0)', () => {
    expectReadsAsRows(tableOf(ROWS), ROWS);
    // the fixture's holes are holes: the expectation for exteriors is not all ones
    expect(Array.from(readRings(tableOf(ROWS), 'rings')!.exterior)).toContain(0);
  });

  it.each([
    [1, 5],
    [3, 10],
    [4, 5],
    [6, 9],
  ])(
    'read table.slice(%i, %i) as a fresh table of those rows (nulls, long strings, lists, dictionary)',
    (a, b) => {
      const sliced = tableOf(ROWS).slice(a, b);
      // the slice is what this test is about: one chunk starting `a` rows in
      expect(sliced.getChild('x')!.data[0]!.offset).toBe(a);
      expectReadsAsRows(sliced, ROWS.slice(a, b));
    },
  );

  it('read a sliced table of two record batches, across and inside the second batch', () => {
    const t = twoBatches();
    expectReadsAsRows(t, ROWS);
    const across = t.slice(2, 8);
    expect(across.getChild('s')!.data.map((d) => [d.offset, d.length])).toEqual([
      [2, 4],
      [0, 2],
    ]);
    expectReadsAsRows(across, ROWS.slice(2, 8));
    const inside = t.slice(7, 10);
    expect(inside.getChild('s')!.data.map((d) => [d.offset, d.length])).toEqual([[1, 3]]);
    expectReadsAsRows(inside, ROWS.slice(7, 10));
  });

  it('read path and rings columns whose children are themselves slices (offset > 0), whole and sliced again', () => {
    const t = offsetChildTable(ROWS);
    const rings = t.getChild('rings')!.data[0]!;
    // the shape this test is about: each level of the list starts inside its buffers
    expect([rings.offset, rings.children[0]!.offset, rings.children[0]!.children[0]!.offset]).toEqual([
      1, 2, 3,
    ]);
    expectReadsAsRows(t, ROWS);
    expectReadsAsRows(t.slice(2, 9), ROWS.slice(2, 9));
  });

  it('code and hash a dictionary column whose dictionary is a slice as the plain strings', () => {
    // the dictionary starts 2 junk strings (one over 12 bytes) into its buffers: indices 0… are 'fault', …
    const dictionary = vectorFromArray(
      ['junk', 'a junk string of many bytes', ...CATEGORIES],
      new Utf8(),
    ).slice(2);
    expect(dictionary.data[0]!.offset).toBe(2);
    const indices = [3, 0, null, 2, 1, 4, 0];
    const values = indices.map((i) => (i === null ? null : CATEGORIES[i]!));
    const valid = indices.map((i) => i !== null);
    const nullBitmap = new Uint8Array(1);
    valid.forEach((ok, i) => {
      if (ok) nullBitmap[0]! |= 1 << i;
    });
    const kind = makeData({
      type: new Dictionary(new Utf8(), new Int32()),
      length: indices.length,
      nullCount: 1,
      nullBitmap,
      data: Int32Array.from(indices.map((i) => i ?? 0)),
      dictionary,
    } as Parameters<typeof makeData>[0]);
    const t = new Table({ kind: makeVector(kind), plain: vectorFromArray(values, new Utf8()) });
    expect(t.getChild('kind')!.toArray()).toEqual(values);
    const codes = values.map((v) => (v === null ? -2 : CATEGORIES.indexOf(v)));
    expect(Array.from(readCategories(t, 'kind', CATEGORIES)!)).toEqual(codes);
    expect(Array.from(hashStrings(t, 'kind')!)).toEqual(Array.from(hashStrings(t, 'plain')!));
  });
});
