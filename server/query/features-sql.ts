import type { ColumnMap, LayerDefinition } from '../../layers';
import { badParameter } from '../errors';
import {
  buildFilterPredicate,
  checkFilterable,
  requiredFeatureColumns,
  selectColumns,
} from './attribute-filters';
import { type DistrictCodeFilter, featureDistrictPredicate } from './district-codes';
import type { CommonParams } from './request-params';
import { buildSpatialPredicate, type ResolvedSpatial } from './spatial-sql';
import { quoteIdent, SqlParams } from './sql-params';

/** SQL text plus its bound parameters. */
export interface BoundSql {
  sql: string;
  params: SqlParams;
}

/** Columns a result may be ordered by: every non-list column of a table. */
export function sortableColumns(columns: ColumnMap): string[] {
  return Object.entries(columns)
    .filter(([, s]) => !s.type.startsWith('list'))
    .map(([n]) => n);
}

/** Builds the `ORDER BY` items for a requested order (validated against the output columns) and a tiebreak. */
export function buildOrderBy(
  orderBy: CommonParams['orderBy'],
  allowed: string[],
  tiebreak: string[],
): string {
  const items: string[] = [];
  if (orderBy) {
    if (!allowed.includes(orderBy.column))
      throw badParameter('orderBy', `cannot order by "${orderBy.column}" (columns: ${allowed.join(', ')})`);
    items.push(`${quoteIdent(orderBy.column)} ${orderBy.desc ? 'DESC' : 'ASC'} NULLS LAST`);
  }
  for (const t of tiebreak) if (t !== orderBy?.column) items.push(quoteIdent(t));
  return items.join(', ');
}

/**
 * Builds the query of a layer's feature table: spatial predicate (bbox intersection for lines and polygons,
 * representative point otherwise), attribute filters, order (default: id), and `limit + 1` rows to detect truncation.
 */
export function buildFeaturesSql(
  layer: LayerDefinition,
  q: CommonParams,
  spatial: ResolvedSpatial | DistrictCodeFilter | null,
): BoundSql {
  checkFilterable(layer, q.filters);
  const p = new SqlParams();
  const where: string[] = [];
  if (spatial?.kind === 'district-code') where.push(featureDistrictPredicate(p, spatial));
  else if (spatial)
    where.push(
      buildSpatialPredicate(
        p,
        spatial,
        layer.geometry === 'line' || layer.geometry === 'polygon' ? 'extent' : 'point',
      ),
    );
  for (const f of q.filters) {
    if (!Object.hasOwn(layer.columns, f.column))
      throw badParameter(
        'filter',
        `"${f.column}" is a readings column of ${layer.id}: filter it on /readings`,
      );
    where.push(buildFilterPredicate(p, f, layer.columns));
  }
  const output = selectColumns(layer.columns, q.columns, requiredFeatureColumns(layer));
  const sql = `SELECT ${output.map(quoteIdent).join(', ')} FROM ${quoteIdent(layer.table)}${
    where.length ? ` WHERE ${where.join(' AND ')}` : ''
  } ORDER BY ${buildOrderBy(q.orderBy, sortableColumns(layer.columns), [layer.idColumn])} LIMIT ${q.limit + 1} OFFSET ${q.offset}`;
  return { sql, params: p };
}
