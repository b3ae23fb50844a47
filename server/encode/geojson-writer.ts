import { type Data, DataType, type Table } from 'apache-arrow';
import { isValid } from './compact-arrow';
import { GEOMETRY_COLUMNS, type GeometryRule } from './geojson-from-arrow';
import { JsonBytes, needsJsonEscape } from './json-bytes';

/** Reads one cell of a column as the JSON value the API writes (ISO strings for timestamps, numbers for int64). */
type CellReader = (row: number) => unknown;

/** Writes one cell of a column as JSON text into `out`. */
type CellWriter = (out: JsonBytes, row: number) => void;

/**
 * A column chunk with its raw buffers. As apache-arrow's `Data.slice` leaves them: `values` and `valueOffsets`
 * already start at the chunk's first row (row r is `values[r]`, `valueOffsets[r]`); only the validity bitmap and
 * the bits of a Bool column still start `offset` bits in. A list's child is not sliced with it: the list's
 * offsets index the child's values directly.
 */
type RawData = Data & {
  values: ArrayLike<number> & ArrayLike<bigint>;
  valueOffsets: Int32Array;
};

/**
 * Decimal places of coordinates in GeoJSON: 9, as PostGIS's `ST_AsGeoJSON` writes by default (1e-9° is about
 * 0.1 mm; the compact Arrow encoding keeps 1 cm).
 */
export const GEOJSON_COORDINATE_DECIMALS = 9;

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const NULL = ascii('null');
const TRUE = ascii('true');
const FALSE = ascii('false');
const FEATURE_HEAD = ascii('{"type":"Feature","id":');
const GEOMETRY_KEY = ascii(',"geometry":');
const PROPERTIES_KEY = ascii(',"properties":{');
const POINT_HEAD = ascii('{"type":"Point","coordinates":[');
const LINE_HEAD = ascii('{"type":"LineString","coordinates":[');
const POLYGON_HEAD = ascii('{"type":"Polygon","coordinates":[');
const MULTIPOLYGON_HEAD = ascii('{"type":"MultiPolygon","coordinates":[');
const CLOSE_2 = ascii(']}');
const CLOSE_3 = ascii(']]}');
const FEATURE_TAIL = ascii('}}');
const COMMA = 44;
const OPEN = 91;
const CLOSE = 93;

/** Timestamp column values in `unit` (0 s … 3 ns) → milliseconds, as apache-arrow's own getter does. */
const TO_MS = [1000, 1, 1e-3, 1e-6];

/**
 * A reader over the raw buffers of a one-chunk column (no `Vector.get`, no per-row visitor dispatch), remembering
 * the last string read (readings arrive ordered by key and time, so ids repeat from row to row and are decoded once)
 * and the text of each distinct instant.
 */
function cellReader(d: RawData): CellReader {
  const type = d.type;
  if (DataType.isUtf8(type)) {
    const bytes = d.values as unknown as Uint8Array;
    const offs = d.valueOffsets;
    let a = -1;
    let b = -1;
    let last: string | null = null;
    return (r) => {
      if (!isValid(d, r)) return null;
      const a2 = offs[r]!;
      const b2 = offs[r + 1]!;
      if (a2 !== a || b2 !== b) {
        a = a2;
        b = b2;
        last = Buffer.from(bytes.buffer, bytes.byteOffset + a2, b2 - a2).toString('utf8');
      }
      return last;
    };
  }
  if (DataType.isDictionary(type)) {
    const dict = d.dictionary!;
    const idx = d.values as unknown as ArrayLike<number>;
    return (r) => (isValid(d, r) ? dict.get(idx[r]!) : null);
  }
  if (DataType.isBool(type)) {
    // Bool bits are not sliced: row r is bit `offset + r`
    const bits = d.values as unknown as Uint8Array;
    const o = d.offset;
    return (r) => (isValid(d, r) ? ((bits[(o + r) >> 3]! >> ((o + r) & 7)) & 1) === 1 : null);
  }
  if (DataType.isTimestamp(type)) {
    const v = d.values as unknown as BigInt64Array;
    const toMs = TO_MS[type.unit]!;
    const texts = new Map<number, string>();
    return (r) => {
      if (!isValid(d, r)) return null;
      const ms = Number(v[r]!) * toMs;
      let t = texts.get(ms);
      if (t === undefined) {
        if (texts.size >= 1 << 16) texts.clear();
        t = new Date(ms).toISOString();
        texts.set(ms, t);
      }
      return t;
    };
  }
  if (DataType.isInt(type) && type.bitWidth === 64) {
    const v = d.values as unknown as BigInt64Array;
    return (r) => (isValid(d, r) ? Number(v[r]!) : null);
  }
  if (DataType.isInt(type) || DataType.isFloat(type)) {
    const v = d.values as unknown as ArrayLike<number>;
    return (r) => (isValid(d, r) ? v[r]! : null);
  }
  return () => {
    throw new Error(`GeoJSON properties cannot hold a ${type} column`);
  };
}

