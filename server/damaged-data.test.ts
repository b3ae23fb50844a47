import { spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDataset } from '../data/build/dataset-files';
import { demoDataDir, ensureDemoData } from '../data/ensure-demo';
import { createApp } from './app';

let root: string;
let pristine: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'twin-damaged-'));
  pristine = join(root, 'pristine');
  cpSync(demoDataDir(), pristine, { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A fresh copy of the demo dataset, damaged by `harm`. */
function damagedCopy(harm: (dir: string) => void): string {
  const dir = join(root, `copy-${n++}`);
  cpSync(pristine, dir, { recursive: true });
  harm(dir);
  return dir;
}

const truncate = (dir: string) => truncateSync(join(dir, 'twin.duckdb'), 50 * 2 ** 20);
const deleteParquet = (dir: string) =>
  unlinkSync(join(dir, 'parquet/truck_positions/day=2013-09-13/part-0.parquet'));
const flipBytes = (dir: string) => {
  const fd = openSync(join(dir, 'twin.duckdb'), 'r+');
  writeSync(fd, Buffer.from([0xde, 0xad, 0xbe, 0xef]), 0, 4, 20_000);
  closeSync(fd);
};

describe('a damaged dataset is never served (issue 8.5)', () => {
  it('the intact copy verifies and is ready', async () => {
    expect((await verifyDataset(pristine)).problems).toEqual([]);
    const twin = await createApp({ dataDir: pristine, log: false, cesiumDir: null });
    const r = await twin.app.request('/ready');
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ ready: true, tablesProbed: 21 });
    await twin.close();
  });

  it.each([
    [
      'truncated twin.duckdb (50 of 64 MB)',
      truncate,
      /twin\.duckdb has 52428800 bytes; the manifest says \d+/,
    ],
    [
      'a deleted Parquet file',
      deleteParquet,
      /parquet\/truck_positions\/day=2013-09-13\/part-0\.parquet is missing/,
    ],
    ['flipped bytes in twin.duckdb', flipBytes, /twin\.duckdb does not match its manifest hash/],
  ])('%s: the start fails naming the file and the rebuild command', async (_what, harm, names) => {
    const dir = damagedCopy(harm);
    const started = createApp({ dataDir: dir, log: false, cesiumDir: null });
    await expect(started).rejects.toThrow(names);
    await expect(started).rejects.toThrow(
      `npm run data -- --scale demo --seed 20130913 --out ${dir} --force`,
    );
  });

  it('`npm run serve` on a truncated database exits with that message, not a crash', () => {
    const dir = damagedCopy(truncate);
    const r = spawnSync(join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx'), ['server/main.ts'], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, TWIN_DATA_DIR: dir, PORT: '0', TWIN_LOG: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('twin.duckdb has 52428800 bytes');
    expect(r.stderr).toContain('rebuild it with: npm run data');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).not.toContain('listening');
  });

  it('/ready is false when a table does not answer as the manifest says', async () => {
    const dir = damagedCopy((d) => {
      const path = join(d, 'manifest.json');
      const m = JSON.parse(readFileSync(path, 'utf8'));
      m.tables.truck_positions.rows += 1;
      writeFileSync(path, JSON.stringify(m));
    });
    const twin = await createApp({ dataDir: dir, log: false, cesiumDir: null });
    const r = await twin.app.request('/ready');
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({
      ready: false,
      failures: [{ table: 'truck_positions', reason: expect.stringContaining('the manifest says') }],
    });
    await twin.close();
  });

  it('the demo is ours: ensureDemoData rebuilds a damaged copy, which then serves', async () => {
    const dir = damagedCopy(truncate);
    expect((await verifyDataset(dir)).problems.length).toBeGreaterThan(0);
    await ensureDemoData({ quiet: true, dir });
    expect((await verifyDataset(dir)).problems).toEqual([]);
    const twin = await createApp({ dataDir: dir, log: false, cesiumDir: null });
    expect((await twin.app.request('/ready')).status).toBe(200);
    await twin.close();
  }, 300_000);
});
