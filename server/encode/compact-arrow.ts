import {
  type Data,
  DataType,
  Dictionary,
  Field,
  Float32,
  Int8,
  Int16,
  Int32,
  List,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import { STORAGE_ONLY_COLUMNS, WIRE_ORIGIN, WIRE_ORIGIN_KEY } from '../../layers';

/** What to compact in a table: which utf8 columns become dictionaries, and which storage columns to keep. */
export interface CompactOptions {
  /** Utf8 columns with few distinct values or long runs (categories, the readings key). */
  dictionary: ReadonlySet<string>;
  /** Columns the request named explicitly (a named storage column such as `hkey` stays). */
  asked: ReadonlySet<string> | null;
}

// A sliced Data (offset > 0) already has its `values` and `valueOffsets` cut at the offset (apache-arrow's
// Data.slice); only the validity bitmap is read at `offset + i`.
type NumData = Data & { values: Float64Array; nullBitmap?: Uint8Array | null };
type StrData = Data & { values: Uint8Array; valueOffsets: Int32Array; nullBitmap?: Uint8Array | null };

/** True when row `i` of one Arrow data chunk is not null (its validity bit is set, or it has no bitmap). */
export function isValid(d: Data, i: number): boolean {
  const bm = d.nullBitmap;
  if (!bm || d.nullCount === 0) return true;
  const j = d.offset + i;
  return ((bm[j >> 3] ?? 0) & (1 << (j & 7))) !== 0;
}

/** Copies the validity of a vector into a fresh, zero-padded bitmap (null when all rows are valid). */
function validityOf(v: Vector): { bitmap: Uint8Array | null; nullCount: number } {
  if (v.nullCount === 0) return { bitmap: null, nullCount: 0 };
  const bitmap = new Uint8Array(((v.length + 63) >> 6) << 3);
  let k = 0;
  let nulls = 0;
  for (const d of v.data)
    for (let i = 0; i < d.length; i++, k++) {
      if (isValid(d, i)) bitmap[k >> 3]! |= 1 << (k & 7);
      else nulls++;
    }
  return { bitmap, nullCount: nulls };
}

/** A float64 coordinate column as float32 offsets from `origin`; null slots hold 0. */
function offsetColumn(v: Vector, origin: number): Data {
  const out = new Float32Array(v.length);
  let k = 0;
  for (const d of v.data as NumData[])
    for (let i = 0; i < d.length; i++, k++) if (isValid(d, i)) out[k] = d.values[i]! - origin;
  const { bitmap, nullCount } = validityOf(v);
  return makeData({ type: new Float32(), length: v.length, nullCount, nullBitmap: bitmap, data: out });
}

/** The leaf data of a list column (`list<float64>` → 1 level, `list<list<float64>>` → 2). */
function leafOf(d: Data): Data {
  let leaf = d;
  while (leaf.children.length > 0) leaf = leaf.children[0]!;
  return leaf;
}

/**
 * A coordinate-list column (`path`: list<float64>, `rings`: list<list<float64>>) with its leaf values as float32
 * offsets from the origin: even leaf positions are longitudes, odd ones latitudes. List offsets are kept as they are.
 */
function offsetListColumn(d: Data): Data {
  const rebuild = (x: Data): Data => {
    if (x.children.length === 0) {
      const src = x.values as Float64Array;
      const out = new Float32Array(src.length);
      for (let i = 0; i < src.length; i++)
        out[i] = src[i]! - (i % 2 === 0 ? WIRE_ORIGIN.lon : WIRE_ORIGIN.lat);
      return makeData({ type: new Float32(), offset: x.offset, length: x.length, nullCount: 0, data: out });
    }
    const child = rebuild(x.children[0]!);
    const type = new List(new Field('item', child.type, true));
    return makeData({
      type,
      offset: x.offset,
      length: x.length,
      nullCount: x.nullCount,
      nullBitmap: x.nullBitmap,
      valueOffsets: x.valueOffsets,
      child,
    });
  };
  return rebuild(d);
}

const decoder = new TextDecoder();

function sameBytes(a: Uint8Array, a0: number, a1: number, b: Uint8Array, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let i = 0; i < a1 - a0; i++) if (a[a0 + i] !== b[b0 + i]) return false;
  return true;
}

