import type { Data, Table, Vector } from 'apache-arrow';
import { WIRE_ORIGIN_KEY } from '../../layers';

/**
 * Column readers that turn Arrow vectors into flat typed arrays in one pass per record batch, without creating
 * an object (or a string) per row: the path from the server's Arrow IPC to deck.gl binary attributes.
 */

/**
 * A column chunk with its raw buffers. As apache-arrow's `Data.slice` leaves them: `values` and `valueOffsets`
 * already start at the chunk's first row (row i is `values[i]`, `valueOffsets[i]`); only the validity bitmap and
 * the bits of a Bool column still start `offset` bits in. A list's child is not sliced with it: the list's
 * offsets index the child's values directly.
 */
type AnyData = Data & {
  values: ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number; length: number };
  valueOffsets?: Int32Array;
  nullBitmap?: Uint8Array | null;
  children: AnyData[];
  typeId: number;
  /** Present on dictionary-encoded columns (`encoding=compact`): the distinct values the indices point into. */
  dictionary?: Vector;
};

function chunksOf(table: Table, name: string): AnyData[] {
  const v = table.getChild(name) as Vector | null;
  return v ? (v.data as unknown as AnyData[]) : [];
}

function isValid(d: AnyData, i: number): boolean {
  const bm = d.nullBitmap;
  if (!bm || bm.length === 0 || d.nullCount === 0) return true;
  const j = d.offset + i;
  return ((bm[j >> 3] ?? 0) & (1 << (j & 7))) !== 0;
}

/** The origin added back to an offset column of the compact encoding (0 for plain columns). */
function originOf(table: Table, name: string): number {
  const text = table.schema.fields.find((f) => f.name === name)?.metadata.get(WIRE_ORIGIN_KEY);
  return text === undefined ? 0 : Number(text);
}

/** The `[lon, lat]` origin of a compact coordinate-list column, or null for plain float64 lists. */
function listOriginOf(table: Table, name: string): [number, number] | null {
  const text = table.schema.fields.find((f) => f.name === name)?.metadata.get(WIRE_ORIGIN_KEY);
  if (text === undefined) return null;
  const [lon, lat] = text.split(',').map(Number);
  return [lon!, lat!];
}

/** Adds a `[lon, lat]` origin back to interleaved coordinates `[from, to)` of `coords`. */
function addOrigin(coords: Float64Array, from: number, to: number, origin: [number, number] | null): void {
  if (!origin) return;
  for (let i = from; i < to; i += 2) {
    coords[i]! += origin[0];
    coords[i + 1]! += origin[1];
  }
}

const perDictionary = new WeakMap<Vector, Map<string, unknown[]>>();

/**
 * For a dictionary chunk: maps each distinct value's utf8 bytes through `code` once, so rows cost one index
 * lookup. The record batches of a column share one dictionary, so the result is kept per dictionary and `kind`
 * (which must name what `code` computes): a column of many chunks codes its dictionary once, not once per chunk.
 * Returns null for plain utf8 chunks.
 */
function perDictionaryValue<T>(d: AnyData, kind: string, code: (bytes: Uint8Array) => T): T[] | null {
  if (!d.dictionary) return null;
  let byKind = perDictionary.get(d.dictionary);
  if (!byKind) {
    byKind = new Map();
    perDictionary.set(d.dictionary, byKind);
  }
  const hit = byKind.get(kind);
  if (hit) return hit as T[];
  const out: T[] = [];
  for (const dd of d.dictionary.data as unknown as AnyData[]) {
    const offs = dd.valueOffsets!;
    const bytes = dd.values as unknown as Uint8Array;
    for (let i = 0; i < dd.length; i++) out.push(code(bytes.subarray(offs[i]!, offs[i + 1]!)));
  }
  byKind.set(kind, out);
  return out;
}

/** True when the table has a column of that name. */
export function hasColumn(table: Table, name: string): boolean {
  return table.getChild(name) !== null;
}

/**
 * Reads a numeric or boolean column as Float64 (NaN for nulls); int64 and timestamps lose precision beyond
 * 2^53, booleans become 0/1. Returns null when the column is absent.
 */
