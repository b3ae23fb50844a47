import type { ColumnMap, ColumnType } from './types';

/** DuckDB SQL type for each contract column type (used by the data writer and the server's DDL checks). */
export const DUCKDB_TYPES: Record<ColumnType, string> = {
  utf8: 'VARCHAR',
  bool: 'BOOLEAN',
  int8: 'TINYINT',
  int16: 'SMALLINT',
  int32: 'INTEGER',
  int64: 'BIGINT',
  float32: 'FLOAT',
  float64: 'DOUBLE',
  timestamp: 'TIMESTAMP',
  'list<float64>': 'DOUBLE[]',
  'list<list<float64>>': 'DOUBLE[][]',
};

/** Arrow type name (as `apache-arrow` prints `DataType.toString()`) for each contract column type. */
export const ARROW_TYPE_NAMES: Record<ColumnType, string> = {
  utf8: 'Utf8',
  bool: 'Bool',
  int8: 'Int8',
  int16: 'Int16',
  int32: 'Int32',
  int64: 'Int64',
  float32: 'Float32',
  float64: 'Float64',
  timestamp: 'Timestamp<MICROSECOND>',
  'list<float64>': 'List<Float64>',
  'list<list<float64>>': 'List<List<Float64>>',
};

/** Returns `CREATE TABLE` column definitions for a column map, in order, e.g. `"id" VARCHAR NOT NULL, …`. */
export function toDuckDbColumnDefs(columns: ColumnMap): string {
  return Object.entries(columns)
    .map(([name, spec]) => `"${name}" ${DUCKDB_TYPES[spec.type]}${spec.nullable ? '' : ' NOT NULL'}`)
    .join(', ');
}

/** True for the numeric column types (those that threshold colours, ranges and bucket aggregates accept). */
export function isNumericType(type: ColumnType): boolean {
  return ['int8', 'int16', 'int32', 'int64', 'float32', 'float64'].includes(type);
}
