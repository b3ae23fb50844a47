import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Db, exec, literal } from './duckdb';

/** Relative Parquet path of a table: features unpartitioned, readings hive-partitioned by local day. */
export function parquetPath(table: string, day: string | null): string {
  return day
    ? join('parquet', table, `day=${day}`, 'part-0.parquet')
    : join('parquet', table, 'part-0.parquet');
}

/**
 * Copies a table (or any relation) to Parquet in its stored row order, single-threaded so that the same input
 * gives byte-identical files (zstd, 64 Ki-row groups so bbox + time filters prune).
 */
export async function exportParquet(db: Db, source: string, file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await exec(
    db,
    `SET threads = 1; SET preserve_insertion_order = true;
COPY (SELECT * FROM ${source}) TO ${literal(file)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 65536);`,
  );
}