/**
 * A utf8 column as a dictionary: one index per row into the distinct values in order of first appearance. Rows
 * equal to the previous row (readings come ordered by key) reuse its index without decoding a string.
 */
function dictionaryColumn(v: Vector, id: number): { data: Data; type: Dictionary } {
  const indices = new Int32Array(v.length);
  const lookup = new Map<string, number>();
  const values: string[] = [];
  let prev: { bytes: Uint8Array; a: number; b: number; index: number } | null = null;
  let k = 0;
  for (const d of v.data as StrData[]) {
    const offs = d.valueOffsets;
    for (let i = 0; i < d.length; i++, k++) {
      if (!isValid(d, i)) continue;
      const a = offs[i]!;
      const b = offs[i + 1]!;
      if (prev && sameBytes(d.values, a, b, prev.bytes, prev.a, prev.b)) {
        indices[k] = prev.index;
        continue;
      }
      const s = decoder.decode(d.values.subarray(a, b));
      let index = lookup.get(s);
      if (index === undefined) {
        index = values.length;
        values.push(s);
        lookup.set(s, index);
      }
      indices[k] = index;
      prev = { bytes: d.values, a, b, index };
    }
  }
  const [indexType, narrow] =
    values.length <= 127
      ? [new Int8(), Int8Array.from(indices)]
      : values.length <= 32_767
        ? [new Int16(), Int16Array.from(indices)]
        : [new Int32(), indices];
  const type = new Dictionary(new Utf8(), indexType, id, false);
  const dictionary = vectorFromArray(values, new Utf8());
  const { bitmap, nullCount } = validityOf(v);
  const data = makeData({
    type,
    length: v.length,
    nullCount,
    nullBitmap: bitmap,
    data: narrow,
    dictionary,
  } as Parameters<typeof makeData>[0]);
  return { data, type };
}

/**
 * Rewrites a query result for the wire (`encoding=compact`): `lon`/`lat` become float32 offsets from
 * `WIRE_ORIGIN` (field metadata `twin:origin` says which), the named utf8 columns become dictionaries, and
 * storage-only columns (`hkey`) are dropped unless asked for. Values decode to the same rows within 1 cm.
 */
export function compactTable(table: Table, opts: CompactOptions): Table {
  if (table.batches.length > 1) throw new Error('compactTable expects a table of one record batch');
  const fields: Field[] = [];
  const children: Data[] = [];
  table.schema.fields.forEach((f, i) => {
    const v = table.getChildAt(i)!;
    if (STORAGE_ONLY_COLUMNS.includes(f.name) && !opts.asked?.has(f.name)) return;
    const origin = f.name === 'lon' ? WIRE_ORIGIN.lon : f.name === 'lat' ? WIRE_ORIGIN.lat : null;
    if (origin !== null && DataType.isFloat(f.type) && f.type.precision === 2) {
      children.push(offsetColumn(v, origin));
      fields.push(new Field(f.name, new Float32(), true, new Map([[WIRE_ORIGIN_KEY, String(origin)]])));
    } else if ((f.name === 'path' || f.name === 'rings') && DataType.isFloat(leafOf(v.data[0]!).type)) {
      const data = offsetListColumn(v.data[0]!);
      children.push(data);
      const origin = `${WIRE_ORIGIN.lon},${WIRE_ORIGIN.lat}`;
      fields.push(new Field(f.name, data.type, true, new Map([[WIRE_ORIGIN_KEY, origin]])));
    } else if (opts.dictionary.has(f.name) && DataType.isUtf8(f.type)) {
      const { data, type } = dictionaryColumn(v, i);
      children.push(data);
      fields.push(new Field(f.name, type, true));
    } else {
      children.push(v.data[0]!);
      fields.push(f);
    }
  });
  const schema = new Schema(fields, table.schema.metadata);
  const data = makeData({ type: new Struct(fields), length: table.numRows, nullCount: 0, children });
  return new Table([new RecordBatch(schema, data)]);
}
