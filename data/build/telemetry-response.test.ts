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

/** Local hour (CST) window [from, to) as a UTC timestamp filter on column ts. */
const localHours = (from: number, to: number) =>
  `ts >= TIMESTAMP '2013-09-12 16:00:00' + INTERVAL (${from}) HOUR AND ts < TIMESTAMP '2013-09-12 16:00:00' + INTERVAL (${to}) HOUR`;

async function scalar(sql: string): Promise<number> {
  const rows = await queryRows(db, sql);
  return Number(Object.values(rows[0]!)[0]);
}

describe('demo telemetry responds to the 2013-09-13 rainstorm', () => {
  it('rain gauges peak at the 16h storm (61.6 mm/h regional) and are dry in the morning', async () => {
    const peak = await scalar(
      `SELECT avg(rain_mm_h) FROM rain_readings WHERE ts = TIMESTAMP '2013-09-13 08:00:00'`,
    );
    expect(peak).toBeGreaterThan(61.6 * 0.75);
    expect(peak).toBeLessThan(61.6 * 1.25);
    expect(await scalar(`SELECT max(rain_mm_h) FROM rain_readings WHERE ${localHours(0, 14)}`)).toBe(0);
  });

  it('pipes fill more at the storm peak than in dry hours', async () => {
    const storm = await scalar(`SELECT avg(fill_ratio) FROM pipe_readings WHERE ${localHours(16, 17)}`);
    const dry = await scalar(`SELECT avg(fill_ratio) FROM pipe_readings WHERE ${localHours(6, 12)}`);
    expect(storm).toBeGreaterThan(dry + 0.3);
    expect(await scalar(`SELECT max(fill_ratio) FROM pipe_readings`)).toBeLessThanOrEqual(1);
  });

  it('waterlogging depth rises at the storm and is zero in dry hours', async () => {
    const storm = await scalar(`SELECT max(depth_cm) FROM waterlogging_readings WHERE ${localHours(16, 18)}`);
    expect(storm).toBeGreaterThan(5);
    expect(await scalar(`SELECT max(depth_cm) FROM waterlogging_readings WHERE ${localHours(6, 14)}`)).toBe(
      0,
    );
  });

  it('pumps run more and forebays rise at the storm', async () => {
    const stormPumps = await scalar(
      `SELECT avg(pumps_running) FROM pump_station_readings WHERE ${localHours(16, 17)} AND status <> 'fault'`,
    );
    const dryPumps = await scalar(
      `SELECT avg(pumps_running) FROM pump_station_readings WHERE ${localHours(6, 12)} AND status <> 'fault'`,
    );
    expect(stormPumps).toBeGreaterThan(dryPumps + 1);
    const level = await scalar(
      `SELECT max(forebay_level_m) FROM pump_station_readings WHERE ${localHours(16, 18)}`,
    );
    expect(level).toBeGreaterThan(2.5);
  });

  it('keeps crowds below their dry-weather level while it pours (see crowd-readings-sql.test.ts)', async () => {
    const bund = `cell_id IN (SELECT cell_id FROM crowd_cells WHERE area_name = '外滩')`;
    const storm = await scalar(
      `SELECT avg(density) FROM crowd_readings WHERE ${bund} AND ${localHours(16, 17)}`,
    );
    const evening = await scalar(
      `SELECT max(density) FROM crowd_readings WHERE ${bund} AND ${localHours(20, 21)}`,
    );
    expect(storm).toBeGreaterThan(0);
    expect(evening).toBeGreaterThan(storm * 2);
  });

  it('muck trucks drive mostly at night, with some violations of both kinds', async () => {
    const night = await scalar(
      `SELECT count(*) FROM truck_positions WHERE speed_kmh > 0 AND (${localHours(0, 6)} OR ${localHours(20, 24)})`,
    );
    const moving = await scalar('SELECT count(*) FROM truck_positions WHERE speed_kmh > 0');
    expect(night / moving).toBeGreaterThan(0.8);
    expect(await scalar(`SELECT count(*) FROM truck_positions WHERE violation = 'speeding'`)).toBeGreaterThan(
      0,
    );
    expect(
      await scalar(`SELECT count(*) FROM truck_positions WHERE violation = 'off_hours'`),
    ).toBeGreaterThan(0);
    expect(await scalar('SELECT max(speed_kmh) FROM truck_positions')).toBeLessThan(100);
  });

  it('sends flood teams out when points flood', async () => {
    expect(await scalar(`SELECT count(*) FROM team_positions WHERE status = 'deployed'`)).toBeGreaterThan(0);
    expect(
      await scalar(`SELECT count(*) FROM team_positions WHERE status = 'deployed' AND ${localHours(6, 14)}`),
    ).toBe(0);
  });
});
