import { type Data, DataType, type Table } from 'apache-arrow';
import { isValid } from './compact-arrow';
import { GEOMETRY_COLUMNS, type GeometryRule } from './geojson-from-arrow';

/** Reads one cell of a column as the JSON value the API writes (ISO strings for timestamps, numbers for int64). */
type CellReader = (row: number) => unknown;

type RawData = Data & {
  values: ArrayLike<number> & ArrayLike<bigint>;
  valueOffsets: Int32Array;
};

const decoder = new TextDecoder();

/** A number as JSON writes it (non-finite → null). */
const num = (x: number) => (Number.isFinite(x) ? String(x) : 'null');

/**
 * The JSON text of each cell of a column, memoising the previous row's text: readings arrive ordered by key and
 * time, so ids and often timestamps repeat from row to row and are decoded and quoted once per run.
 */
function textReader(d: RawData, read: CellReader): (row: number) => string {
  const type = d.type;
  if (DataType.isUtf8(type)) {
    const bytes = d.values as unknown as Uint8Array;
    const offs = d.valueOffsets;
    let a = -1;
    let b = -1;
    let last = 'null';
    return (r) => {
      if (!isValid(d, r)) return 'null';
      const a2 = offs[d.offset + r]!;
      const b2 = offs[d.offset + r + 1]!;
      if (a2 === a && b2 === b) return last;
      let same = b2 - a2 === b - a && a >= 0;
      for (let i = 0; same && i < b2 - a2; i++) same = bytes[a2 + i] === bytes[a + i];
      a = a2;
      b = b2;
      if (!same) last = JSON.stringify(decoder.decode(bytes.subarray(a2, b2)));
      return last;
    };
  }
  if (DataType.isTimestamp(type)) {
    const v = d.values as unknown as BigInt64Array;
    let prev: bigint | null = null;
    let last = 'null';
    return (r) => {
      if (!isValid(d, r)) return 'null';
      const x = v[d.offset + r]!;
      if (x !== prev) {
        prev = x;
        last = `"${read(r) as string}"`;
      }
      return last;
    };
  }
  if (DataType.isFloat(type) || (DataType.isInt(type) && type.bitWidth < 64)) {
    const v = d.values as unknown as ArrayLike<number>;
    return (r) => (isValid(d, r) ? num(v[d.offset + r]!) : 'null');
  }
  return (r) => {
    const x = read(r);
    return x === null ? 'null' : JSON.stringify(x);
  };
}

/** A reader over the raw buffers of a one-chunk column: no `Vector.get`, no per-row visitor dispatch. */
function cellReader(d: RawData): CellReader {
  const type = d.type;
  const o = d.offset;
  if (DataType.isUtf8(type)) {
    const bytes = d.values as unknown as Uint8Array;
    const offs = d.valueOffsets;
    return (r) => (isValid(d, r) ? decoder.decode(bytes.subarray(offs[o + r]!, offs[o + r + 1]!)) : null);
  }
  if (DataType.isDictionary(type)) {
    const dict = d.dictionary!;
    const idx = d.values as unknown as ArrayLike<number>;
    return (r) => (isValid(d, r) ? dict.get(idx[o + r]!) : null);
  }
  if (DataType.isBool(type)) {
    const bits = d.values as unknown as Uint8Array;
    return (r) => (isValid(d, r) ? ((bits[(o + r) >> 3]! >> ((o + r) & 7)) & 1) === 1 : null);
  }
  if (DataType.isTimestamp(type)) {
    // microseconds → milliseconds, as apache-arrow's own getter does
    const us = d.values as unknown as BigInt64Array;
    const toMs = [1000, 1, 1e-3, 1e-6][type.unit]!;
    return (r) => (isValid(d, r) ? new Date(Number(us[o + r]!) * toMs).toISOString() : null);
  }
  if (DataType.isInt(type) && type.bitWidth === 64) {
    const v = d.values as unknown as BigInt64Array;
    return (r) => (isValid(d, r) ? Number(v[o + r]!) : null);
  }
  if (DataType.isInt(type) || DataType.isFloat(type)) {
    const v = d.values as unknown as ArrayLike<number>;
    return (r) => (isValid(d, r) ? v[o + r]! : null);
  }
  return () => {
    throw new Error(`GeoJSON properties cannot hold a ${type} column`);
  };
}

/** `[x,y],[x,y],…` of interleaved coordinates `[a, b)` of `v`. */
function coordText(v: ArrayLike<number>, a: number, b: number): string {
  let s = '';
  for (let i = a; i + 1 < b; i += 2) s += `${i === a ? '' : ','}[${num(v[i]!)},${num(v[i + 1]!)}]`;
  return s;
}

