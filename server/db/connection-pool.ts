import {
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBInstance,
  type DuckDBMaterializedResult,
  type DuckDBPreparedStatement,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';

/** Idle connections kept for reuse (more may be open while more queries run at once). */
export const POOL_IDLE_MAX = 8;

/** Prepared statements kept per connection, least recently used dropped first. */
export const PREPARED_PER_CONNECTION = 64;

/** One pooled connection and its prepared statements by SQL text (insertion order = least recent first). */
export interface PooledConnection {
  conn: DuckDBConnection;
  prepared: Map<string, DuckDBPreparedStatement>;
}

/**
 * Reuses DuckDB connections and their prepared statements across queries: a query then costs one trip to DuckDB's
 * worker (execute) instead of four (connect, extract, prepare, execute) plus one per result chunk. Connections are
 * handed out one query at a time; one that was interrupted or failed is closed instead of being returned.
 */
export class ConnectionPool {
  private readonly idle: PooledConnection[] = [];
  private closed = false;

  constructor(private readonly instance: DuckDBInstance) {}

  /** An idle connection, or a new one when none is idle. */
  async acquire(): Promise<PooledConnection> {
    const hit = this.idle.pop();
    if (hit) return hit;
    return { conn: await this.instance.connect(), prepared: new Map() };
  }

  /** Returns a connection after its query; `healthy` false (interrupted, failed) or a full pool closes it. */
  release(pc: PooledConnection, healthy: boolean): void {
    if (healthy && !this.closed && this.idle.length < POOL_IDLE_MAX) this.idle.push(pc);
    else closeQuietly(pc);
  }

  /** Closes the idle connections; those in use are closed when released. */
  close(): void {
    this.closed = true;
    for (const pc of this.idle.splice(0)) closeQuietly(pc);
  }
}

function closeQuietly(pc: PooledConnection): void {
  try {
    pc.prepared.clear();
    pc.conn.closeSync(); // also destroys the connection's prepared statements
  } catch {
    // already closed with its instance
  }
}

/** The connection's prepared statement for `sql`, prepared on first use and kept (LRU) for the next. */
async function preparedFor(pc: PooledConnection, sql: string): Promise<DuckDBPreparedStatement> {
  const hit = pc.prepared.get(sql);
  if (hit) {
    pc.prepared.delete(sql); // re-insert as most recent
    pc.prepared.set(sql, hit);
    return hit;
  }
  const stmt = await pc.conn.prepare(sql);
  pc.prepared.set(sql, stmt);
  if (pc.prepared.size > PREPARED_PER_CONNECTION) {
    const [oldest, old] = pc.prepared.entries().next().value!;
    pc.prepared.delete(oldest);
    old.destroySync();
  }
  return stmt;
}

/**
 * Runs one statement on a pooled connection and returns its materialized result: with parameters through the
 * connection's cached prepared statement (bound afresh each time), without them as a plain query (which may hold
 * several statements).
 */
export async function runOn(
  pc: PooledConnection,
  sql: string,
  params: DuckDBValue[] | undefined,
  types: DuckDBType[] | undefined,
): Promise<DuckDBMaterializedResult> {
  if (!params || params.length === 0) return pc.conn.run(sql);
  const stmt = await preparedFor(pc, sql);
  try {
    stmt.clearBindings();
    stmt.bind(params, types);
    return await stmt.run();
  } catch (err) {
    // a statement that failed to bind or run is not kept
    pc.prepared.delete(sql);
    stmt.destroySync();
    throw err;
  }
}

/**
 * Results of up to this many chunks (2,048 rows each) are read on the event loop in one go (about 0.2 ms a chunk);
 * larger ones chunk by chunk on the thread pool, so a big result never holds the loop for long.
 */
export const INLINE_CHUNKS_MAX = 8;

/**
 * All chunks of a materialized result: a small one read synchronously from its chunk list (the data is already in
 * memory, and a trip to the thread pool per chunk costs more than the copy), a large one fetched chunk by chunk
 * off the event loop, as is any result where the binding lacks the chunk list.
 */
export async function chunksOf(result: DuckDBMaterializedResult): Promise<DuckDBDataChunk[]> {
  const raw = (result as unknown as { result: duckdb.Result }).result;
  // Stryker disable all: which path reads the chunks is a speed choice (both give the same chunks; each path is
  // tested by results of either size)
  if (
    typeof duckdb.result_get_chunk !== 'function' ||
    duckdb.result_is_streaming(raw) ||
    duckdb.result_chunk_count(raw) > INLINE_CHUNKS_MAX
  )
    return result.fetchAllChunks();
  // Stryker restore all
  const n = duckdb.result_chunk_count(raw);
  const chunks: DuckDBDataChunk[] = [];
  for (let i = 0; i < n; i++) {
    const chunk = new DuckDBDataChunk(duckdb.result_get_chunk(raw, i));
    // Stryker disable next-line ConditionalExpression,EqualityOperator: an empty chunk adds no row to the table built from the chunks
    if (chunk.rowCount > 0) chunks.push(chunk);
  }
  return chunks;
}