/**
 * The JSON writer of a column's cells: UTF-8 copied from the Arrow buffer, float32 as its shortest text (as
 * PostgreSQL prints a `real`), other numbers as JavaScript prints them, timestamps as ISO strings (as
 * `toISOString` writes them), anything else through `JSON.stringify` of what `read` returns.
 */
function cellWriter(d: RawData, read: CellReader): CellWriter {
  const type = d.type;
  if (DataType.isUtf8(type)) {
    const bytes = d.values as unknown as Uint8Array;
    const offs = d.valueOffsets;
    return (out, r) => {
      if (isValid(d, r)) out.utf8String(bytes, offs[r]!, offs[r + 1]!);
      else out.raw(NULL);
    };
  }
  if (DataType.isTimestamp(type)) {
    const v = d.values as unknown as BigInt64Array;
    const toMs = TO_MS[type.unit]!;
    return (out, r) => {
      if (!isValid(d, r)) {
        out.raw(NULL);
        return;
      }
      out.byte(34);
      out.iso(Number(v[r]!) * toMs);
      out.byte(34);
    };
  }
  if (DataType.isBool(type)) {
    const bits = d.values as unknown as Uint8Array;
    const o = d.offset;
    return (out, r) =>
      out.raw(!isValid(d, r) ? NULL : ((bits[(o + r) >> 3]! >> ((o + r) & 7)) & 1) === 1 ? TRUE : FALSE);
  }
  if (DataType.isFloat(type) && type.precision === 1) {
    const v = d.values as unknown as Float32Array;
    return (out, r) => (isValid(d, r) ? out.float32(v[r]!) : out.raw(NULL));
  }
  if (DataType.isFloat(type) || (DataType.isInt(type) && type.bitWidth < 64)) {
    const v = d.values as unknown as ArrayLike<number>;
    return (out, r) => (isValid(d, r) ? out.number(v[r]!) : out.raw(NULL));
  }
  return (out, r) => {
    const x = read(r);
    if (x === null || x === undefined) out.raw(NULL);
    else if (typeof x === 'string') out.string(x);
    else out.text(JSON.stringify(x));
  };
}

/** Writes `[x,y],[x,y],…` of interleaved coordinates `[a, b)` of `v`. */
function writeCoords(out: JsonBytes, v: ArrayLike<number>, a: number, b: number): void {
  for (let i = a; i + 1 < b; i += 2) {
    if (i !== a) out.byte(COMMA);
    out.byte(OPEN);
    out.fixed(v[i]!, GEOJSON_COORDINATE_DECIMALS);
    out.byte(COMMA);
    out.fixed(v[i + 1]!, GEOJSON_COORDINATE_DECIMALS);
    out.byte(CLOSE);
  }
}

function ringArea2(v: ArrayLike<number>, a: number, b: number): number {
  let s = 0;
  for (let i = a; i + 3 < b; i += 2) s += v[i]! * v[i + 3]! - v[i + 2]! * v[i + 1]!;
  return s;
}

