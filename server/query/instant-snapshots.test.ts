import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLayer } from '../../layers';
import { createApp, type TwinApp } from '../app';
import { buildReadingsSql } from './readings-sql';
import { parseReadingsParams, type RawQuery } from './request-params';
import { resolveSpatial } from './resolve-spatial';

const demoDir = resolve(import.meta.dirname, '..', '..', 'out', 'data', 'demo');
const trucks = findLayer('muck-trucks')!;
const VIEW = '121.495,31.238,121.51,31.2505'; // ~1/3 of the demo's trucks

// Instants from the latest-state snapshots + one slot of readings must give exactly the rows of ranking every
// reading in (T − maxAge, T] (the contract in API.md), at slot boundaries and between them.
describe.skipIf(!existsSync(join(demoDir, 'twin.duckdb')))(
  'instants from latest-state snapshots (demo)',
  () => {
    let twin: TwinApp;
    beforeAll(async () => {
      twin = await createApp({ dataDir: demoDir, log: false, cesiumDir: null });
    });
    afterAll(async () => {
      await twin?.close();
    });

    const run = async (raw: RawQuery, snapshots: boolean) => {
      const q = parseReadingsParams({ limit: ['100000'], ...raw }, null);
      const spatial = await resolveSpatial(twin.context.db!, q.spatial);
      const { sql, params } = buildReadingsSql(trucks, q, spatial, undefined, snapshots);
      const rows = await twin.context.db!.queryRows(sql, { params: params.values, types: params.types });
      return {
        sql,
        rows: rows.map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? String(v) : v))),
      };
    };

    const times = [
      '2013-09-12T16:00:00Z', // the first reading, on a slot boundary
      '2013-09-12T22:05:00Z', // a boundary
      '2013-09-12T22:05:00.000001Z', // just after it
      '2013-09-12T22:09:59.999999Z', // just before the next
      '2013-09-13T03:17:43Z',
      '2013-09-13T12:00:05Z',
      '2013-09-13T16:30:00Z', // after the last reading, within the lookback
      '2013-09-13T18:00:00Z', // beyond the lookback: nothing
    ];
    const variants = (at: string): RawQuery[] => [
      { at: [at] },
      { at: [at], bbox: [VIEW] },
      { at: [at], maxAge: ['25s'], bbox: [VIEW] },
      { at: [at], maxAge: ['300s'] },
      { at: [at], maxAge: ['3600s'], key: ['mt-00007', 'mt-00100'] },
      { at: [at], bbox: [VIEW], filter: ['loaded:eq:true'] },
    ];
    const cases = times.flatMap((at) => variants(at).map((raw) => [JSON.stringify(raw), raw] as const));

    it.each(cases)('%s: same rows as ranking every reading in the window', async (_, raw) => {
      const fast = await run(raw, true);
      const slow = await run(raw, false);
      expect(fast.sql).toContain('truck_positions_latest');
      expect(slow.sql).not.toContain('truck_positions_latest');
      expect(fast.rows).toEqual(slow.rows);
    });

    it('the cases are not vacuous: most return rows, and maxAge above the lookback keeps the full scan', async () => {
      let nonEmpty = 0;
      for (const [, raw] of cases) if ((await run(raw, true)).rows.length > 0) nonEmpty++;
      expect(nonEmpty).toBeGreaterThan(cases.length / 2);
      const long = await run({ at: ['2013-09-13T03:17:43Z'], maxAge: ['7200s'] }, true);
      expect(long.sql).not.toContain('truck_positions_latest');
    });

    it('the HTTP route uses the snapshots when the table exists', async () => {
      const res = await twin.app.request(
        `/api/layers/muck-trucks/readings?at=2013-09-13T03:17:43Z&bbox=${VIEW}&format=geojson`,
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as { features: { properties: { truck_id: string } }[] };
      const slow = await run({ at: ['2013-09-13T03:17:43Z'], bbox: [VIEW] }, false);
      expect(body.features.length).toBe(slow.rows.length);
      expect(body.features.length).toBeGreaterThan(0);
    });
  },
);
