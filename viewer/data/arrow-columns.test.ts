import {
  Dictionary,
  Field,
  Float32,
  Int8,
  List,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { WIRE_ORIGIN_KEY } from '../../layers';
import { hashStrings, readCategories, readNumbers, readPaths, readString } from './arrow-columns';

/** A table shaped like the server's `encoding=compact`: float32 offsets with an origin, dictionary strings. */
function compactTable(): Table {
  const lon = makeData({ type: new Float32(), length: 3, data: Float32Array.from([0.5, -0.25, 0]) });
  const dictType = new Dictionary(new Utf8(), new Int8(), 0);
  const status = makeData({
    type: dictType,
    length: 4,
    nullCount: 1,
    // rows: fault, running, null, fault — indices into ['fault', 'running']
    nullBitmap: Uint8Array.from([0b1011]),
    data: Int8Array.from([0, 1, 0, 0]),
    dictionary: vectorFromArray(['fault', 'running'], new Utf8()),
  } as Parameters<typeof makeData>[0]);
  const plain = vectorFromArray(['fault', 'running', null, 'fault'], new Utf8()).data[0]!;
  const fields = [
    new Field('lon', new Float32(), true, new Map([[WIRE_ORIGIN_KEY, '121.47']])),
    new Field('status', dictType, true),
    new Field('plain', new Utf8(), true),
  ];
  const lon4 = makeData({ type: new Float32(), length: 4, data: Float32Array.from([...lon.values, 1]) });
  const data = makeData({
    type: new Struct(fields),
    length: 4,
    nullCount: 0,
    children: [lon4, status, plain],
  });
  return new Table([new RecordBatch(new Schema(fields), data)]);
}

describe('column readers over the compact encoding', () => {
  const t = compactTable();

  it('adds the declared origin back to offset columns', () => {
    const lon = Array.from(readNumbers(t, 'lon')!);
    expect(lon).toEqual([121.97, 121.22, 121.47, 122.47].map((x) => expect.closeTo(x, 6)));
  });

  it('codes dictionary strings like plain ones, nulls as -2 and unknown values as -1', () => {
    expect(Array.from(readCategories(t, 'status', ['running', 'fault'])!)).toEqual([1, 0, -2, 1]);
    expect(Array.from(readCategories(t, 'plain', ['running', 'fault'])!)).toEqual([1, 0, -2, 1]);
    expect(Array.from(readCategories(t, 'status', ['running'])!)).toEqual([-1, 0, -2, -1]);
  });

  it('hashes dictionary strings to the same values as plain strings (readings join features by hash)', () => {
    const dict = Array.from(hashStrings(t, 'status')!);
    expect(dict).toEqual(Array.from(hashStrings(t, 'plain')!));
    expect(dict[2]).toBe(0);
    expect(dict[0]).toBe(dict[3]);
    expect(dict[0]).not.toBe(dict[1]);
  });

  it('reads single cells of dictionaries as strings', () => {
    expect([0, 1, 2, 3].map((i) => readString(t, 'status', i))).toEqual(['fault', 'running', null, 'fault']);
  });
});

/** Two record batches whose `status` column shares one dictionary, as a multi-batch IPC stream decodes. */
function twoBatchTable(): Table {
  const dictType = new Dictionary(new Utf8(), new Int8(), 0);
  const dictionary = vectorFromArray(['fault', 'running', 'idle'], new Utf8());
  const fields = [new Field('status', dictType, true)];
  const batch = (indices: number[]) =>
    new RecordBatch(
      new Schema(fields),
      makeData({
        type: new Struct(fields),
        length: indices.length,
        nullCount: 0,
        children: [
          makeData({
            type: dictType,
            length: indices.length,
            nullCount: 0,
            data: Int8Array.from(indices),
            dictionary,
          } as Parameters<typeof makeData>[0]),
        ],
      }),
    );
  return new Table([batch([0, 1]), batch([2, 1, 0])]);
}

describe('dictionary columns over several record batches', () => {
  const t = twoBatchTable();

  it('codes every batch against the shared dictionary', () => {
    expect(Array.from(readCategories(t, 'status', ['idle', 'fault'])!)).toEqual([1, -1, 0, -1, 1]);
    // a second value list over the same dictionary gets its own codes, not the first list's
    expect(Array.from(readCategories(t, 'status', ['running'])!)).toEqual([-1, 0, -1, 0, -1]);
  });

  it('hashes every batch to the hashes of the plain strings', () => {
    const plain = new Table({
      s: vectorFromArray(['fault', 'running', 'idle', 'running', 'fault'], new Utf8()),
    });
    expect(Array.from(hashStrings(t, 'status')!)).toEqual(Array.from(hashStrings(plain, 's')!));
  });
});

describe('compact coordinate lists', () => {
  it('adds the [lon, lat] origin back to every vertex of a float32 path', () => {
    const leaf = makeData({
      type: new Float32(),
      length: 6,
      data: Float32Array.from([0.01, 0.02, 0.03, 0.04, -1, 0.5]),
    });
    const type = new List(new Field('item', new Float32(), true));
    const path = makeData({
      type,
      length: 2,
      nullCount: 0,
      valueOffsets: Int32Array.from([0, 4, 6]),
      child: leaf,
    });
    const fields = [new Field('path', type, true, new Map([[WIRE_ORIGIN_KEY, '121.47,31.23']]))];
    const data = makeData({ type: new Struct(fields), length: 2, nullCount: 0, children: [path] });
    const p = readPaths(new Table([new RecordBatch(new Schema(fields), data)]), 'path')!;
    expect(Array.from(p.starts)).toEqual([0, 2, 3]);
    expect(Array.from(p.coords)).toEqual(
      [121.48, 31.25, 121.5, 31.27, 120.47, 31.73].map((x) => expect.closeTo(x, 6)),
    );
  });
});
