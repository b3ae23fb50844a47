import {
  DuckDBConnection,
  DuckDBInstance,
  DuckDBResultReader,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { Table } from 'apache-arrow';
import { currentDeadline } from '../deadline';
import { ApiError } from '../errors';
import { timed } from '../server-timing';
import { buildArrowTable } from './arrow-from-result';
import { ConnectionPool, chunksOf, type PooledConnection, runOn } from './connection-pool';
import { registerPointInPolygon } from './point-in-polygon-udf';

/** Options for one query: bound parameters (positional `$1…`) and a time limit. */
export interface RunOptions {
  params?: DuckDBValue[];
  /** Types of the parameters, where inference would be ambiguous (nested or empty lists). */
  types?: DuckDBType[];
  /** Called once the query finished or failed (frees what the parameters lent, e.g. polygons). */
  release?: () => void;
  timeoutMs?: number;
}

/**
 * A read-only DuckDB database that runs bound, time-limited queries, one pooled connection per query at a time
 * (connections and their prepared statements are reused).
 */
export interface Database {
  /** Runs a query and returns its result as an Arrow table; interrupts it after `timeoutMs` (→ 504). */
  queryArrow(sql: string, opts?: RunOptions): Promise<Table>;
  /** Runs a small query and returns plain JS row objects (catalog, metadata; never for feature data). */
  queryRows(sql: string, opts?: RunOptions): Promise<Record<string, unknown>[]>;
  /** Closes the instance; later queries fail with 503. */
  close(): void;
}

/** Opens a DuckDB file read-only with extension auto-loading off (nothing touches the network). */
export async function openDatabase(
  path: string,
  opts: { threads?: number; memoryLimit?: string; defaultTimeoutMs?: number } = {},
): Promise<Database> {
  const instance = await DuckDBInstance.create(path, {
    access_mode: 'READ_ONLY',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    ...(opts.threads ? { threads: String(opts.threads) } : {}),
    memory_limit: opts.memoryLimit ?? '4GB',
  });
  // One connection stays open for the instance's lifetime: it registered the `twin_pip` function.
  const keeper = await DuckDBConnection.create(instance);
  registerPointInPolygon(keeper);
  // Telemetry may be views over Parquet (city scale): keep footers and row-group statistics in memory.
  await keeper.run('SET GLOBAL parquet_metadata_cache = true');
  const pool = new ConnectionPool(instance);
  let closed = false;
  const defaultTimeout = opts.defaultTimeoutMs ?? 15_000;

  async function withConnection<T>(
    runOpts: RunOptions,
    body: (pc: PooledConnection) => Promise<T>,
  ): Promise<T> {
    if (closed) {
      runOpts.release?.();
      throw new ApiError('not_ready', 'database is closed');
    }
    // The request's deadline (when running for one) bounds the query as well as its own limit.
    const deadline = currentDeadline();
    try {
      deadline?.check();
    } catch (err) {
      runOpts.release?.();
      throw err;
    }
    let pc: PooledConnection;
    try {
      pc = await pool.acquire();
    } catch (err) {
      runOpts.release?.();
      throw err;
    }
    const limit = runOpts.timeoutMs ?? defaultTimeout;
    let timedOut = false;
    const interrupt = () => {
      timedOut = true;
      pc.conn.interrupt();
    };
    const timer = setTimeout(interrupt, limit);
    deadline?.signal.addEventListener('abort', interrupt, { once: true });
    let healthy = false;
    try {
      const out = await body(pc);
      healthy = !timedOut && !deadline?.signal.aborted;
      return out;
    } catch (err) {
      if (deadline?.signal.aborted) throw deadline.error();
      if (timedOut || /interrupt/i.test(String(err)))
        throw new ApiError('timeout', `query took longer than ${limit} ms; narrow the area or time window`);
      throw err;
    } finally {
      clearTimeout(timer);
      deadline?.signal.removeEventListener('abort', interrupt);
      // an interrupted or failed connection is closed, not reused
      pool.release(pc, healthy);
      runOpts.release?.();
    }
  }

  return {
    queryArrow(sql, runOpts = {}) {
      return withConnection(runOpts, async (pc) => {
        const { result, chunks } = await timed('query', async () => {
          const result = await runOn(pc, sql, runOpts.params, runOpts.types);
          return { result, chunks: await chunksOf(result) };
        });
        return timed('arrow', () => buildArrowTable(result.columnNames(), result.columnTypes(), chunks));
      });
    },
    queryRows(sql, runOpts = {}) {
      return withConnection(runOpts, async (pc) => {
        const reader = new DuckDBResultReader(await runOn(pc, sql, runOpts.params, runOpts.types));
        await reader.readAll();
        return reader.getRowObjectsJS() as Record<string, unknown>[];
      });
    },
    close() {
      if (closed) return;
      closed = true;
      pool.close();
      keeper.closeSync();
      instance.closeSync();
    },
  };
}
