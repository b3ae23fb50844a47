import type { SqlValue } from './event-sql';

/** Messages the store fans out to every server process sharing it (LISTEN/NOTIFY on PostgreSQL). */
export type StoreMessage =
  | { type: 'event'; id: string; version: number }
  | { type: 'alert'; alert: Record<string, unknown> }
  | { type: 'clock'; clock: Record<string, unknown> };

/** Runs one statement inside a transaction and returns its rows. */
export type TxQuery = (sql: string, params?: SqlValue[]) => Promise<Record<string, unknown>[]>;

/** Column types of a bulk insert. */
export type BulkType = 'text' | 'integer' | 'bigint' | 'double' | 'boolean';

/** Appends many rows to a table inside a transaction (DuckDB's appender, PostgreSQL multi-row INSERTs). */
export type TxMany = (
  table: string,
  columns: readonly { name: string; type: BulkType }[],
  rows: SqlValue[][],
) => Promise<void>;

/**
 * What an engine supplies to the event store: statements, transactions that commit durably before they resolve
 * (rolled back when the body throws), and a fan-out channel between processes sharing the database.
 */
export interface SqlEngine {
  readonly kind: 'duckdb' | 'postgres';
  /** Where the data lives, for logs (file path or a URL without password). */
  readonly location: string;
  query(sql: string, params?: SqlValue[]): Promise<Record<string, unknown>[]>;
  transaction<T>(body: (q: TxQuery, many: TxMany) => Promise<T>): Promise<T>;
  /** Sends a message to every subscriber of every process on this database (including this one). */
  publish(msg: StoreMessage): Promise<void>;
  /** Receives messages; returns an unsubscribe function. */
  subscribe(cb: (msg: StoreMessage) => void): () => void;
  close(): Promise<void>;
}
