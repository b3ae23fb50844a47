import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deadline, withDeadline } from '../deadline';
import { ApiError } from '../errors';
import { serverTiming } from '../server-timing';
import { buildFixture, type Fixture } from '../test-support/fixture-db';
import { type Database, openDatabase } from './database';

/** A query that runs for minutes unless interrupted. */
const ENDLESS = 'SELECT count(*) FROM range(0, 100000000000) a, range(0, 10) b WHERE a.range % 7 = b.range';

/** A `release` callback that counts its calls. */
function counter() {
  const c = { calls: 0, release: () => void c.calls++ };
  return c;
}

let fx: Fixture;
let db: Database;
beforeAll(async () => {
  fx = await buildFixture();
  db = await openDatabase(fx.path);
});
afterAll(() => {
  db.close();
  fx.remove();
});

describe('openDatabase', () => {
  it('is read-only', async () => {
    await expect(db.queryRows('CREATE TABLE x (a INTEGER)')).rejects.toThrow(/read-only/i);
  });

  it('interrupts a query past its time limit with a 504 ApiError, and keeps working after', async () => {
    const started = performance.now();
    const err = await db
      .queryArrow(
        'SELECT count(*) FROM range(0, 100000000000) a, range(0, 10) b WHERE a.range % 7 = b.range',
        { timeoutMs: 200 },
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(504);
    expect(performance.now() - started).toBeLessThan(5_000);
    const t = await db.queryArrow('SELECT 42 AS x');
    expect(t.getChild('x')!.get(0)).toBe(42);
  });

  it('binds parameters instead of splicing them into SQL', async () => {
    const rows = await db.queryRows('SELECT count(*) AS n FROM pump_stations WHERE name = $1', {
      params: ["x' OR '1'='1"],
    });
    expect(Number(rows[0]!.n)).toBe(0);
  });
});

describe('openDatabase settings', () => {
  it('applies the thread count and memory limit given, with extension loading off and Parquet metadata cached', async () => {
    const small = await openDatabase(fx.path, { threads: 1, memoryLimit: '1GB' });
    const [row] = await small.queryRows(
      `SELECT current_setting('threads') AS threads, current_setting('memory_limit') AS mem,
        current_setting('autoload_known_extensions') AS autoload,
        current_setting('autoinstall_known_extensions') AS autoinstall,
        current_setting('parquet_metadata_cache') AS pmc, current_setting('access_mode') AS mode`,
    );
    small.close();
    // DuckDB reports 1 GB (10^9 bytes) in binary units
    expect(row).toEqual({
      threads: 1n,
      mem: '953.6 MiB',
      autoload: false,
      autoinstall: false,
      pmc: true,
      mode: 'read_only',
    });
  });

  it('defaults to a 4 GB memory limit and registers twin_pip', async () => {
    const [row] = await db.queryRows(
      `SELECT current_setting('memory_limit') AS mem, twin_pip(0, 121.5, 31.2) AS inside`,
    );
    expect(row).toEqual({ mem: '3.7 GiB', inside: false });
  });
});

describe('query limits, deadlines and release', () => {
  it('names the query limit in the 504 message; the default limit comes from defaultTimeoutMs', async () => {
    const quick = await openDatabase(fx.path, { defaultTimeoutMs: 150 });
    const started = performance.now();
    const err = await quick.queryRows(ENDLESS).catch((e: unknown) => e);
    quick.close();
    expect(err).toMatchObject({
      code: 'timeout',
      message: 'query took longer than 150 ms; narrow the area or time window',
    });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('a request deadline that passes during the query interrupts it with the deadline’s own 504', async () => {
    const c = counter();
    const started = performance.now();
    const err = await withDeadline(new Deadline(150), () =>
      db.queryArrow(ENDLESS, { timeoutMs: 60_000, release: c.release }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      code: 'timeout',
      message: expect.stringMatching(/^request took longer than 150 ms/),
    });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(c.calls).toBe(1);
  });

  it('a deadline already passed fails before the query starts, and still releases', async () => {
    const c = counter();
    const deadline = new Deadline(60_000);
    deadline.expire();
    const err = await withDeadline(deadline, () =>
      db.queryRows('SELECT 1 AS x', { release: c.release }),
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'timeout',
      message: expect.stringMatching(/^request took longer than 60000 ms/),
    });
    expect(c.calls).toBe(1);
  });

  it('a deadline with time left lets the query through', async () => {
    const rows = await withDeadline(new Deadline(60_000), () => db.queryRows('SELECT 7 AS x'));
    expect(rows).toEqual([{ x: 7 }]);
  });

  it('other query errors pass through unchanged, and release is called once per query either way', async () => {
    const ok = counter();
    const t = await db.queryArrow('SELECT $1::INTEGER AS x', { params: [5], release: ok.release });
    expect(t.getChild('x')!.get(0)).toBe(5);
    expect(ok.calls).toBe(1);
    const bad = counter();
    const err = await db
      .queryRows('SELECT * FROM no_such_table', { release: bad.release })
      .catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(ApiError);
    expect(String(err)).toMatch(/no_such_table/);
    expect(bad.calls).toBe(1);
  });

  it('a finished query’s timer is cleared (no interrupt of a closed connection later)', async () => {
    const rows = await db.queryRows('SELECT 1 AS x', { timeoutMs: 20 });
    await new Promise((ok) => setTimeout(ok, 80));
    expect(rows).toEqual([{ x: 1 }]);
    // the connection pool is still usable after the timer would have fired
    expect(await db.queryRows('SELECT 2 AS x', { timeoutMs: 20 })).toEqual([{ x: 2 }]);
  });

  it('after close, queries fail with 503 not_ready and still release; closing twice is harmless', async () => {
    const other = await openDatabase(fx.path);
    other.close();
    other.close();
    for (const run of [
      (r: () => void) => other.queryRows('SELECT 1', { release: r }),
      (r: () => void) => other.queryArrow('SELECT 1', { release: r }),
    ]) {
      const c = counter();
      const err = await run(c.release).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err).toMatchObject({ code: 'not_ready', status: 503, message: 'database is closed' });
      expect(c.calls).toBe(1);
    }
  });

  it('without a release callback: closed and expired-deadline failures are still the API errors', async () => {
    const other = await openDatabase(fx.path);
    other.close();
    await expect(other.queryRows('SELECT 1')).rejects.toMatchObject({ code: 'not_ready', status: 503 });
    const deadline = new Deadline(60_000);
    deadline.expire();
    await expect(withDeadline(deadline, () => db.queryArrow('SELECT 1'))).rejects.toMatchObject({
      code: 'timeout',
      status: 504,
    });
  });
});

describe('Server-Timing', () => {
  it('an Arrow query reports its query and arrow steps', async () => {
    const app = new Hono().use(serverTiming()).get('/', async (c) => {
      const t = await db.queryArrow('SELECT 42 AS x');
      return c.text(String(t.getChild('x')!.get(0)));
    });
    const res = await app.request('/');
    expect(await res.text()).toBe('42');
    expect(res.headers.get('Server-Timing')).toMatch(/^query;dur=[\d.]+, arrow;dur=[\d.]+$/);
  });
});