export function readNumbers(table: Table, name: string): Float64Array | null {
  const chunks = chunksOf(table, name);
  if (chunks.length === 0) return null;
  const out = new Float64Array(table.numRows);
  const origin = originOf(table, name);
  let k = 0;
  for (const d of chunks) {
    const vals = d.values;
    const isBool = d.type.toString() === 'Bool';
    const big = vals instanceof BigInt64Array || vals instanceof BigUint64Array;
    const pairs = big ? new Int32Array(vals.buffer, vals.byteOffset, vals.length * 2) : null;
    for (let i = 0; i < d.length; i++, k++) {
      if (!isValid(d, i)) {
        out[k] = Number.NaN;
      } else if (isBool) {
        // Bool bits are not sliced: row i is bit `offset + i`
        const j = d.offset + i;
        out[k] = ((vals[j >> 3] ?? 0) & (1 << (j & 7))) !== 0 ? 1 : 0;
      } else if (pairs) {
        // little-endian int64 as (low uint32, high int32), alloc-free
        const lo = pairs[2 * i]! >>> 0;
        const hi = pairs[2 * i + 1]!;
        out[k] = hi * 4294967296 + lo;
      } else {
        out[k] = vals[i]! + origin;
      }
    }
  }
  return out;
}

/** Reads a `Timestamp<MICROSECOND>` column as seconds relative to `originMs` (Float64; NaN for nulls). */
export function readSeconds(table: Table, name: string, originMs: number): Float64Array | null {
  const us = readNumbers(table, name);
  if (!us) return null;
  for (let i = 0; i < us.length; i++) us[i] = us[i]! / 1e6 - originMs / 1e3;
  return us;
}

const encoder = new TextEncoder();

/**
 * Codes a utf8 column against a list of known values by comparing bytes: out[i] is the index of the row's
 * value in `values`, -1 for any other value and -2 for null. No per-row strings are created.
 */
export function readCategories(table: Table, name: string, values: readonly string[]): Int16Array | null {
  const chunks = chunksOf(table, name);
  if (chunks.length === 0) return null;
  const wanted = values.map((v) => encoder.encode(v));
  const match = (bytes: Uint8Array, a: number, len: number): number => {
    for (let w = 0; w < wanted.length; w++) {
      const cand = wanted[w]!;
      if (cand.length !== len) continue;
      let same = true;
      for (let b = 0; b < len && same; b++) same = bytes[a + b] === cand[b];
      if (same) return w;
    }
    return -1;
  };
  const out = new Int16Array(table.numRows);
  let k = 0;
  for (const d of chunks) {
    const dict = perDictionaryValue(d, `categories:${JSON.stringify(values)}`, (bytes) =>
      match(bytes, 0, bytes.length),
    );
    if (dict) {
      for (let i = 0; i < d.length; i++, k++) out[k] = isValid(d, i) ? dict[d.values[i]!]! : -2;
      continue;
    }
    const offs = d.valueOffsets!;
    const bytes = d.values as unknown as Uint8Array;
    for (let i = 0; i < d.length; i++, k++) {
      if (!isValid(d, i)) {
        out[k] = -2;
        continue;
      }
      const a = offs[i]!;
      out[k] = match(bytes, a, offs[i + 1]! - a);
    }
  }
  return out;
}

function fnv1a(bytes: Uint8Array, a: number, b: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0 || 1;
}

/** FNV-1a hash of each utf8 value (0 for null), for joining readings to features without strings. */
export function hashStrings(table: Table, name: string): Uint32Array | null {
  const chunks = chunksOf(table, name);
  if (chunks.length === 0) return null;
  const out = new Uint32Array(table.numRows);
  let k = 0;
  for (const d of chunks) {
    const dict = perDictionaryValue(d, 'fnv1a', (bytes) => fnv1a(bytes, 0, bytes.length));
    if (dict) {
      for (let i = 0; i < d.length; i++, k++) if (isValid(d, i)) out[k] = dict[d.values[i]!]!;
      continue;
    }
    const offs = d.valueOffsets!;
    const bytes = d.values as unknown as Uint8Array;
    for (let i = 0; i < d.length; i++, k++) if (isValid(d, i)) out[k] = fnv1a(bytes, offs[i]!, offs[i + 1]!);
  }
  return out;
}

