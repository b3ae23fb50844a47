import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../layers';
import { type RunningServer, startServer } from '../start';
import { buildFixture, type Fixture } from '../test-support/fixture-db';

const run = promisify(execFile);
const hasGdal = ['/usr/bin/ogrinfo', '/usr/local/bin/ogrinfo'].some((p) => existsSync(p));
if (!hasGdal)
  console.warn('[server] ogrinfo not found: GDAL OAPIF client test skipped (apt-get install gdal-bin)');

describe.skipIf(!hasGdal)('GDAL OAPIF driver reads the OGC API from a live server', () => {
  let fx: Fixture;
  let server: RunningServer;
  beforeAll(async () => {
    fx = await buildFixture();
    server = await startServer({ port: 0, dataDir: fx.dir, log: false, cesiumDir: null });
  });
  afterAll(async () => {
    await server?.close();
    fx?.remove();
  });

  it('ogrinfo lists every collection', async () => {
    const { stdout } = await run('ogrinfo', ['-ro', '-q', `OAPIF:${server.url}/ogc`], { timeout: 60_000 });
    for (const l of LAYERS) expect(stdout).toMatch(new RegExp(`\\d+: ${l.id.replace('.', '\\.')} `));
    expect(stdout).toContain('muck-trucks.readings');
  });

  it('ogr2ogr reads features inside a bbox (-spat), paging through next links', async () => {
    const [x0, y0, x1, y1] = [121.42, 31.16, 121.58, 31.29];
    const { stdout } = await run(
      'ogr2ogr',
      [
        '-f',
        'GeoJSON',
        '/vsistdout/',
        `OAPIF:${server.url}/ogc`,
        'pump-stations',
        '-spat',
        `${x0}`,
        `${y0}`,
        `${x1}`,
        `${y1}`,
        '-oo',
        'PAGE_SIZE=7',
      ],
      { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
    const got = (JSON.parse(stdout) as { features: { properties: { id: string } }[] }).features
      .map((f) => f.properties.id)
      .sort();
    const want = fx.rows
      .pump_stations!.filter(
        (r) =>
          (r.lon as number) >= x0 &&
          (r.lon as number) <= x1 &&
          (r.lat as number) >= y0 &&
          (r.lat as number) <= y1,
      )
      .map((r) => r.id as string)
      .sort();
    expect(want.length).toBeGreaterThan(7);
    expect(got).toEqual(want);
  });

  it('ogrinfo -spat counts line features by bbox intersection and reads the time extent of readings', async () => {
    const { stdout } = await run(
      'ogrinfo',
      ['-ro', '-so', `OAPIF:${server.url}/ogc`, 'muck-trucks.readings'],
      { timeout: 60_000 },
    );
    expect(stdout).toContain('TEMPORAL_INTERVAL_MIN=2024-07-01T00:00:00.000Z');
    const lines = await run(
      'ogrinfo',
      ['-ro', '-al', '-q', '-spat', '121.45', '31.2', '121.5', '31.25', `OAPIF:${server.url}/ogc`, 'roads'],
      {
        timeout: 60_000,
      },
    );
    const count = (lines.stdout.match(/OGRFeature\(roads\)/g) ?? []).length;
    const want = fx.rows.roads!.filter(
      (r) =>
        (r.xmax as number) >= 121.45 &&
        (r.xmin as number) <= 121.5 &&
        (r.ymax as number) >= 31.2 &&
        (r.ymin as number) <= 31.25,
    ).length;
    expect(count).toBe(want);
  });
});
