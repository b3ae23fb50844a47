import { z } from 'zod';
import {
  ARROW_ENCODINGS,
  type ArrowEncoding,
  FILTER_OPS,
  FILTER_PATTERN,
  type FilterOp,
  IN_SEPARATOR,
} from '../../layers';
import { badParameter } from '../errors';

/** Raw query-string values: every parameter may repeat. */
export type RawQuery = Record<string, string[]>;

/** Hard limits of the API (documented in API.md). */
export const LIMITS = {
  defaultLimit: 10_000,
  maxLimit: 100_000,
  maxOffset: 10_000_000,
  maxRadiusMetres: 50_000,
  maxPolygonVertices: 20_000,
  maxPolygonAreaKm2: 10_000,
  maxFilters: 16,
  maxInValues: 200,
  maxKeys: 1_000,
  maxGridMetres: 10_000,
  minGridMetres: 10,
  maxBuckets: 20_000,
  maxMaxAgeSeconds: 7 * 86_400,
} as const;

/** A parsed `filter=col:op:value` (value still text; typed against the column later). */
export interface AttributeFilter {
  column: string;
  op: FilterOp;
  values: string[];
}

/** The spatial selector of a request: at most one. */
export type SpatialSelector =
  | { kind: 'bbox'; bbox: [number, number, number, number] }
  | { kind: 'radius'; lon: number; lat: number; metres: number }
  | { kind: 'district'; district: string }
  | { kind: 'polygon'; polygons: number[][][][] };

/** Parameters shared by features and readings. */
export interface CommonParams {
  spatial: SpatialSelector | null;
  filters: AttributeFilter[];
  columns: string[] | null;
  orderBy: { column: string; desc: boolean } | null;
  limit: number;
  offset: number;
  format: 'arrow' | 'geojson';
  /** Arrow encoding: `plain` (the table's types) or `compact` (see `layers/wire.ts`). */
  encoding: ArrowEncoding;
}

/** Bucket widths the API accepts, in seconds. */
export const BUCKETS = { '5m': 300, '15m': 900, '1h': 3600, '1d': 86_400 } as const;

/** The temporal selector of a readings request. */
export type TemporalSelector =
  | { kind: 'instant'; atUs: bigint; maxAgeSeconds: number }
  | { kind: 'range'; fromUs: bigint; toUs: bigint }
  | { kind: 'bucket'; fromUs: bigint; toUs: bigint; bucket: keyof typeof BUCKETS; gridMetres: number | null };

/** Readings parameters: the common ones plus time and keys. */
export interface ReadingsParams extends CommonParams {
  temporal: TemporalSelector;
  keys: string[];
}

// zod 4's number() itself refuses NaN and ±Infinity ("expected number, received Infinity")
const finite = z.coerce.number();

