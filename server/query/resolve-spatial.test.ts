import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { booleanPointInPolygon, point, polygon } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/database';
import { Deadline, withDeadline } from '../deadline';
import { ApiError } from '../errors';
import { rejection } from '../test-support/rejection';
import { isPointInIndex, type PolygonIndex, ringOfFlat } from './polygon-index';
import { stopPolygonWorkers } from './polygon-index-pool';
import {
  districtPolygon,
  findDistrictPolygons,
  resolveSpatial,
  resolveSpatialUncached,
} from './resolve-spatial';

// A districts table written here, with the rows the loader must get right: a hole, a concave ring, a district with
// no English name, rows with no code or no rings (skipped), and a later row reusing an English name (the first
// district keeps it).
const HUANGPU = [
  [121.45, 31.2, 121.5, 31.2, 121.5, 31.25, 121.45, 31.25, 121.45, 31.2],
  [121.47, 31.22, 121.47, 31.23, 121.48, 31.23, 121.48, 31.22, 121.47, 31.22],
];
const XUHUI = [[121.4, 31.15, 121.45, 31.15, 121.45, 31.2, 121.425, 31.17, 121.4, 31.2, 121.4, 31.15]];
const NO_ENGLISH = [[121.6, 31.3, 121.7, 31.3, 121.7, 31.4, 121.6, 31.4, 121.6, 31.3]];
/** A jagged ring of 20,000 vertices, whose index takes a worker a few hundred milliseconds to build. */
const BIG = [
  Array.from({ length: 20_001 }, (_, i) => {
    const a = (2 * Math.PI * (i % 20_000)) / 20_000;
    const r = 0.05 * (1 + 0.3 * Math.sin(i % 20_000));
    return [121.2 + r * Math.cos(a), 31.0 + 0.05 * Math.sin(a)];
  }).flat(),
];
const ROWS: [string | null, string, string | null, number[][] | null][] = [
  ['310101', '黄浦区', 'Huangpu', HUANGPU],
  ['310104', '徐汇区', 'Xuhui', XUHUI],
  ['310199', '无英文名区', null, NO_ENGLISH],
  [null, '无代码区', 'NoCode', NO_ENGLISH],
  ['310198', '无边界区', 'NoRings', null],
  ['310197', '重名区', 'HUANGPU', NO_ENGLISH],
  ['310196', '大区', 'Big', BIG],
];

/** Probe points well inside or outside each ring (none on an edge, where the index's half-open rule decides). */
const PROBES: [number, number][] = [
  [121.46, 31.21], // Huangpu
  [121.475, 31.225], // Huangpu's hole
  [121.41, 31.16], // Xuhui
  [121.425, 31.19], // Xuhui's concave notch
  [121.65, 31.35], // the district with no English name
  [121.3, 31.0], // nowhere
];

/** What turf says of each probe for stored flat rings (an independent point-in-polygon). */
function turfInside(rings: number[][]): boolean[] {
  const poly = polygon(rings.map((r) => ringOfFlat(r)));
  return PROBES.map(([x, y]) => booleanPointInPolygon(point([x, y]), poly));
}

const inside = (index: PolygonIndex) => PROBES.map(([x, y]) => isPointInIndex(index, x, y));