/** The geometry writer of a rule: writes the JSON of a row's geometry (or `null`). */
function geometryWriter(table: Table, rule: GeometryRule): CellWriter {
  if (rule === 'line') {
    const d = table.getChild('path')?.data[0] as RawData | undefined;
    if (!d) return (out) => out.raw(NULL);
    const leaf = d.children[0]!;
    const v = leaf.values as ArrayLike<number>;
    return (out, r) => {
      if (!isValid(d, r)) {
        out.raw(NULL);
        return;
      }
      out.raw(LINE_HEAD);
      writeCoords(out, v, d.valueOffsets[r]!, d.valueOffsets[r + 1]!);
      out.raw(CLOSE_2);
    };
  }
  if (rule === 'polygon') {
    const d = table.getChild('rings')?.data[0] as RawData | undefined;
    if (!d) return (out) => out.raw(NULL);
    const rings = d.children[0]! as RawData;
    const leaf = rings.children[0]!;
    const v = leaf.values as ArrayLike<number>;
    return (out, r) => {
      if (!isValid(d, r)) {
        out.raw(NULL);
        return;
      }
      // exteriors are counter-clockwise and start a polygon; clockwise holes follow their exterior
      const from = d.valueOffsets[r]!;
      const to = d.valueOffsets[r + 1]!;
      const ring = (j: number) => [rings.valueOffsets[j]!, rings.valueOffsets[j + 1]!];
      let exteriors = 0;
      for (let j = from; j < to; j++) {
        const [a, b] = ring(j);
        if (j === from || ringArea2(v, a!, b!) > 0) exteriors++;
      }
      const multi = exteriors !== 1;
      out.raw(multi ? MULTIPOLYGON_HEAD : POLYGON_HEAD);
      for (let j = from; j < to; j++) {
        const [a, b] = ring(j);
        const starts = j === from || ringArea2(v, a!, b!) > 0;
        if (j !== from) {
          if (multi && starts) out.byte(CLOSE);
          out.byte(COMMA);
        }
        if (multi && starts) out.byte(OPEN);
        out.byte(OPEN);
        writeCoords(out, v, a!, b!);
        out.byte(CLOSE);
      }
      out.raw(multi && to > from ? CLOSE_3 : CLOSE_2);
    };
  }
  const lon = table.getChild('lon')?.data[0] as RawData | undefined;
  const lat = table.getChild('lat')?.data[0] as RawData | undefined;
  if (!lon || !lat) return (out) => out.raw(NULL);
  const x = lon.values as ArrayLike<number>;
  const y = lat.values as ArrayLike<number>;
  // a fixed sensor's readings repeat its position row after row: the text of the last position is copied
  let lastOut: JsonBytes | null = null;
  let lastX = Number.NaN;
  let lastY = Number.NaN;
  let lastAt = 0;
  let lastLen = 0;
  let lastEpoch = -1;
  return (out, r) => {
    if (!isValid(lon, r) || !isValid(lat, r)) {
      out.raw(NULL);
      return;
    }
    out.raw(POINT_HEAD);
    const xv = x[r]!;
    const yv = y[r]!;
    if (out === lastOut && xv === lastX && yv === lastY && out.epoch === lastEpoch)
      out.repeat(lastAt, lastLen);
    else {
      const at = out.length;
      out.fixed(xv, GEOJSON_COORDINATE_DECIMALS);
      out.byte(COMMA);
      out.fixed(yv, GEOJSON_COORDINATE_DECIMALS);
      lastOut = out;
      lastX = xv;
      lastY = yv;
      lastAt = at;
      lastLen = out.length - at;
      lastEpoch = out.epoch;
    }
    out.raw(CLOSE_2);
  };
}

/**
 * Names a feature from its cells: `cell(column)` reads that column of the row. A function made by `joinedId`
 * also says which columns it joins, so the writer can copy them from the column buffers.
 */
export type FeatureIdOf = ((cell: (column: string) => unknown, row: number) => string | number) & {
  joined?: { columns: string[]; separator: string };
  /** Set by `columnId`: the id column and the offset added to row numbers where it is null. */
  column?: { column: string; rowOffset: number };
};

/**
 * A feature id of column texts joined by `separator` (e.g. `truck-00002@2013-09-12T22:00:00.000Z`); a null cell
 * stands as the row number. The writer copies such ids straight from the column buffers (utf8, timestamps as ISO
 * text, integers) and calls the function only for rows it cannot copy.
 */
export function joinedId(columns: string[], separator: string): FeatureIdOf {
  const id: FeatureIdOf = (cell, row) => columns.map((c) => cell(c) ?? row).join(separator);
  id.joined = { columns, separator };
  return id;
}

/**
 * A feature id read from one column, or the row number plus `rowOffset` where that cell is null (the row's place
 * in the whole result when the response is a page starting at `rowOffset`).
 */
export function columnId(column: string, rowOffset = 0): FeatureIdOf {
  const id: FeatureIdOf = (cell, row) => (cell(column) as string | number | null) ?? row + rowOffset;
  id.column = { column, rowOffset };
  return id;
}

/** A feature-id rule as data (to rebuild it on another thread), or null when it is only a function. */
export type FeatureIdSpec =
  | { kind: 'joined'; columns: string[]; separator: string }
  | { kind: 'column'; column: string; rowOffset: number };

/** The data form of an id rule made by `joinedId` or `columnId`; null for other functions. */
export function featureIdSpec(idOf: FeatureIdOf): FeatureIdSpec | null {
  if (idOf.joined) return { kind: 'joined', ...idOf.joined };
  if (idOf.column) return { kind: 'column', ...idOf.column };
  return null;
}

/** The id rule a `FeatureIdSpec` describes. */
export function featureIdOfSpec(spec: FeatureIdSpec): FeatureIdOf {
  return spec.kind === 'joined'
    ? joinedId(spec.columns, spec.separator)
    : columnId(spec.column, spec.rowOffset);
}

/** Writes one column's cell as text inside a string literal; false (nothing written) when it cannot. */
type InnerWriter = (out: JsonBytes, row: number) => boolean;

