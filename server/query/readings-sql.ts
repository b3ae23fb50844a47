import { type LayerDefinition, measureColumn, measureColumns, type TemporalSpec } from '../../layers';
import { ApiError, badParameter } from '../errors';
import { buildFilterPredicate, checkFilterable, selectColumns } from './attribute-filters';
import { type DistrictCodeFilter, readingsDistrictPredicate } from './district-codes';
import { type BoundSql, buildOrderBy, sortableColumns } from './features-sql';
import { canUseSnapshots, latestFromSnapshotsSql } from './instant-snapshots-sql';
import { partsRelation, type ReadingsPart } from './readings-parts';
import { BUCKETS, type ReadingsParams } from './request-params';
import { buildSpatialPredicate, EARTH_RADIUS_M, type ResolvedSpatial } from './spatial-sql';
import { quoteIdent, SqlParams } from './sql-params';

/** Latitude whose parallel scales the `grid=` cells (metres east-west); Shanghai's centre. */
export const GRID_REFERENCE_LAT = 31.2;

/** Longest raw `[from, to)` span for a layer: 720 readings per feature at its cadence, at most 48 h. */
export function maxRawSpanSeconds(t: TemporalSpec): number {
  return Math.min(t.cadenceSeconds * 720, 48 * 3600);
}

/** The always-present readings columns: time, key, position and spatial key. */
function baseReadingColumns(t: TemporalSpec): string[] {
  return [t.time, t.key, 'lon', 'lat', 'hkey'];
}

/** Time window (instant `(at − maxAge, at]` or range `[from, to)`) and `key=` predicates of a readings query. */
export function timePredicates(t: TemporalSpec, q: ReadingsParams, p: SqlParams): string[] {
  const where: string[] = [];
  const time = quoteIdent(t.time);
  if (q.temporal.kind === 'instant') {
    const lo = q.temporal.atUs - BigInt(q.temporal.maxAgeSeconds) * 1_000_000n;
    where.push(`${time} <= ${p.timestamp(q.temporal.atUs)} AND ${time} > ${p.timestamp(lo)}`);
  } else {
    where.push(`${time} >= ${p.timestamp(q.temporal.fromUs)} AND ${time} < ${p.timestamp(q.temporal.toUs)}`);
  }
  if (q.keys.length > 0) where.push(`list_contains(${p.textList(q.keys)}, ${quoteIdent(t.key)})`);
  return where;
}

/** Spatial and attribute-filter predicates of a readings query (feature columns select keys via the feature table). */
export function spaceAndFilterPredicates(
  layer: LayerDefinition,
  t: TemporalSpec,
  q: ReadingsParams,
  p: SqlParams,
  spatial: ReadingsSpatial | null,
): string[] {
  const where: string[] = [];
  if (spatial) where.push(readingsSpatialPredicate(p, layer, spatial));
  const featureFilters = q.filters.filter((f) => !Object.hasOwn(t.columns, f.column));
  for (const f of q.filters)
    if (Object.hasOwn(t.columns, f.column)) where.push(buildFilterPredicate(p, f, t.columns));
  if (featureFilters.length > 0) {
    const preds = featureFilters.map((f) => buildFilterPredicate(p, f, layer.columns));
    where.push(
      `${quoteIdent(t.key)} IN (SELECT ${quoteIdent(layer.idColumn)} FROM ${quoteIdent(layer.table)} WHERE ${preds.join(' AND ')})`,
    );
  }
  return where;
}

/** A readings query's spatial selector: geometry, or a district answered by stored feature codes. */
export type ReadingsSpatial = ResolvedSpatial | DistrictCodeFilter;

function readingsSpatialPredicate(p: SqlParams, layer: LayerDefinition, s: ReadingsSpatial): string {
  return s.kind === 'district-code'
    ? readingsDistrictPredicate(p, layer, s)
    : buildSpatialPredicate(p, s, 'point', { hkey: true });
}

/** The `<agg>_<measure>` aggregate expressions of a layer's measures (bucket and summary queries). */
export function aggregates(t: TemporalSpec): string[] {
  return Object.entries(t.measures).map(([col, agg]) => {
    const c = quoteIdent(col);
    const isBool = t.columns[col]?.type === 'bool';
    switch (agg) {
      case 'avg':
        return `avg(CAST(${c} AS DOUBLE)) AS ${quoteIdent(measureColumn(agg, col))}`;
      case 'sum':
        return `sum(CAST(${c} AS DOUBLE)) AS ${quoteIdent(measureColumn(agg, col))}`;
      case 'last':
        return `arg_max(${c}, ${quoteIdent(t.time)}) AS ${quoteIdent(measureColumn(agg, col))}`;
      default:
        return `${agg}(${isBool ? `CAST(${c} AS DOUBLE)` : c}) AS ${quoteIdent(measureColumn(agg, col))}`;
    }
  });
}

/** The output column names of a bucket query (documented in API.md). */
export function bucketColumnNames(t: TemporalSpec, grid: boolean): string[] {
  const aggs = measureColumns(t);
  return grid
    ? ['bucket_start', 'cell_x', 'cell_y', 'lon', 'lat', ...aggs, 'n']
    : ['bucket_start', t.key, 'lon', 'lat', ...aggs, 'n'];
}

/**
 * Builds the query of a layer's readings: instant (latest per key at or before `at`, within `maxAge`, then the
 * spatial and attribute filters on that latest reading), raw range `[from, to)`, or time buckets per feature or
 * per grid cell. Fetches `limit + 1` rows to detect truncation. With `parts` (the hourly Parquet files of a readings
 * view), reads only the files that overlap the time window instead of the view (same rows: the time predicates
 * stay), so DuckDB skips the other hours' footers and row groups.
 */
