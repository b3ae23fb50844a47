import pg from 'pg';
import type { SqlValue } from './event-sql';
import type { SqlEngine, StoreMessage, TxMany, TxQuery } from './sql-engine';

const CHANNEL = 'twin_events';

/**
 * The event store engine for several server replicas: PostgreSQL through a `pg` pool. Transactions commit
 * (synchronously, PostgreSQL's default) before they resolve; messages travel over LISTEN/NOTIFY so a change made
 * through one replica reaches every replica's subscribers.
 */
export async function openPgEngine(url: string): Promise<SqlEngine> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => undefined);
  const subscribers = new Set<(m: StoreMessage) => void>();
  let closed = false;
  let listener: pg.Client | null = null;

  const connectListener = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (n) => {
      if (n.channel !== CHANNEL || !n.payload) return;
      let msg: StoreMessage;
      try {
        msg = JSON.parse(n.payload) as StoreMessage;
      } catch {
        return;
      }
      for (const cb of subscribers) cb(msg);
    });
    client.on('error', () => {
      listener = null;
      if (!closed) setTimeout(() => void connectListener().catch(() => undefined), 500).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    listener = client;
  };
  await connectListener();

  const safeUrl = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return {
    kind: 'postgres',
    location: safeUrl,
    async query(sql, params) {
      const r = await pool.query(sql, params as SqlValue[]);
      return r.rows as Record<string, unknown>[];
    },
    async transaction<T>(body: (q: TxQuery, many: TxMany) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const many: TxMany = async (table, columns, rows) => {
          const n = columns.length;
          for (let i = 0; i < rows.length; i += 500) {
            const part = rows.slice(i, i + 500);
            const values = part.map((_, r) => `(${columns.map((_, c) => `$${r * n + c + 1}`).join(', ')})`);
            await client.query(
              `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) VALUES ${values.join(', ')}`,
              part.flatMap((row) =>
                row.map((v, c) =>
                  v !== null && (columns[c]!.type === 'bigint' || columns[c]!.type === 'integer')
                    ? Math.round(Number(v))
                    : v,
                ),
              ),
            );
          }
        };
        const out = await body(async (sql, params) => (await client.query(sql, params)).rows, many);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async publish(msg) {
      await pool.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(msg)]);
    },
    subscribe(cb) {
      subscribers.add(cb);
      return () => subscribers.delete(cb);
    },
    async close() {
      if (closed) return;
      closed = true;
      subscribers.clear();
      await listener?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
