import { ALERT_LEVELS } from '../../layers/alerts';
import { DISTRICT_CODE } from '../../layers/geometry-columns';
import type { LayerDefinition } from '../../layers/types';
import { ApiError, badParameter } from '../errors';
import { alertLevelSql } from './alert-sql';
import { checkFilterable } from './attribute-filters';
import type { BoundSql } from './features-sql';
import { partsRelation, type ReadingsPart } from './readings-parts';
import {
  aggregates,
  buildReadingsSql,
  type ReadingsSpatial,
  spaceAndFilterPredicates,
  timePredicates,
} from './readings-sql';
import { BUCKETS, type RawQuery, type ReadingsParams } from './request-params';
import { quoteIdent, SqlParams } from './sql-params';

/** Reads `summary=` (only `district` so far); null when absent, 400 naming the parameter otherwise. */
export function parseSummary(raw: RawQuery): 'district' | null {
  const v = raw.summary;
  if (v === undefined || v.length === 0) return null;
  if (v.length > 1 || v[0] !== 'district') throw badParameter('summary', 'summary must be "district"');
  return 'district';
}

/** Output columns of a district summary (documented in API.md). */
export function districtSummaryColumns(layer: LayerDefinition, bucket: boolean): string[] {
  const t = layer.temporal!;
  return [
    ...(bucket ? ['bucket_start'] : []),
    DISTRICT_CODE,
    'features',
    'n',
    ...Object.entries(t.measures).map(([c, a]) => `${a}_${c}`),
    ...ALERT_LEVELS.map((l) => `alert_${l}`),
  ];
}

/**
 * Per-district summary of a readings layer whose features carry `district_code` (fixed features): one row per
 * district (and per time bucket with `bucket=`) with the number of features and readings, the layer's measure
 * aggregates and the number of readings at each alert level (the layer's rules in SQL, as `evaluateAlert`
 * decides). `at=` summarises each feature's latest reading (the instant's rows, filters applied); `from/to` every
 * reading in the window. Rows ordered by (bucket,) district code; never cut silently (limit + 1 detects it).
 */
export function buildDistrictSummarySql(
  layer: LayerDefinition,
  q: ReadingsParams,
  spatial: ReadingsSpatial | null,
  parts: readonly ReadingsPart[] | undefined,
  snapshots: boolean,
  /** Whether this dataset's manifest vouches for the layer's `district_code` (see `loadDistrictCodedTables`). */
  coded: boolean,
): BoundSql {
  const t = layer.temporal!;
  if (!(DISTRICT_CODE in layer.columns) || !t.fixedPosition)
    throw badParameter(
      'summary',
      `summary=district needs fixed features with stored district codes; ${layer.id} has none (use bucket&grid= instead)`,
    );
  if (!coded)
    throw new ApiError(
      'not_ready',
      `this dataset has no district codes for ${layer.id}: rebuild it (npm run data -- --scale <scale> --force)`,
      'summary',
    );
  if (q.columns) throw badParameter('columns', 'columns is not supported with summary');
  checkFilterable(layer, q.filters);
  let source: string;
  let p: SqlParams;
  if (q.temporal.kind === 'instant') {
    const inner = buildReadingsSql(
      layer,
      { ...q, columns: null, orderBy: null, limit: Number.MAX_SAFE_INTEGER - 1, offset: 0 },
      spatial,
      parts,
      snapshots,
    );
    p = inner.params;
    source = `(${inner.sql})`;
  } else {
    p = new SqlParams();
    const table = partsRelation(parts, q.temporal) ?? quoteIdent(t.table);
    const where = [...timePredicates(t, q, p), ...spaceAndFilterPredicates(layer, t, q, p, spatial)];
    source = `(SELECT * FROM ${table} WHERE ${where.join(' AND ')})`;
  }
  const level = alertLevelSql(
    layer.alerts,
    (c) =>
      c in t.columns
        ? { ref: `r.${quoteIdent(c)}`, columns: t.columns }
        : { ref: `f.${quoteIdent(c)}`, columns: layer.columns },
    p,
  );
  if (q.temporal.kind === 'bucket' && q.temporal.gridMetres !== null)
    throw badParameter('grid', 'grid is not supported with summary');
  const bucket =
    q.temporal.kind === 'bucket'
      ? `time_bucket(INTERVAL '${BUCKETS[q.temporal.bucket]} seconds', ${quoteIdent(t.time)}) AS bucket_start, `
      : '';
  const code = quoteIdent(DISTRICT_CODE);
  const counts = ALERT_LEVELS.map(
    (l) => `CAST(count(*) FILTER (WHERE alert_level_ = '${l}') AS INTEGER) AS ${quoteIdent(`alert_${l}`)}`,
  );
  const rows = `SELECT r.*, ${level} AS alert_level_, f.${code} AS ${code} FROM ${source} r JOIN ${quoteIdent(layer.table)} f ON f.${quoteIdent(layer.idColumn)} = r.${quoteIdent(t.key)}`;
  const groups = bucket ? '1, 2' : '1';
  const sql = `SELECT ${bucket}${code}, CAST(count(DISTINCT ${quoteIdent(t.key)}) AS INTEGER) AS features, CAST(count(*) AS INTEGER) AS n, ${[...aggregates(t), ...counts].join(', ')} FROM (${rows}) GROUP BY ${groups} ORDER BY ${groups} LIMIT ${q.limit + 1} OFFSET ${q.offset}`;
  return { sql, params: p };
}
