import {
  BIGINT,
  BOOLEAN,
  DOUBLE,
  FLOAT,
  INTEGER,
  LIST,
  SMALLINT,
  TIMESTAMP,
  TINYINT,
  VARCHAR,
} from '@duckdb/node-api';
import {
  Bool,
  type DataType,
  Field,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  List,
  TimestampMicrosecond,
  Utf8,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { ARROW_TYPE_NAMES, DUCKDB_TYPES, isNumericType } from './column-types';
import type { ColumnType } from './types';

// The oracles are the libraries' own names for each type (this test only: the contract imports neither library).
const list = (t: DataType) => new List(new Field('item', t, true));
const ARROW: Record<ColumnType, DataType> = {
  utf8: new Utf8(),
  bool: new Bool(),
  int8: new Int8(),
  int16: new Int16(),
  int32: new Int32(),
  int64: new Int64(),
  float32: new Float32(),
  float64: new Float64(),
  timestamp: new TimestampMicrosecond(),
  'list<float64>': list(new Float64()),
  'list<list<float64>>': list(list(new Float64())),
};
const DUCKDB = {
  utf8: VARCHAR,
  bool: BOOLEAN,
  int8: TINYINT,
  int16: SMALLINT,
  int32: INTEGER,
  int64: BIGINT,
  float32: FLOAT,
  float64: DOUBLE,
  timestamp: TIMESTAMP,
  'list<float64>': LIST(DOUBLE),
  'list<list<float64>>': LIST(LIST(DOUBLE)),
};

describe('column types against the libraries’ own type names', () => {
  it('names each contract type as apache-arrow prints it', () => {
    const want = Object.fromEntries(Object.entries(ARROW).map(([k, t]) => [k, t.toString()]));
    expect(ARROW_TYPE_NAMES).toEqual(want);
  });

  it('names each contract type as DuckDB prints it', () => {
    const want = Object.fromEntries(Object.entries(DUCKDB).map(([k, t]) => [k, t.toString()]));
    expect(DUCKDB_TYPES).toEqual(want);
  });

  it('calls numeric exactly the Arrow integer and float types', () => {
    for (const [k, t] of Object.entries(ARROW))
      expect({ k, numeric: isNumericType(k as ColumnType) }).toEqual({
        k,
        numeric:
          t instanceof Int8 ||
          t instanceof Int16 ||
          t instanceof Int32 ||
          t instanceof Int64 ||
          t instanceof Float32 ||
          t instanceof Float64,
      });
  });
});