function ringArea2(v: ArrayLike<number>, a: number, b: number): number {
  let s = 0;
  for (let i = a; i + 3 < b; i += 2) s += v[i]! * v[i + 3]! - v[i + 2]! * v[i + 1]!;
  return s;
}

/** The geometry writer of a rule: `(row) → JSON text of the geometry` (or `null`). */
function geometryWriter(table: Table, rule: GeometryRule): (row: number) => string {
  if (rule === 'line') {
    const d = table.getChild('path')?.data[0] as RawData | undefined;
    if (!d) return () => 'null';
    const leaf = d.children[0]!;
    const v = leaf.values as ArrayLike<number>;
    return (r) => {
      if (!isValid(d, r)) return 'null';
      const a = d.valueOffsets[d.offset + r]! + leaf.offset;
      const b = d.valueOffsets[d.offset + r + 1]! + leaf.offset;
      return `{"type":"LineString","coordinates":[${coordText(v, a, b)}]}`;
    };
  }
  if (rule === 'polygon') {
    const d = table.getChild('rings')?.data[0] as RawData | undefined;
    if (!d) return () => 'null';
    const rings = d.children[0]! as RawData;
    const leaf = rings.children[0]!;
    const v = leaf.values as ArrayLike<number>;
    return (r) => {
      if (!isValid(d, r)) return 'null';
      // exteriors are counter-clockwise and start a polygon; clockwise holes follow their exterior
      const polys: string[][] = [];
      for (let j = d.valueOffsets[d.offset + r]!; j < d.valueOffsets[d.offset + r + 1]!; j++) {
        const a = rings.valueOffsets[rings.offset + j]! + leaf.offset;
        const b = rings.valueOffsets[rings.offset + j + 1]! + leaf.offset;
        const ring = `[${coordText(v, a, b)}]`;
        if (polys.length === 0 || ringArea2(v, a, b) > 0) polys.push([ring]);
        else polys[polys.length - 1]!.push(ring);
      }
      return polys.length === 1
        ? `{"type":"Polygon","coordinates":[${polys[0]!.join(',')}]}`
        : `{"type":"MultiPolygon","coordinates":[${polys.map((p) => `[${p.join(',')}]`).join(',')}]}`;
    };
  }
  const lon = table.getChild('lon')?.data[0] as RawData | undefined;
  const lat = table.getChild('lat')?.data[0] as RawData | undefined;
  if (!lon || !lat) return () => 'null';
  const x = lon.values as ArrayLike<number>;
  const y = lat.values as ArrayLike<number>;
  return (r) =>
    isValid(lon, r) && isValid(lat, r)
      ? `{"type":"Point","coordinates":[${num(x[lon.offset + r]!)},${num(y[lat.offset + r]!)}]}`
      : 'null';
}

/** Names a feature from its cells: `cell(column)` reads that column of the row. */
export type FeatureIdOf = (cell: (column: string) => unknown, row: number) => string | number;

/**
 * Writes a one-batch Arrow result as GeoJSON Feature texts, `rowsPerChunk` features per yielded chunk (features
 * joined by commas), reading the column buffers directly. The output parses to exactly what
 * `buildGeoJsonFeatures` builds, at a fraction of the time and memory: no row objects, one string per chunk.
 */
export function* geoJsonFeatureChunks(
  table: Table,
  rule: GeometryRule,
  idOf: FeatureIdOf,
  rowsPerChunk = 2000,
): Generator<string> {
  if (table.batches.length > 1) throw new Error('geoJsonFeatureChunks expects a table of one record batch');
  const fields = table.schema.fields;
  const readers = new Map<string, CellReader>();
  const texts = new Map<string, (row: number) => string>();
  fields.forEach((f, i) => {
    const d = table.getChildAt(i)?.data[0] as RawData | undefined;
    if (!d) return;
    const read = cellReader(d);
    readers.set(f.name, read);
    texts.set(f.name, textReader(d, read));
  });
  const props = fields
    .filter((f) => !GEOMETRY_COLUMNS.has(f.name))
    .map((f) => ({ key: `${JSON.stringify(f.name)}:`, text: texts.get(f.name)! }));
  const geometry = geometryWriter(table, rule);
  let row = 0;
  const cell = (column: string) => readers.get(column)?.(row) ?? null;
  for (let start = 0; start < table.numRows; start += rowsPerChunk) {
    const end = Math.min(table.numRows, start + rowsPerChunk);
    const parts: string[] = [];
    for (row = start; row < end; row++) {
      let p = '';
      for (let c = 0; c < props.length; c++)
        p += `${c === 0 ? '' : ','}${props[c]!.key}${props[c]!.text(row)}`;
      parts.push(
        `{"type":"Feature","id":${JSON.stringify(idOf(cell, row))},"geometry":${geometry(row)},"properties":{${p}}}`,
      );
    }
    yield parts.join(',');
  }
}
