import { DuckDBInstance, INTEGER, VARCHAR } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, type Fixture } from '../test-support/fixture-db';
import {
  ConnectionPool,
  chunksOf,
  INLINE_CHUNKS_MAX,
  POOL_IDLE_MAX,
  PREPARED_PER_CONNECTION,
  runOn,
} from './connection-pool';
import { type Database, openDatabase } from './database';

let fx: Fixture;
let instance: DuckDBInstance;
beforeAll(async () => {
  fx = await buildFixture();
  instance = await DuckDBInstance.create(fx.path, { access_mode: 'READ_ONLY' });
});
afterAll(() => {
  instance.closeSync();
  fx.remove();
});

describe('ConnectionPool', () => {
  it('hands a released connection out again, and closes one released as unhealthy', async () => {
    const pool = new ConnectionPool(instance);
    const a = await pool.acquire();
    pool.release(a, true);
    const again = await pool.acquire();
    expect(again).toBe(a);
    pool.release(again, false);
    const fresh = await pool.acquire();
    expect(fresh).not.toBe(a);
    // the closed one no longer runs anything
    await expect(a.conn.run('SELECT 1')).rejects.toThrow();
    pool.release(fresh, true);
    pool.close();
  });

  it(`keeps at most ${POOL_IDLE_MAX} idle connections`, async () => {
    const pool = new ConnectionPool(instance);
    const all = await Promise.all(Array.from({ length: POOL_IDLE_MAX + 3 }, () => pool.acquire()));
    for (const pc of all) pool.release(pc, true);
    const back = await Promise.all(Array.from({ length: POOL_IDLE_MAX + 1 }, () => pool.acquire()));
    expect(back.filter((pc) => all.includes(pc)).length).toBe(POOL_IDLE_MAX);
    pool.close();
  });

  it('reuses a prepared statement per SQL text, binds afresh each run, and drops the least recently used', async () => {
    const pool = new ConnectionPool(instance);
    const pc = await pool.acquire();
    const sql = 'SELECT count(*)::INTEGER AS n FROM pump_stations WHERE name = $1 OR $2 = 1';
    const count = async (name: string, all: number) => {
      const r = await runOn(pc, sql, [name, all], [VARCHAR, INTEGER]);
      return (await r.getRowObjectsJS())[0]!.n as number;
    };
    // expectation from DuckDB itself, on a connection of its own with the values in the SQL text
    const own = await instance.connect();
    const total = (
      await own.runAndReadAll('SELECT count(*)::INTEGER AS n FROM pump_stations')
    ).getRowObjectsJS()[0]!.n as number;
    own.closeSync();
    expect(total).toBeGreaterThan(0);
    expect(await count('nope', 0)).toBe(0);
    const stmt = pc.prepared.get(sql);
    expect(stmt).toBeDefined();
    expect(await count('nope', 1)).toBe(total);
    expect(await count("x' OR '1'='1", 0)).toBe(0);
    expect(pc.prepared.get(sql)).toBe(stmt);
    for (let i = 0; i < PREPARED_PER_CONNECTION; i++)
      await runOn(pc, `SELECT $1::INTEGER + ${i} AS v`, [i], [INTEGER]);
    expect(pc.prepared.size).toBe(PREPARED_PER_CONNECTION);
    expect(pc.prepared.has(sql)).toBe(false);
    expect(await count('nope', 1)).toBe(total);
    pool.release(pc, true);
    pool.close();
  });

  it('a statement that fails is not kept, and the connection still answers', async () => {
    const pool = new ConnectionPool(instance);
    const pc = await pool.acquire();
    const sql = 'SELECT 10 // $1::INTEGER AS q';
    expect((await (await runOn(pc, sql, [2], [INTEGER])).getRowObjectsJS())[0]!.q).toBe(5);
    await expect(runOn(pc, 'SELECT error($1)', ['boom'], [VARCHAR])).rejects.toThrow(/boom/);
    expect(pc.prepared.has('SELECT error($1)')).toBe(false);
    expect((await (await runOn(pc, sql, [5], [INTEGER])).getRowObjectsJS())[0]!.q).toBe(2);
    pool.release(pc, true);
    pool.close();
  });

  it('reads every chunk of a small and of a large result, in order (in place and fetched)', async () => {
    const pool = new ConnectionPool(instance);
    const pc = await pool.acquire();
    for (const rows of [5000, (INLINE_CHUNKS_MAX + 2) * 2048 + 7]) {
      const sql = 'SELECT range::INTEGER AS i FROM range(0, $1::INTEGER)';
      const chunks = await chunksOf(await runOn(pc, sql, [rows], [INTEGER]));
      expect(chunks.length).toBeGreaterThan(1);
      const values = chunks.flatMap((c) => c.getColumnValues(0));
      expect(values.length).toBe(rows);
      expect(values.every((v, i) => v === i)).toBe(true);
    }
    pool.release(pc, true);
    pool.close();
  });
});

describe('openDatabase with the pool', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase(fx.path);
  });
  afterAll(() => db.close());

  it('answers many concurrent bound queries correctly (each connection one query at a time)', async () => {
    const got = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        db.queryRows('SELECT $1::INTEGER * 2 AS v, count(*) AS n FROM range(0, $1::INTEGER)', {
          params: [i],
        }),
      ),
    );
    got.forEach((rows, i) => {
      expect(rows[0]!.v).toBe(i * 2);
      expect(Number(rows[0]!.n)).toBe(i);
    });
  });

  it('after a query was interrupted by its time limit, the same bound query answers on the next connection', async () => {
    const slow =
      'SELECT count(*) AS n FROM range(0, 100000000000) a, range(0, 10) b WHERE a.range % $1 = b.range';
    await expect(db.queryArrow(slow, { params: [7], timeoutMs: 150 })).rejects.toMatchObject({ status: 504 });
    for (let i = 0; i < POOL_IDLE_MAX + 1; i++) {
      const t = await db.queryArrow('SELECT $1::INTEGER AS x', { params: [i] });
      expect(t.getChild('x')!.get(0)).toBe(i);
    }
  });
});
