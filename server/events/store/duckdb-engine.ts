import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import type { SqlValue } from './event-sql';
import type { SqlEngine, StoreMessage, TxMany, TxQuery } from './sql-engine';

/**
 * The embedded event store engine: one writable DuckDB file (or `:memory:`) owned by this process. Writes run one
 * at a time on one connection, each in its own transaction committed to DuckDB's write-ahead log before the
 * promise resolves; reads use their own connections (MVCC). Messages fan out in-process only.
 */
export async function openDuckDbEngine(path: string): Promise<SqlEngine> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const instance = await DuckDBInstance.create(path, {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    threads: '2',
  });
  const writer = await DuckDBConnection.create(instance);
  let chain: Promise<unknown> = Promise.resolve();
  const subscribers = new Set<(m: StoreMessage) => void>();
  let closed = false;
  // Reader connections are reused (at most 8 kept idle); each sees the latest committed state.
  const idle: DuckDBConnection[] = [];

  const rowsOf = async (conn: DuckDBConnection, sql: string, params: SqlValue[] = []) => {
    const reader = await conn.runAndReadAll(sql, params as DuckDBValue[]);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  };

  return {
    kind: 'duckdb',
    location: path,
    async query(sql, params) {
      if (closed) throw new Error('event store is closed');
      const conn = idle.pop() ?? (await DuckDBConnection.create(instance));
      try {
        return await rowsOf(conn, sql, params);
      } finally {
        if (closed || idle.length >= 8) conn.closeSync();
        else idle.push(conn);
      }
    },
    transaction<T>(body: (q: TxQuery, many: TxMany) => Promise<T>): Promise<T> {
      const run = async () => {
        if (closed) throw new Error('event store is closed');
        await writer.run('BEGIN TRANSACTION');
        try {
          const many: TxMany = async (table, columns, rows) => {
            const appender = await writer.createAppender(table);
            try {
              for (const r of rows) {
                columns.forEach((c, i) => {
                  const v = r[i];
                  if (v === null || v === undefined) appender.appendNull();
                  else if (c.type === 'text') appender.appendVarchar(String(v));
                  else if (c.type === 'integer') appender.appendInteger(Number(v));
                  else if (c.type === 'bigint') appender.appendBigInt(BigInt(Math.round(Number(v))));
                  else if (c.type === 'double') appender.appendDouble(Number(v));
                  else appender.appendBoolean(Boolean(v));
                });
                appender.endRow();
              }
              appender.flushSync();
            } finally {
              appender.closeSync();
            }
          };
          const out = await body((sql, params) => rowsOf(writer, sql, params), many);
          await writer.run('COMMIT');
          return out;
        } catch (err) {
          await writer.run('ROLLBACK').catch(() => undefined);
          throw err;
        }
      };
      const next = chain.then(run, run);
      chain = next.catch(() => undefined);
      return next;
    },
    async publish(msg) {
      for (const cb of subscribers) cb(msg);
    },
    subscribe(cb) {
      subscribers.add(cb);
      return () => subscribers.delete(cb);
    },
    async close() {
      if (closed) return;
      await chain.catch(() => undefined);
      closed = true;
      subscribers.clear();
      try {
        await writer.run('CHECKPOINT');
      } catch {
        // a checkpoint is an optimisation; the write-ahead log already holds every commit
      }
      for (const c of idle.splice(0)) c.closeSync();
      writer.closeSync();
      instance.closeSync();
    },
  };
}