function one(raw: RawQuery, name: string): string | undefined {
  const v = raw[name];
  if (!v || v.length === 0) return undefined;
  if (v.length > 1) throw badParameter(name, `"${name}" may be given once`);
  return v[0];
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw badParameter(name, `${name}: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return r.data;
}

function numbersOf(text: string, n: number, name: string): number[] {
  const parts = text.split(',');
  if (parts.length !== n) throw badParameter(name, `${name} needs ${n} comma-separated numbers`);
  return parts.map((p) => {
    if (p.trim() === '') throw badParameter(name, `${name} has an empty number`);
    return parseWith(finite, p, name);
  });
}

/** Parses `xmin,ymin,xmax,ymax` (WGS84); zero width or height is allowed, reversed corners are not. */
export function parseBbox(text: string, name = 'bbox'): [number, number, number, number] {
  const [x0, y0, x1, y1] = numbersOf(text, 4, name) as [number, number, number, number];
  if (x0 < -180 || x1 > 180 || y0 < -90 || y1 > 90)
    throw badParameter(name, `${name} is outside WGS84 bounds`);
  if (x0 > x1 || y0 > y1)
    throw badParameter(name, `${name} corners are reversed (need xmin≤xmax, ymin≤ymax)`);
  return [x0, y0, x1, y1];
}

/**
 * An ISO 8601 time as the API takes it: a date, optionally a clock (minutes, optionally seconds and up to 6
 * fraction digits) and a zone (`Z` or `±hh:mm` / `±hhmm`); a time without a zone is UTC. Groups: year, month, day,
 * hour, minute, second, fraction, zone sign, zone hours, zone minutes.
 */
const TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(?:Z|([+-])(\d{2}):?(\d{2}))?)?$/;

/**
 * Parses an ISO 8601 date-time (UTC `Z` or an offset; no zone, or a date alone, means UTC) to epoch microseconds.
 * Computed from its fields, so the server's own time zone never enters; times that do not exist on the calendar
 * or the clock (2013-02-30, 2013-13-01, 24:00, +25:00) are refused with the field that is wrong.
 */
export function parseTime(text: string, name: string): bigint {
  const m = TIME_PATTERN.exec(text);
  if (!m) throw badParameter(name, `${name} must be an ISO 8601 time such as 2024-07-01T08:00:00Z`);
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  const zh = Number(m[9] ?? 0);
  const zm = Number(m[10] ?? 0);
  // day 0 of the next month is the last day of this one (setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99
  // as 1900–1999)
  const last = new Date(0);
  last.setUTCFullYear(y!, mo!, 0);
  const daysInMonth = last.getUTCDate();
  const bad =
    mo! < 1 || mo! > 12
      ? `month ${mo}`
      : d! < 1 || d! > daysInMonth
        ? `day ${d} (month ${mo} of ${y} has ${daysInMonth} days)`
        : h! > 23
          ? `hour ${h}`
          : mi! > 59
            ? `minute ${mi}`
            : s! > 59
              ? `second ${s}`
              : zh > 14 || zm > 59
                ? 'zone offset'
                : null;
  if (bad) throw badParameter(name, `${name} "${text}" is not a real time: ${bad} does not exist`);
  const day = new Date(0);
  day.setUTCFullYear(y!, mo! - 1, d!);
  const offsetMinutes = (m[8] === '-' ? -1 : 1) * (zh * 60 + zm);
  const ms = day.getTime() + ((h! * 60 + mi! - offsetMinutes) * 60 + s!) * 1000;
  return BigInt(ms) * 1000n + BigInt((m[7] ?? '').padEnd(6, '0'));
}

/** Parses a duration such as `90s`, `15m`, `1h`, `2d` (or plain seconds) into seconds. */
export function parseDuration(text: string, name: string): number {
  const m = /^(\d{1,7})([smhd]?)$/.exec(text);
  if (!m) throw badParameter(name, `${name} must be a duration like 30m, 1h or 3600`);
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * mult;
}

function parseFilters(raw: RawQuery): AttributeFilter[] {
  const list = raw.filter ?? [];
  if (list.length > LIMITS.maxFilters) throw badParameter('filter', `at most ${LIMITS.maxFilters} filters`);
  return list.map((f) => {
    const m = FILTER_PATTERN.exec(f);
    if (!m)
      throw badParameter(
        'filter',
        `filter "${f}" must look like column:op:value (ops ${FILTER_OPS.join(' ')})`,
      );
    const values = m[2] === 'in' ? m[3]!.split(IN_SEPARATOR) : [m[3]!];
    if (values.length > LIMITS.maxInValues)
      throw badParameter('filter', `at most ${LIMITS.maxInValues} values in an "in" filter`);
    return { column: m[1]!, op: m[2] as FilterOp, values };
  });
}

const intParam = (min: number, max: number) => z.coerce.number().int('must be an integer').min(min).max(max);

/** Parses the spatial, attribute, column, order, paging and format parameters; `polygon` comes from a POST body. */
export function parseCommonParams(raw: RawQuery, polygon: number[][][][] | null): CommonParams {
  const selectors: SpatialSelector[] = [];
  const bbox = one(raw, 'bbox');
  if (bbox !== undefined) selectors.push({ kind: 'bbox', bbox: parseBbox(bbox) });
  const radius = one(raw, 'radius');
  if (radius !== undefined) {
    const [lon, lat, metres] = numbersOf(radius, 3, 'radius') as [number, number, number];
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
      throw badParameter('radius', 'radius centre is outside WGS84');
    if (!(metres > 0) || metres > LIMITS.maxRadiusMetres)
      throw badParameter('radius', `radius must be in (0, ${LIMITS.maxRadiusMetres}] metres`);
    selectors.push({ kind: 'radius', lon, lat, metres });
  }
  const district = one(raw, 'district');
  if (district !== undefined) {
    if (district.length === 0 || district.length > 64)
      throw badParameter('district', 'district must be a name or code');
    selectors.push({ kind: 'district', district });
  }
  if (polygon) selectors.push({ kind: 'polygon', polygons: polygon });
  if (selectors.length > 1)
    throw badParameter(selectors[1]!.kind, 'give at most one of bbox, radius, district, polygon');

  const columnsText = one(raw, 'columns');
  const columns = columnsText === undefined ? null : columnsText.split(',').filter((c) => c.length > 0);
  const orderText = one(raw, 'orderBy');
  let orderBy: CommonParams['orderBy'] = null;
  if (orderText !== undefined) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(:(asc|desc))?$/.exec(orderText);
    if (!m) throw badParameter('orderBy', 'orderBy must be column or column:desc');
    orderBy = { column: m[1]!, desc: m[3] === 'desc' };
  }
  const limitText = one(raw, 'limit');
  const limit =
    limitText === undefined
      ? LIMITS.defaultLimit
      : parseWith(intParam(1, LIMITS.maxLimit), limitText, 'limit');
  const offsetText = one(raw, 'offset');
  const offset =
    offsetText === undefined ? 0 : parseWith(intParam(0, LIMITS.maxOffset), offsetText, 'offset');
  const format = parseWith(z.enum(['arrow', 'geojson']).default('arrow'), one(raw, 'format'), 'format');
  const encoding = parseWith(z.enum(ARROW_ENCODINGS).default('plain'), one(raw, 'encoding'), 'encoding');
  if (encoding !== 'plain' && format !== 'arrow')
    throw badParameter('encoding', 'encoding applies to format=arrow only');
  return {
    spatial: selectors[0] ?? null,
    filters: parseFilters(raw),
    columns,
    orderBy,
    limit,
    offset,
    format,
    encoding,
  };
}

/** Parses readings parameters: exactly one of `at` or `from`+`to` (optionally `bucket`, `grid`), plus `key`. */
export function parseReadingsParams(raw: RawQuery, polygon: number[][][][] | null): ReadingsParams {
  const common = parseCommonParams(raw, polygon);
  const at = one(raw, 'at');
  const from = one(raw, 'from');
  const to = one(raw, 'to');
  const bucket = one(raw, 'bucket');
  const grid = one(raw, 'grid');
  const maxAge = one(raw, 'maxAge');
  let temporal: TemporalSelector;
  if (at !== undefined) {
    if (from !== undefined || to !== undefined) throw badParameter('at', 'give either at, or from and to');
    if (bucket !== undefined) throw badParameter('bucket', 'bucket needs from and to, not at');
    const maxAgeSeconds = maxAge === undefined ? 3600 : parseDuration(maxAge, 'maxAge');
    if (maxAgeSeconds <= 0 || maxAgeSeconds > LIMITS.maxMaxAgeSeconds)
      throw badParameter('maxAge', `maxAge must be within (0, ${LIMITS.maxMaxAgeSeconds} s]`);
    temporal = { kind: 'instant', atUs: parseTime(at, 'at'), maxAgeSeconds };
  } else {
    if (from === undefined || to === undefined)
      throw badParameter(from === undefined ? 'from' : 'to', 'readings need at=T, or from=T0&to=T1');
    const fromUs = parseTime(from, 'from');
    const toUs = parseTime(to, 'to');
    if (toUs <= fromUs) throw badParameter('to', 'to must be after from (the range is [from, to))');
    if (bucket !== undefined) {
      const b = parseWith(z.enum(Object.keys(BUCKETS) as [keyof typeof BUCKETS]), bucket, 'bucket');
      if ((toUs - fromUs) / BigInt(BUCKETS[b] * 1e6) > BigInt(LIMITS.maxBuckets))
        throw badParameter('bucket', `more than ${LIMITS.maxBuckets} buckets; use a wider bucket`);
      const gridMetres =
        grid === undefined
          ? null
          : parseWith(intParam(LIMITS.minGridMetres, LIMITS.maxGridMetres), grid, 'grid');
      temporal = { kind: 'bucket', fromUs, toUs, bucket: b, gridMetres };
    } else {
      if (grid !== undefined) throw badParameter('grid', 'grid needs bucket');
      temporal = { kind: 'range', fromUs, toUs };
    }
  }
  const keys = raw.key ?? [];
  if (keys.length > LIMITS.maxKeys) throw badParameter('key', `at most ${LIMITS.maxKeys} keys`);
  return { ...common, temporal, keys };
}