export function buildReadingsSql(
  layer: LayerDefinition,
  q: ReadingsParams,
  spatial: ReadingsSpatial | null,
  parts?: readonly ReadingsPart[],
  /** True when the database holds the layer's latest-state snapshot table (`TemporalSpec.snapshots`). */
  snapshots = false,
): BoundSql {
  const t = layer.temporal;
  if (!t) throw new ApiError('not_found', `layer ${layer.id} has no readings`);
  checkFilterable(layer, q.filters);
  const p = new SqlParams();
  const table = partsRelation(parts, q.temporal) ?? quoteIdent(t.table);
  const key = quoteIdent(t.key);
  const page = `LIMIT ${q.limit + 1} OFFSET ${q.offset}`;
  if (q.temporal.kind === 'range') {
    const spanS = Number(q.temporal.toUs - q.temporal.fromUs) / 1e6;
    if (spanS > maxRawSpanSeconds(t))
      throw badParameter(
        'to',
        `raw readings span at most ${maxRawSpanSeconds(t) / 3600} h for ${layer.id}; add bucket=5m|15m|1h|1d for longer ranges`,
      );
  }
  if (q.temporal.kind !== 'bucket') {
    const output = selectColumns(t.columns, q.columns, baseReadingColumns(t));
    const cols = output.map(quoteIdent).join(', ');
    if (q.temporal.kind === 'range') {
      const where = [...timePredicates(t, q, p), ...spaceAndFilterPredicates(layer, t, q, p, spatial)];
      const order = buildOrderBy(q.orderBy, sortableColumns(t.columns), [t.key, t.time]);
      return {
        sql: `SELECT ${cols} FROM ${table} WHERE ${where.join(' AND ')} ORDER BY ${order} ${page}`,
        params: p,
      };
    }
    let latest: string;
    if (snapshots && canUseSnapshots(layer, q.temporal)) {
      latest = latestFromSnapshotsSql(layer, q.temporal, p, {
        parts,
        candidates: spatial ? (pp) => readingsSpatialPredicate(pp, layer, spatial) : null,
        keyFilter: q.keys.length > 0 ? `list_contains(${p.textList(q.keys)}, ${key})` : null,
      });
    } else {
      const inner = timePredicates(t, q, p);
      // Only features with some reading in the area during the window can have their latest reading there: a
      // necessary condition that lets the zone maps prune before the per-key ranking.
      if (spatial)
        inner.push(
          `${key} IN (SELECT ${key} FROM ${table} WHERE ${[...timePredicates(t, q, p), readingsSpatialPredicate(p, layer, spatial)].join(' AND ')})`,
        );
      latest = `SELECT * FROM ${table} WHERE ${inner.join(' AND ')} QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY ${quoteIdent(t.time)} DESC) = 1`;
    }
    const outer = spaceAndFilterPredicates(layer, t, q, p, spatial);
    const order = buildOrderBy(q.orderBy, sortableColumns(t.columns), [t.key]);
    const sql = `WITH latest AS (${latest}) SELECT ${cols} FROM latest${
      outer.length ? ` WHERE ${outer.join(' AND ')}` : ''
    } ORDER BY ${order} ${page}`;
    return { sql, params: p };
  }
  const where = [...timePredicates(t, q, p), ...spaceAndFilterPredicates(layer, t, q, p, spatial)];
  const width = BUCKETS[q.temporal.bucket];
  const bucket = `time_bucket(INTERVAL '${width} seconds', ${quoteIdent(t.time)})`;
  const aggs = aggregates(t);
  const names = bucketColumnNames(t, q.temporal.gridMetres !== null);
  if (q.columns) throw badParameter('columns', 'columns is not supported with bucket');
  if (q.temporal.gridMetres === null) {
    const order = buildOrderBy(q.orderBy, names, [t.key, 'bucket_start']);
    const sql = `SELECT ${bucket} AS bucket_start, ${key}, arg_max("lon", ${quoteIdent(t.time)}) AS lon, arg_max("lat", ${quoteIdent(t.time)}) AS lat${aggs.map((a) => `, ${a}`).join('')}, CAST(count(*) AS INTEGER) AS n FROM ${table} WHERE ${where.join(' AND ')} GROUP BY 1, 2 ORDER BY ${order} ${page}`;
    return { sql, params: p };
  }
  const g = q.temporal.gridMetres;
  const degLat = (g / EARTH_RADIUS_M) * (180 / Math.PI);
  const degLon = degLat / Math.cos((GRID_REFERENCE_LAT * Math.PI) / 180);
  const gx = p.double(degLon);
  const gy = p.double(degLat);
  const order = buildOrderBy(q.orderBy, names, ['bucket_start', 'cell_y', 'cell_x']);
  const aggNames = names.slice(5, -1).map(quoteIdent);
  const sql = `SELECT bucket_start, cell_x, cell_y, (cell_x + 0.5) * ${gx} AS lon, (cell_y + 0.5) * ${gy} AS lat${aggNames.map((a) => `, ${a}`).join('')}, n FROM (SELECT ${bucket} AS bucket_start, CAST(floor("lon" / ${gx}) AS INTEGER) AS cell_x, CAST(floor("lat" / ${gy}) AS INTEGER) AS cell_y${aggs.map((a) => `, ${a}`).join('')}, CAST(count(*) AS INTEGER) AS n FROM ${table} WHERE ${where.join(' AND ')} GROUP BY 1, 2, 3) ORDER BY ${order} ${page}`;
  return { sql, params: p };
}