/** The inner-text writer of a column for joined ids, or null for types the writer does not copy. */
function innerWriter(d: RawData): InnerWriter | null {
  const type = d.type;
  if (DataType.isUtf8(type)) {
    const bytes = d.values as unknown as Uint8Array;
    const offs = d.valueOffsets;
    return (out, r) => isValid(d, r) && out.utf8Inner(bytes, offs[r]!, offs[r + 1]!);
  }
  if (DataType.isTimestamp(type)) {
    const v = d.values as unknown as BigInt64Array;
    const toMs = TO_MS[type.unit]!;
    return (out, r) => {
      if (!isValid(d, r)) return false;
      out.iso(Number(v[r]!) * toMs);
      return true;
    };
  }
  if (DataType.isInt(type) && type.bitWidth < 64) {
    const v = d.values as unknown as ArrayLike<number>;
    return (out, r) => {
      if (!isValid(d, r)) return false;
      out.number(v[r]!);
      return true;
    };
  }
  return null;
}

/** The id writer for a table: copies joined ids where it can, else writes what `idOf` returns. */
function idWriter(
  table: Table,
  idOf: FeatureIdOf,
  cell: (column: string) => unknown,
  rowBase: number,
): CellWriter {
  const generic: CellWriter = (out, r) => {
    const id = idOf(cell, r + rowBase);
    if (typeof id === 'number') out.number(id);
    else out.string(id);
  };
  const joined = idOf.joined;
  if (!joined || needsJsonEscape(joined.separator)) return generic;
  const parts: InnerWriter[] = [];
  for (const c of joined.columns) {
    const d = table.getChild(c)?.data[0] as RawData | undefined;
    const w = d ? innerWriter(d) : null;
    if (!w) return generic;
    parts.push(w);
  }
  const sep = new TextEncoder().encode(joined.separator);
  return (out, r) => {
    const mark = out.length;
    out.byte(34);
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) out.raw(sep);
      if (!parts[i]!(out, r)) {
        out.rewind(mark);
        generic(out, r);
        return;
      }
    }
    out.byte(34);
  };
}

/**
 * Which rows `geoJsonFeatureChunks` writes: `[start, end)` of the table (all by default), chunks counted from
 * `start`; `rowBase` is added to row numbers handed to the id rule (the table is a slice starting at that row of
 * the result), so a part written elsewhere names its features as the whole would.
 */
export interface FeatureRowRange {
  start?: number;
  end?: number;
  rowBase?: number;
}

/**
 * Writes a one-batch Arrow result as GeoJSON Feature texts in UTF-8, `rowsPerChunk` features per yielded chunk
 * (features joined by commas), reading the column buffers directly into bytes: no row objects, no string per value.
 * Coordinates carry `GEOJSON_COORDINATE_DECIMALS` places, float32 properties their shortest float32 text; the rest
 * parses to exactly what `buildGeoJsonFeatures` builds.
 */
export function* geoJsonFeatureChunks(
  table: Table,
  rule: GeometryRule,
  idOf: FeatureIdOf,
  rowsPerChunk = 2000,
  rows: FeatureRowRange = {},
): Generator<Uint8Array> {
  if (table.batches.length > 1) throw new Error('geoJsonFeatureChunks expects a table of one record batch');
  const fields = table.schema.fields;
  const readers = new Map<string, CellReader>();
  const props: { key: Uint8Array; write: CellWriter }[] = [];
  fields.forEach((f, i) => {
    const d = table.getChildAt(i)?.data[0] as RawData | undefined;
    if (!d) return;
    const read = cellReader(d);
    readers.set(f.name, read);
    if (GEOMETRY_COLUMNS.has(f.name)) return;
    const key = new JsonBytes(64);
    if (props.length > 0) key.byte(COMMA);
    key.string(f.name);
    key.byte(58);
    props.push({ key: key.bytes().slice(), write: cellWriter(d, read) });
  });
  const geometry = geometryWriter(table, rule);
  let row = 0;
  const cell = (column: string) => readers.get(column)?.(row) ?? null;
  // `cell` reads the row being written
  const writeId = idWriter(table, idOf, cell, rows.rowBase ?? 0);
  const last = Math.min(table.numRows, rows.end ?? table.numRows);
  let capacity = 1 << 16;
  for (let start = rows.start ?? 0; start < last; start += rowsPerChunk) {
    const end = Math.min(last, start + rowsPerChunk);
    const out = new JsonBytes(capacity);
    for (row = start; row < end; row++) {
      if (row !== start) out.byte(COMMA);
      out.raw(FEATURE_HEAD);
      writeId(out, row);
      out.raw(GEOMETRY_KEY);
      geometry(out, row);
      out.raw(PROPERTIES_KEY);
      for (let c = 0; c < props.length; c++) {
        out.raw(props[c]!.key);
        props[c]!.write(out, row);
      }
      out.raw(FEATURE_TAIL);
    }
    const bytes = out.bytes();
    capacity = Math.max(capacity, Math.ceil(bytes.length * 1.1));
    yield bytes;
  }
}
