import type { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll } from 'vitest';
import { closeDb, type Db, openDb } from '../../data/build/duckdb';

/**
 * For a test file: opens an in-memory DuckDB before its tests (through `openDb`, so without extension loading;
 * `threads: 1` keeps rows in scan order) and closes it after them. The returned holder's `instance` is set once
 * the file's `beforeAll` hooks run; hooks registered after this call see it.
 */
export function openMemoryDuckDbForFile(opts: { threads?: number } = {}): {
  readonly instance: DuckDBInstance;
} {
  const holder = {} as { instance: DuckDBInstance };
  let db: Db | undefined;
  beforeAll(async () => {
    db = await openDb(':memory:', opts);
    holder.instance = db.instance;
  });
  afterAll(() => {
    if (db) closeDb(db);
  });
  return holder;
}
