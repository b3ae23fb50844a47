import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type TwinApp } from '../app';
import { buildFixture, FIXTURE_T0, type Fixture } from '../test-support/fixture-db';
import { loadReadingsParts, partsRelation, type ReadingsPart, temporalSpanUs } from './readings-parts';

const H = 3_600_000_000n;
const T0 = 1_000n * H;
const parts: ReadingsPart[] = [0, 1, 2, 3].map((h) => ({
  file: `/d/day=x/hour=0${h}/part-0.parquet`,
  fromUs: T0 + BigInt(h) * H,
  toUs: T0 + BigInt(h + 1) * H,
}));
const files = (sql: string | null) =>
  sql === null ? null : [...sql.matchAll(/hour=(\d\d)/g)].map((m) => m[1]);

describe('partsRelation picks the files that overlap the time window', () => {
  it('range [from, to): hour boundaries belong to the later file', () => {
    expect(files(partsRelation(parts, { kind: 'range', fromUs: T0 + H, toUs: T0 + 2n * H }))).toEqual(['01']);
    expect(
      files(partsRelation(parts, { kind: 'range', fromUs: T0 + H - 1n, toUs: T0 + 2n * H + 1n })),
    ).toEqual(['00', '01', '02']);
    expect(
      files(
        partsRelation(parts, {
          kind: 'bucket',
          fromUs: T0 - H,
          toUs: T0 + H / 2n,
          bucket: '5m',
          gridMetres: null,
        }),
      ),
    ).toEqual(['00']);
  });

  it('instant (at − maxAge, at]: the file holding `at` and the ones back to at − maxAge', () => {
    expect(files(partsRelation(parts, { kind: 'instant', atUs: T0 + 2n * H, maxAgeSeconds: 3600 }))).toEqual([
      '01',
      '02',
    ]);
    expect(
      files(partsRelation(parts, { kind: 'instant', atUs: T0 + 2n * H - 1n, maxAgeSeconds: 60 })),
    ).toEqual(['01']);
  });

  it('reads the view when no file, every file or no parts match; quotes paths', () => {
    expect(partsRelation(parts, { kind: 'range', fromUs: T0 + 9n * H, toUs: T0 + 10n * H })).toBeNull();
    expect(partsRelation(parts, { kind: 'range', fromUs: T0, toUs: T0 + 4n * H })).toBeNull();
    expect(partsRelation(undefined, { kind: 'range', fromUs: T0, toUs: T0 + H })).toBeNull();
    const odd = [{ ...parts[0]!, file: "/it's/a.parquet" }, parts[1]!];
    expect(partsRelation(odd, { kind: 'range', fromUs: T0, toUs: T0 + 1n })).toBe(
      "read_parquet(['/it''s/a.parquet'], hive_partitioning = false)",
    );
  });
});

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

describe('loadReadingsParts reads the manifest’s parts of views, and nothing it cannot trust', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  /** A data folder holding `manifest` as manifest.json (or no manifest for undefined). */
  function folder(manifest: unknown): string {
    const dir = mkdtempSync(join(tmpdir(), 'parts-'));
    dirs.push(dir);
    if (manifest !== undefined)
      writeFileSync(
        join(dir, 'manifest.json'),
        typeof manifest === 'string' ? manifest : JSON.stringify(manifest),
      );
    return dir;
  }
  const part = (h: number) => ({
    path: `p/hour=${h}.parquet`,
    from: `2024-07-01T0${h}:00:00Z`,
    to: `2024-07-01T0${h + 1}:00:00Z`,
  });

  it('lists only views with parts, with absolute paths and µs spans; reads each folder once', () => {
    const dir = folder({
      tables: {
        v: { storage: 'view', parts: [part(0), part(1)] },
        t: { storage: 'table', parts: [part(0)] },
        e: { storage: 'view', parts: [] },
        n: { storage: 'view' },
      },
    });
    const got = loadReadingsParts(dir);
    expect([...got.keys()]).toEqual(['v']);
    expect(got.get('v')).toEqual([
      { file: join(dir, 'p/hour=0.parquet'), fromUs: 1719792000000000n, toUs: 1719795600000000n },
      { file: join(dir, 'p/hour=1.parquet'), fromUs: 1719795600000000n, toUs: 1719799200000000n },
    ]);
    // cached: a later change of the manifest is not read again
    writeFileSync(join(dir, 'manifest.json'), '{}');
    expect(loadReadingsParts(dir)).toBe(got);
  });

  it.each([
    ['no manifest', undefined],
    ['not JSON', '{"tables": '],
    ['no tables', {}],
    ['a part without a path', { tables: { v: { storage: 'view', parts: [{ ...part(0), path: 3 }] } } }],
    ['a part without from', { tables: { v: { storage: 'view', parts: [{ ...part(0), from: null }] } } }],
    ['a part without to', { tables: { v: { storage: 'view', parts: [{ path: 'a', from: part(0).from }] } } }],
    ['an empty span', { tables: { v: { storage: 'view', parts: [{ ...part(0), to: part(0).from }] } } }],
  ])('%s: no parts at all (the views are read as they are)', (_, manifest) => {
    const good = { storage: 'view', parts: [part(0), part(1)] };
    // a good view listed first must not survive a bad one later in the manifest
    const tables = (manifest as { tables?: object } | undefined)?.tables;
    const m = tables ? { tables: { a_good_one: good, ...tables } } : manifest;
    expect(loadReadingsParts(folder(m)).size).toBe(0);
  });

  it('temporalSpanUs: instant (at − maxAge, at] as the closed [at − maxAge, at]; range [from, to) as [from, to − 1]', () => {
    expect(temporalSpanUs({ kind: 'instant', atUs: 10_000_000n, maxAgeSeconds: 3 })).toEqual([
      7_000_000n,
      10_000_000n,
    ]);
    expect(temporalSpanUs({ kind: 'range', fromUs: 5n, toUs: 9n })).toEqual([5n, 8n]);
  });
});
