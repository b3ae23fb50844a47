import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { buildFixture, type Fixture } from '../test-support/fixture-db';
import { type Database, openDatabase } from './database';

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