describe('resolve-spatial: district= and polygon selectors to point-in-polygon indexes', () => {
  let dir: string;
  let path: string;
  const opened: Database[] = [];
  /** A database of its own: the district cache is per database object. */
  const open = async () => {
    const db = await openDatabase(path);
    opened.push(db);
    return db;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'resolve-spatial-'));
    path = join(dir, 'twin.duckdb');
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    await conn.run('CREATE TABLE districts (code VARCHAR, name VARCHAR, name_en VARCHAR, rings DOUBLE[][])');
    for (const [code, name, nameEn, rings] of ROWS) {
      const lit = (s: string | null) => (s === null ? 'NULL' : `'${s}'`);
      const list = rings === null ? 'NULL' : `[${rings.map((r) => `[${r.join(',')}]`).join(',')}]`;
      await conn.run(`INSERT INTO districts VALUES (${lit(code)}, ${lit(name)}, ${lit(nameEn)}, ${list})`);
    }
    conn.closeSync();
    instance.closeSync();
  });
  afterAll(() => {
    for (const db of opened) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds a district by code, Chinese name or English name in any case; its index answers as turf does', async () => {
    const db = await open();
    const byCode = await districtPolygon(db, '310101');
    expect(byCode.code).toBe('310101');
    expect(inside(byCode.index)).toEqual(turfInside(HUANGPU));
    expect(inside(byCode.index)).toEqual([true, false, false, false, false, false]);
    // one index per district, built once: every alias and every later call gets the same object
    expect((await districtPolygon(db, '黄浦区')).index).toBe(byCode.index);
    expect((await districtPolygon(db, 'huangpu')).index).toBe(byCode.index);
    expect((await districtPolygon(db, 'HuangPu')).index).toBe(byCode.index);
    const xuhui = await districtPolygon(db, 'Xuhui');
    expect(xuhui.code).toBe('310104');
    expect(inside(xuhui.index)).toEqual(turfInside(XUHUI));
    expect(inside(xuhui.index)).toEqual([false, false, true, false, false, false]);
  });

  it('a district with no English name is found by code and name; rows with no code or no rings are not there', async () => {
    const db = await open();
    const d = await districtPolygon(db, '无英文名区');
    expect(d.code).toBe('310199');
    expect(inside(d.index)).toEqual([false, false, false, false, true, false]);
    for (const missing of ['无代码区', 'nocode', '310198', '无边界区', 'norings', 'null', 'undefined']) {
      const e = await rejection(districtPolygon(db, missing));
      expect(e).toBeInstanceOf(ApiError);
      expect(e).toMatchObject({
        code: 'not_found',
        status: 404,
        parameter: 'district',
        message: `unknown district "${missing}"`,
      });
    }
    // the later row that reuses an English name keeps its code and Chinese name only
    expect((await districtPolygon(db, '重名区')).code).toBe('310197');
  });

  it('resolveSpatial: a district becomes its cached index, a polygon its own index, other selectors pass through', async () => {
    const db = await open();
    expect(await resolveSpatial(db, null)).toBeNull();
    const bbox = { kind: 'bbox' as const, bbox: [121, 31, 122, 32] as [number, number, number, number] };
    expect(await resolveSpatial(db, bbox)).toBe(bbox);
    const radius = { kind: 'radius' as const, lon: 121.5, lat: 31.2, metres: 500 };
    expect(await resolveSpatial(db, radius)).toBe(radius);
    const district = await resolveSpatial(db, { kind: 'district', district: 'xuhui' });
    expect(district).toEqual({ kind: 'polygon', index: (await districtPolygon(db, '310104')).index });
    const polygons = [XUHUI.map((r) => ringOfFlat(r))];
    const own = await resolveSpatial(db, { kind: 'polygon', polygons });
    expect(own?.kind).toBe('polygon');
    expect(inside((own as { index: PolygonIndex }).index)).toEqual(turfInside(XUHUI));
  });

  it('the uncached path (the bench baseline) answers as the cached one, and names an unknown district', async () => {
    const db = await open();
    for (const [name, rings] of [
      ['黄浦区', HUANGPU],
      ['310104', XUHUI],
      ['XUHUI', XUHUI],
    ] as const) {
      const r = await resolveSpatialUncached(db, { kind: 'district', district: name });
      expect(r?.kind).toBe('polygon');
      expect(inside((r as { index: PolygonIndex }).index)).toEqual(turfInside(rings as number[][]));
    }
    expect(await findDistrictPolygons(db, '310101')).toEqual([HUANGPU.map((r) => ringOfFlat(r))]);
    const polygons = [HUANGPU.map((r) => ringOfFlat(r))];
    const own = await resolveSpatialUncached(db, { kind: 'polygon', polygons });
    expect(own?.kind).toBe('polygon');
    expect(inside((own as { index: PolygonIndex }).index)).toEqual(turfInside(HUANGPU));
    const bbox = { kind: 'bbox' as const, bbox: [121, 31, 122, 32] as [number, number, number, number] };
    expect(await resolveSpatialUncached(db, bbox)).toBe(bbox);
    expect(await resolveSpatialUncached(db, null)).toBeNull();
    expect(await rejection(findDistrictPolygons(db, 'atlantis'))).toMatchObject({
      code: 'not_found',
      parameter: 'district',
      message: 'unknown district "atlantis"',
    });
  });

  it('a request past its deadline gets its 504, even for a built index; the build itself goes on', async () => {
    const db = await open();
    const built = await districtPolygon(db, '310101');
    const late = new Deadline(60_000);
    late.expire();
    const e = await rejection(withDeadline(late, () => districtPolygon(db, '310101')));
    expect(e).toMatchObject({ code: 'timeout', status: 504 });
    // a deadline that passes while the index is being built on the worker: the request ends, the build does not
    await districtPolygon(db, '310104'); // the districts table is read: only the build is left for the next call
    const during = new Deadline(60_000);
    const waiting = rejection(withDeadline(during, () => districtPolygon(db, '无英文名区')));
    // a few microtask turns: the lookup is done and the build sent to the worker, whose answer is a later macrotask
    for (let i = 0; i < 20; i++) await null;
    during.expire();
    expect(await waiting).toMatchObject({ code: 'timeout', status: 504 });
    const after = await districtPolygon(db, '无英文名区');
    expect(inside(after.index)).toEqual(turfInside(NO_ENGLISH));
    // a deadline that does not pass changes nothing
    const ample = new Deadline(60_000);
    expect((await withDeadline(ample, () => districtPolygon(db, '310101'))).index).toBe(built.index);
    ample.dispose();
  });

  it('an index build lost with its worker is built again by the next request', async () => {
    const db = await open();
    await districtPolygon(db, '310101'); // the table is read and a worker is up: the next call only builds
    const lost = rejection(districtPolygon(db, 'big'));
    await new Promise((r) => setImmediate(r)); // the build is posted (only microtasks before it), far from done
    await stopPolygonWorkers();
    expect(await lost).toBeInstanceOf(Error);
    const again = await districtPolygon(db, 'big');
    expect(isPointInIndex(again.index, 121.2, 31.0)).toBe(true);
    expect(isPointInIndex(again.index, 121.4, 31.0)).toBe(false);
  });

  it('a districts table that failed to load is read again on the next request', async () => {
    const db = await open();
    // the read itself fails: the request's deadline has passed before the query starts
    const late = new Deadline(60_000);
    late.expire();
    expect(await rejection(withDeadline(late, () => districtPolygon(db, '310101')))).toMatchObject({
      code: 'timeout',
    });
    expect((await districtPolygon(db, '310101')).code).toBe('310101');
  });
});
