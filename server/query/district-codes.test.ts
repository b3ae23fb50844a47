import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Table } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../layers';
import { DISTRICT_CODE } from '../../layers/geometry-columns';
import { createApp, type TwinApp } from '../app';
import { ApiError } from '../errors';
import { fetchArrow, sortedColumn } from '../test-support/app-client';
import { loadDistrictCodedTables, resolveDistrictCode, usesDistrictCode } from './district-codes';
import { buildFeaturesSql } from './features-sql';
import { type Edge, isPointInPolygons, polygonEdges } from './polygon-index';
import { parseCommonParams } from './request-params';

const demoDir = resolve(import.meta.dirname, '..', '..', 'out', 'data', 'demo');
const coded = LAYERS.filter((l) => DISTRICT_CODE in l.columns);
const day = 'from=2013-09-12T16:00:00Z&to=2013-09-13T16:00:00Z';

// Equivalence of `district=` by stored code (features, and readings of fixed features by key) with the
// point-in-polygon answer (the reference rule of the server's polygon index on each row's lon/lat), for every
// district of the demo build.
describe.skipIf(!existsSync(join(demoDir, 'twin.duckdb')))('district= by stored district_code (demo)', () => {
  let twin: TwinApp;
  let districts: { code: string; polygon: number[][][] }[];
  beforeAll(async () => {
    twin = await createApp({ dataDir: demoDir, log: false, cesiumDir: null });
    const rows = await twin.context.db!.queryRows('SELECT code, rings FROM districts ORDER BY code');
    districts = rows.map((r) => ({
      code: String(r.code),
      polygon: (r.rings as number[][]).map((flat) => {
        const ring: number[][] = [];
        for (let i = 0; i + 1 < flat.length; i += 2) ring.push([flat[i]!, flat[i + 1]!]);
        return ring;
      }),
    }));
  });
  afterAll(async () => {
    await twin?.close();
  });

  it('the build vouches for the codes of every layer with the column, and the server routes district= to them', async () => {
    const tables = loadDistrictCodedTables(demoDir);
    expect([...tables].sort()).toEqual(coded.map((l) => l.table).sort());
    const pumps = LAYERS.find((l) => l.id === 'pump-stations')!;
    const trucks = LAYERS.find((l) => l.id === 'muck-trucks')!;
    const q = parseCommonParams({ district: ['310101'] }, null);
    const f = await resolveDistrictCode(twin.context.db!, pumps, q.spatial, tables, 'readings');
    expect(f).toMatchObject({ kind: 'district-code', code: '310101' });
    expect(buildFeaturesSql(pumps, q, f).sql).toContain(`"${DISTRICT_CODE}" = `);
    // Moving things keep the polygon test.
    expect(usesDistrictCode(trucks, tables, 'readings')).toBe(false);
    expect(await resolveDistrictCode(twin.context.db!, trucks, q.spatial, tables, 'readings')).toBeNull();
  });

  it('an unknown district is a 404 naming the parameter and the district', async () => {
    const pumps = LAYERS.find((l) => l.id === 'pump-stations')!;
    const q = parseCommonParams({ district: ['Atlantis'] }, null);
    const got = resolveDistrictCode(
      twin.context.db!,
      pumps,
      q.spatial,
      loadDistrictCodedTables(demoDir),
      'features',
    );
    await expect(got).rejects.toBeInstanceOf(ApiError);
    await expect(got).rejects.toMatchObject({
      code: 'not_found',
      status: 404,
      parameter: 'district',
      message: 'unknown district "Atlantis"',
    });
  });

  // Ids whose lon/lat lies in the polygon (each distinct id tested once, after a bbox test).
  const pipIds = (edges: Edge[], t: Table, id: string) => {
    const ids = t.getChild(id)!.toArray() as string[];
    const lon = t.getChild('lon')!.toArray() as Float64Array;
    const lat = t.getChild('lat')!.toArray() as Float64Array;
    const xs = edges.flatMap((e) => [e[0], e[2]]);
    const ys = edges.flatMap((e) => [e[1], e[3]]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const inside = new Set<string>();
    const seen = new Set<string>();
    ids.forEach((k, i) => {
      if (seen.has(k)) return;
      seen.add(k);
      const [x, y] = [lon[i]!, lat[i]!];
      if (x >= x0 && x <= x1 && y >= y0 && y <= y1 && isPointInPolygons(x, y, edges)) inside.add(k);
    });
    return [...inside].sort();
  };

  it.each(coded.map((l) => [l.id] as const))(
    '%s: features by code = point-in-polygon of lon/lat, every district',
    async (id) => {
      const layer = LAYERS.find((l) => l.id === id)!;
      const all = await fetchArrow(twin.app, `/api/layers/${id}/features?limit=100000`);
      let total = 0;
      for (const d of districts) {
        const url = `/api/layers/${id}/features?limit=100000&district=${d.code}`;
        const byCode = sortedColumn(await fetchArrow(twin.app, url), layer.idColumn);
        expect({ district: d.code, ids: byCode }).toEqual({
          district: d.code,
          ids: pipIds(polygonEdges([d.polygon]), all, layer.idColumn),
        });
        total += byCode.length;
      }
      expect(total).toBeGreaterThan(0);
    },
  );

  it.each(coded.filter((l) => l.temporal?.fixedPosition).map((l) => [l.id] as const))(
    '%s: 24 h hourly buckets by code = the buckets whose readings lie in the district, every district',
    async (id) => {
      const layer = LAYERS.find((l) => l.id === id)!;
      const t = layer.temporal!;
      // Fixed features: every reading of a key sits at one position, so a bucket row's lon/lat is its readings'.
      const moved = await twin.context.db!.queryRows(
        `SELECT count(*)::INTEGER AS n FROM (SELECT ${t.key} FROM ${t.table} GROUP BY 1 HAVING count(DISTINCT (lon, lat)) > 1)`,
      );
      expect(moved[0]!.n).toBe(0);
      const url = `/api/layers/${id}/readings?${day}&bucket=1h&limit=100000`;
      const all = await fetchArrow(twin.app, url);
      const keyCol = all.getChild(t.key)!.toArray() as string[];
      const rows = all
        .toArray()
        .map((r) => JSON.stringify(r.toJSON(), (_, v) => (typeof v === 'bigint' ? String(v) : v)));
      let total = 0;
      for (const d of districts) {
        const keys = new Set(pipIds(polygonEdges([d.polygon]), all, t.key));
        const expected = rows.filter((_, i) => keys.has(keyCol[i]!)).sort();
        const got = (await fetchArrow(twin.app, `${url}&district=${d.code}`))
          .toArray()
          .map((r) => JSON.stringify(r.toJSON(), (_, v) => (typeof v === 'bigint' ? String(v) : v)))
          .sort();
        expect({ district: d.code, n: got.length, same: got.join('\n') === expected.join('\n') }).toEqual({
          district: d.code,
          n: expected.length,
          same: true,
        });
        total += got.length;
      }
      expect(total).toBeGreaterThan(0);
    },
    240_000,
  );
});
