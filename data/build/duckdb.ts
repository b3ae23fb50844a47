import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** An open DuckDB database and one connection to it. */
export interface Db {
  instance: DuckDBInstance;
  conn: DuckDBConnection;
}

/** Opens (or creates) a DuckDB database without any network extension loading. */
export async function openDb(path: string, opts: { readOnly?: boolean; threads?: number } = {}): Promise<Db> {
  const options: Record<string, string> = {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  };
  if (opts.readOnly) options.access_mode = 'READ_ONLY';
  if (opts.threads) options.threads = String(opts.threads);
  const instance = await DuckDBInstance.create(path, options);
  const conn = await instance.connect();
  return { instance, conn };
}

/** Runs SQL (one or more statements) without reading results. */
export async function exec(db: Db, sql: string): Promise<void> {
  await db.conn.run(sql);
}

/** Runs a query and returns its rows as plain JS objects (BIGINT → bigint, TIMESTAMP → Date). */
export async function queryRows(db: Db, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await db.conn.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

/** Closes the connection and the instance. */
export function closeDb(db: Db): void {
  db.conn.closeSync();
  db.instance.closeSync();
}

/** Quotes an SQL identifier. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes an SQL string literal. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
