import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataDir, ensureDemoData } from '../ensure-demo';
import { closeDb, type Db, openDb, queryRows } from './duckdb';

let db: Db;

beforeAll(async () => {
  await ensureDemoData({ quiet: true });
  db = await openDb(join(demoDataDir(), 'twin.duckdb'), { readOnly: true });
});
afterAll(() => closeDb(db));

describe('demo muck-truck tracks', () => {
  it('report one row every 10 s per truck for the whole replay day', async () => {
    const rows = await queryRows(
      db,
      `SELECT count(DISTINCT truck_id)::INTEGER AS trucks, count(*)::INTEGER AS n,
              (SELECT count(*)::INTEGER FROM muck_trucks) AS fleet FROM truck_positions`,
    );
    const r = rows[0]!;
    expect(r.trucks).toBe(r.fleet);
    expect(r.n).toBe(Number(r.fleet) * 8640);
  });

  it('move as far between fixes as their reported speed says (position integrates speed)', async () => {
    const rows = await queryRows(
      db,
      `WITH p AS (
         SELECT truck_id, ts, lon, lat, speed_kmh,
           lag(lon) OVER w AS plon, lag(lat) OVER w AS plat, lag(speed_kmh) OVER w AS pv, lag(ts) OVER w AS pts
         FROM truck_positions WHERE truck_id IN ('truck-00001', 'truck-00002', 'truck-00003')
         WINDOW w AS (PARTITION BY truck_id ORDER BY ts))
       SELECT speed_kmh, pv,
         2 * 6371008.8 * asin(sqrt(pow(sin(radians(lat - plat) / 2), 2)
           + cos(radians(lat)) * cos(radians(plat)) * pow(sin(radians(lon - plon) / 2), 2))) AS moved
       FROM p WHERE pts = ts - INTERVAL 10 SECOND AND speed_kmh > 5 AND pv > 5`,
    );
    expect(rows.length).toBeGreaterThan(100);
    const ratios = rows
      .map((r) => Number(r.moved) / (((Number(r.speed_kmh) + Number(r.pv)) / 2 / 3.6) * 10))
      .sort((a, b) => a - b);
    const median = ratios[ratios.length >> 1]!;
    expect(median).toBeGreaterThan(0.85);
    expect(median).toBeLessThan(1.1);
  });

  it('stand still (within GPS noise) while parked', async () => {
    const rows = await queryRows(
      db,
      `WITH p AS (
         SELECT lon, lat, speed_kmh, lag(lon) OVER w AS plon, lag(lat) OVER w AS plat, lag(speed_kmh) OVER w AS pv
         FROM truck_positions WHERE truck_id = 'truck-00001' WINDOW w AS (ORDER BY ts))
       SELECT max(abs(lon - plon))::DOUBLE AS dlon, max(abs(lat - plat))::DOUBLE AS dlat
       FROM p WHERE speed_kmh = 0 AND pv = 0`,
    );
    expect(Number(rows[0]!.dlon)).toBeLessThan(1e-4);
    expect(Number(rows[0]!.dlat)).toBeLessThan(1e-4);
  });
});
