import type { ColumnMap, ColumnSpec, LayerDefinition } from '../../layers';
import { BOOL_OPS, geometryColumns, SQL_COMPARISON } from '../../layers';
import { badParameter } from '../errors';
import { type AttributeFilter, parseTime } from './request-params';
import { quoteIdent, type SqlParams } from './sql-params';

function bindValue(p: SqlParams, column: string, spec: ColumnSpec, text: string): string {
  switch (spec.type) {
    case 'utf8':
      if (spec.values && !Object.hasOwn(spec.values, text))
        throw badParameter(
          'filter',
          `"${text}" is not a value of ${column} (one of ${Object.keys(spec.values).join(', ')})`,
        );
      return p.text(text);
    case 'bool':
      if (text !== 'true' && text !== 'false') throw badParameter('filter', `${column} takes true or false`);
      return p.bool(text === 'true');
    case 'timestamp':
      return p.timestamp(parseTime(text, 'filter'));
    case 'list<float64>':
    case 'list<list<float64>>':
      throw badParameter('filter', `${column} is a geometry column and cannot be filtered`);
    default: {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw badParameter('filter', `${column} takes a number`);
      return p.double(n);
    }
  }
}

/** Builds the SQL predicate of one attribute filter on a column of `columns` (bound values, typed by the column). */
export function buildFilterPredicate(p: SqlParams, f: AttributeFilter, columns: ColumnMap): string {
  const spec = columns[f.column]!;
  const col = quoteIdent(f.column);
  if (f.op === 'in') return `${col} IN (${f.values.map((v) => bindValue(p, f.column, spec, v)).join(', ')})`;
  if (spec.type === 'bool' && !BOOL_OPS.includes(f.op))
    throw badParameter('filter', `${f.column} is boolean: use eq or ne`);
  return `${col} ${SQL_COMPARISON[f.op]} ${bindValue(p, f.column, spec, f.values[0]!)}`;
}

/** Rejects filters on columns the layer does not declare `filterable`. */
export function checkFilterable(layer: LayerDefinition, filters: AttributeFilter[]): void {
  for (const f of filters)
    if (!layer.filterable.includes(f.column))
      throw badParameter(
        'filter',
        `column "${f.column}" is not filterable on ${layer.id} (filterable: ${layer.filterable.join(', ')})`,
      );
}

/** The columns a features response always carries: the id and the geometry columns of the layer's kind. */
export function requiredFeatureColumns(layer: LayerDefinition): string[] {
  return [layer.idColumn, ...Object.keys(geometryColumns(layer.geometry))];
}

/** Chooses the output columns: all of `columns`, or the asked subset plus the required ones, in table order. */
export function selectColumns(columns: ColumnMap, asked: string[] | null, required: string[]): string[] {
  if (!asked) return Object.keys(columns);
  for (const c of asked)
    if (!Object.hasOwn(columns, c))
      throw badParameter('columns', `unknown column "${c}" (columns: ${Object.keys(columns).join(', ')})`);
  const keep = new Set([...asked, ...required]);
  return Object.keys(columns).filter((c) => keep.has(c));
}
