import type { Table } from 'apache-arrow';
import type { ServerContext } from '../context';
import { ApiError, badParameter } from '../errors';
import { buildFeaturesSql } from '../query/features-sql';
import { LIMITS, parseBbox, parseTime } from '../query/request-params';
import { buildSpatialPredicate } from '../query/spatial-sql';
import { quoteIdent, SqlParams } from '../query/sql-params';
import type { OgcCollectionRef } from './ogc-collections';

/** Parsed items parameters of the OGC API. */
export interface OgcItemsQuery {
  bbox: [number, number, number, number] | null;
  /** Closed interval in epoch µs; either end may be open (null). */
  datetime: { fromUs: bigint | null; toUs: bigint | null } | null;
  limit: number;
  offset: number;
}

/** Parses an OGC `datetime` (instant, `t0/t1`, `../t1`, `t0/..`). */
export function parseOgcDatetime(text: string): OgcItemsQuery['datetime'] {
  const parts = text.split('/');
  if (parts.length === 1) {
    const t = parseTime(text, 'datetime');
    return { fromUs: t, toUs: t };
  }
  if (parts.length !== 2) throw badParameter('datetime', 'datetime is an instant or an interval t0/t1');
  const end = (s: string) => (s === '..' || s === '' ? null : parseTime(s, 'datetime'));
  const fromUs = end(parts[0]!);
  const toUs = end(parts[1]!);
  if (fromUs !== null && toUs !== null && toUs < fromUs)
    throw badParameter('datetime', 'datetime interval is reversed');
  return { fromUs, toUs };
}

/** Parses the OGC items query string (bbox with 4 or 6 numbers, CRS84 only). */
export function parseOgcItemsQuery(
  q: Record<string, string | undefined>,
  defaultLimit: number,
  maxLimit: number,
): OgcItemsQuery {
  let bbox: OgcItemsQuery['bbox'] = null;
  if (q['bbox-crs'] !== undefined && !/CRS84$/.test(q['bbox-crs']))
    throw badParameter('bbox-crs', 'only CRS84 is supported');
  if (q.bbox !== undefined) {
    const parts = q.bbox.split(',');
    if (parts.length === 6) bbox = parseBbox([parts[0], parts[1], parts[3], parts[4]].join(','));
    else bbox = parseBbox(q.bbox);
  }
  const int = (name: 'limit' | 'offset', v: string | undefined, dflt: number, min: number, max: number) => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min)
      throw badParameter(name, `${name} must be an integer ≥ ${min}`);
    return Math.min(n, max);
  };
  return {
    bbox,
    datetime: q.datetime === undefined ? null : parseOgcDatetime(q.datetime),
    limit: int('limit', q.limit, defaultLimit, 1, maxLimit),
    offset: int('offset', q.offset, 0, 0, LIMITS.maxOffset),
  };
}

/** Runs an items query on a collection, fetching `limit + 1` rows to know whether a next page exists. */
export async function queryOgcItems(
  ctx: ServerContext,
  ref: OgcCollectionRef,
  q: OgcItemsQuery,
): Promise<Table> {
  const db = ctx.db;
  if (!db) throw new ApiError('not_ready', 'no data has been built');
  const { layer } = ref;
  if (!ref.readings) {
    const { sql, params } = buildFeaturesSql(
      layer,
      {
        spatial: q.bbox ? { kind: 'bbox', bbox: q.bbox } : null,
        filters: [],
        columns: null,
        orderBy: null,
        limit: q.limit,
        offset: q.offset,
        format: 'geojson',
        encoding: 'plain',
      },
      q.bbox ? { kind: 'bbox', bbox: q.bbox } : null,
    );
    return db.queryArrow(sql, {
      params: params.values,
      types: params.types,
      release: () => params.release(),
      timeoutMs: ctx.queryTimeoutMs,
    });
  }
  const t = layer.temporal!;
  const p = new SqlParams();
  const where: string[] = [];
  if (q.bbox) where.push(buildSpatialPredicate(p, { kind: 'bbox', bbox: q.bbox }, 'point'));
  const time = quoteIdent(t.time);
  if (q.datetime?.fromUs != null) where.push(`${time} >= ${p.timestamp(q.datetime.fromUs)}`);
  if (q.datetime?.toUs != null) where.push(`${time} <= ${p.timestamp(q.datetime.toUs)}`);
  const sql = `SELECT * FROM ${quoteIdent(t.table)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${quoteIdent(t.key)}, ${time} LIMIT ${q.limit + 1} OFFSET ${q.offset}`;
  return db.queryArrow(sql, {
    params: p.values,
    types: p.types,
    release: () => p.release(),
    timeoutMs: ctx.queryTimeoutMs,
  });
}

/** Fetches one item by id: a feature id, or `key@ISO-time` for readings. */
export async function queryOgcItem(
  ctx: ServerContext,
  ref: OgcCollectionRef,
  featureId: string,
): Promise<Table> {
  const db = ctx.db;
  if (!db) throw new ApiError('not_ready', 'no data has been built');
  const p = new SqlParams();
  const { layer } = ref;
  let sql: string;
  if (!ref.readings) {
    sql = `SELECT * FROM ${quoteIdent(layer.table)} WHERE ${quoteIdent(layer.idColumn)} = ${p.text(featureId)} LIMIT 1`;
  } else {
    const at = featureId.lastIndexOf('@');
    if (at < 1)
      throw new ApiError('not_found', `no item "${featureId}" (readings ids are key@time)`, 'featureId');
    let ts: bigint;
    try {
      ts = parseTime(featureId.slice(at + 1), 'featureId');
    } catch {
      throw new ApiError('not_found', `no item "${featureId}"`, 'featureId');
    }
    const t = layer.temporal!;
    sql = `SELECT * FROM ${quoteIdent(t.table)} WHERE ${quoteIdent(t.key)} = ${p.text(featureId.slice(0, at))} AND ${quoteIdent(t.time)} = ${p.timestamp(ts)} LIMIT 1`;
  }
  return db.queryArrow(sql, {
    params: p.values,
    types: p.types,
    release: () => p.release(),
    timeoutMs: ctx.queryTimeoutMs,
  });
}