/** Flat coordinates of a `list<float64>` column: `coords` (lon,lat pairs) and `starts[row]` in vertices. */
export interface CoordList {
  coords: Float64Array;
  /** Vertex index where each row starts; length rows + 1. */
  starts: Uint32Array;
}

/** Reads a `list<float64>` path column (`[lon, lat, lon, lat, …]` per row) into one flat array. */
export function readPaths(table: Table, name: string): CoordList | null {
  const chunks = chunksOf(table, name);
  if (chunks.length === 0) return null;
  let total = 0;
  // a sliced list keeps its whole child: count the values its own rows span
  for (const d of chunks) total += (d.valueOffsets![d.length] ?? 0) - (d.valueOffsets![0] ?? 0);
  const coords = new Float64Array(total);
  const starts = new Uint32Array(table.numRows + 1);
  const origin = listOriginOf(table, name);
  let k = 0;
  let c = 0;
  for (const d of chunks) {
    const offs = d.valueOffsets!;
    const child = d.children[0]!;
    const vals = child.values as unknown as Float64Array | Float32Array;
    for (let i = 0; i < d.length; i++, k++) {
      starts[k] = c / 2;
      const a = offs[i]!;
      const b = offs[i + 1]!;
      coords.set(vals.subarray(a, b), c);
      addOrigin(coords, c, c + b - a, origin);
      c += b - a;
    }
  }
  starts[k] = c / 2;
  return { coords: coords.subarray(0, c), starts };
}

/** Flat rings of a `list<list<float64>>` column: every ring is a path; `ringRow[r]` is the ring's row. */
export interface RingList extends CoordList {
  ringRow: Uint32Array;
  /** 1 when the ring is an exterior ring (counter-clockwise, RFC 7946), 0 for a hole. */
  exterior: Uint8Array;
}

/** Reads a `list<list<float64>>` polygon column into flat rings, marking exteriors by their winding. */
export function readRings(table: Table, name: string): RingList | null {
  const chunks = chunksOf(table, name);
  if (chunks.length === 0) return null;
  let ringCount = 0;
  let total = 0;
  // a sliced list keeps its whole child: count the rings and values its own rows span
  for (const d of chunks) {
    const ringOffs = d.children[0]!.valueOffsets!;
    const first = d.valueOffsets![0] ?? 0;
    const end = d.valueOffsets![d.length] ?? 0;
    ringCount += end - first;
    total += (ringOffs[end] ?? 0) - (ringOffs[first] ?? 0);
  }
  const coords = new Float64Array(total);
  const starts = new Uint32Array(ringCount + 1);
  const ringRow = new Uint32Array(ringCount);
  const exterior = new Uint8Array(ringCount);
  const origin = listOriginOf(table, name);
  let r = 0;
  let c = 0;
  let row = 0;
  for (const d of chunks) {
    const rowOffs = d.valueOffsets!;
    const rings = d.children[0]!;
    const ringOffs = rings.valueOffsets!;
    const pts = rings.children[0]!;
    const vals = pts.values as unknown as Float64Array | Float32Array;
    for (let i = 0; i < d.length; i++, row++) {
      for (let j = rowOffs[i]!; j < rowOffs[i + 1]!; j++, r++) {
        const a = ringOffs[j]!;
        const b = ringOffs[j + 1]!;
        starts[r] = c / 2;
        ringRow[r] = row;
        coords.set(vals.subarray(a, b), c);
        addOrigin(coords, c, c + b - a, origin);
        exterior[r] = signedArea(coords, c, c + b - a) >= 0 ? 1 : 0;
        c += b - a;
      }
    }
  }
  starts[r] = c / 2;
  return { coords: coords.subarray(0, c), starts, ringRow, exterior };
}

function signedArea(v: Float64Array, a: number, b: number): number {
  let s = 0;
  for (let i = a; i + 3 < b; i += 2) s += v[i]! * v[i + 3]! - v[i + 2]! * v[i + 1]!;
  return s;
}

/** Reads one utf8 cell as a string (for the inspector and labels, never per row on the hot path). */
export function readString(table: Table, name: string, row: number): string | null {
  const v = table.getChild(name);
  const x = v?.get(row);
  return x === null || x === undefined ? null : String(x);
}
