import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type TwinApp } from '../app';
import { buildFixture, FIXTURE_T0, type Fixture } from '../test-support/fixture-db';
import { loadReadingsParts } from './readings-parts';

// The same fixture twice: A keeps truck_positions as a table; B turns it into a view over 20-minute Parquet files
// listed as manifest parts (as the city build does by hour). Every response must be byte-identical.
let a: Fixture;
let b: Fixture;
let appA: TwinApp;
let appB: TwinApp;
beforeAll(async () => {
  a = await buildFixture();
  b = await buildFixture();
  const inst = await DuckDBInstance.create(b.path);
  const conn = await inst.connect();
  const span = 20 * 60_000;
  const manifestParts: { path: string; from: string; to: string }[] = [];
  for (let k = 0; k < 9; k++) {
    const from = FIXTURE_T0 + k * span;
    const rel = `parquet/truck_positions/part=${k}/part-0.parquet`;
    mkdirSync(join(b.dir, rel, '..'), { recursive: true });
    const ts = (ms: number) => `make_timestamp(${BigInt(ms) * 1000n})`;
    await conn.run(
      `COPY (SELECT * FROM truck_positions WHERE ts >= ${ts(from)} AND ts < ${ts(from + span)} ORDER BY hkey, ts, truck_id) TO '${join(b.dir, rel)}' (FORMAT parquet)`,
    );
    manifestParts.push({
      path: rel,
      from: new Date(from).toISOString(),
      to: new Date(from + span).toISOString(),
    });
  }
  const n = await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM truck_positions');
  const list = manifestParts.map((p) => `'${join(b.dir, p.path)}'`).join(', ');
  const m = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet([${list}])`);
  expect(m.getRowObjectsJS()).toEqual(n.getRowObjectsJS());
  await conn.run('DROP TABLE truck_positions');
  await conn.run(
    `CREATE VIEW truck_positions AS SELECT * FROM read_parquet([${list}], hive_partitioning = false)`,
  );
  conn.closeSync();
  inst.closeSync();
  writeFileSync(
    join(b.dir, 'manifest.json'),
    JSON.stringify({ tables: { truck_positions: { storage: 'view', parts: manifestParts } } }),
  );
  expect(loadReadingsParts(b.dir).get('truck_positions')).toHaveLength(9);
  appA = await createApp({ dataDir: a.dir, log: false });
  appB = await createApp({ dataDir: b.dir, log: false });
});
afterAll(async () => {
  await appA.close();
  await appB.close();
  a.remove();
  b.remove();
});

const iso = (ms: number) => new Date(FIXTURE_T0 + ms).toISOString();
const M = 60_000;

describe('readings over the parts of a view equal the readings of the table', () => {
  it.each([
    `from=${iso(0)}&to=${iso(60 * M)}`,
    `from=${iso(19 * M)}&to=${iso(41 * M)}&bbox=121.45,31.2,121.55,31.28`,
    `from=${iso(20 * M)}&to=${iso(40 * M)}&radius=121.5,31.22,4000&orderBy=ts:desc&limit=50&offset=10`,
    `from=${iso(-60 * M)}&to=${iso(10 * M)}`,
    `from=${iso(110 * M)}&to=${iso(230 * M)}`,
    `at=${iso(40 * M)}`,
    `at=${iso(40 * M + 5000)}&maxAge=90s&bbox=121.45,31.2,121.55,31.28`,
    `at=${iso(90 * M)}&maxAge=5m&district=310101`,
    `from=${iso(0)}&to=${iso(120 * M)}&bucket=5m&district=310101`,
    `from=${iso(30 * M)}&to=${iso(100 * M)}&bucket=15m&grid=500`,
    `from=${iso(0)}&to=${iso(30 * M)}&format=geojson`,
  ])('%s', async (query) => {
    const url = `/api/layers/muck-trucks/readings?${query}`;
    const [ra, rb] = await Promise.all([appA.app.request(url), appB.app.request(url)]);
    expect(rb.status).toBe(ra.status);
    expect(ra.status).toBe(200);
    const [ba, bb] = await Promise.all([ra.arrayBuffer(), rb.arrayBuffer()]);
    const sha = (x: ArrayBuffer) => createHash('sha1').update(Buffer.from(x)).digest('hex');
    expect(ra.headers.get('x-row-count')).toBe(rb.headers.get('x-row-count'));
    expect(Number(ra.headers.get('x-row-count'))).toBeGreaterThan(0);
    expect(sha(bb)).toBe(sha(ba));
  });
});
