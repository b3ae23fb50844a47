import type { DuckDBDataChunk, DuckDBType } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { Field, makeData, RecordBatch, Schema, Struct, Table } from 'apache-arrow';
import { createColumnBuilder, type PointerReader } from './column-builders';

/**
 * Builds one Arrow table (a single record batch) from a DuckDB result's chunks, copying column memory in bulk:
 * no row objects are created. `read` reads string bytes behind pointers (DuckDB's own reader by default).
 */
export function buildArrowTable(
  names: string[],
  types: DuckDBType[],
  chunks: DuckDBDataChunk[],
  read?: PointerReader,
): Table {
  const builders = types.map((t) => createColumnBuilder(t, read));
  let length = 0;
  for (const chunk of chunks) {
    const rows = chunk.rowCount;
    if (rows === 0) continue;
    for (let c = 0; c < builders.length; c++) {
      builders[c]!.append(duckdb.data_chunk_get_vector(chunk.chunk, c), 0, rows);
    }
    length += rows;
  }
  const fields = builders.map((b, i) => new Field(names[i]!, b.type, true));
  const schema = new Schema(fields);
  const children = builders.map((b) => b.finish());
  const data = makeData({ type: new Struct(fields), length, nullCount: 0, children });
  return new Table([new RecordBatch(schema, data)]);
}
