import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, type Db, exec, openDb, queryRows } from '../build/duckdb';
import { createReadingsTable, writeSimTable } from '../build/write-tables';
import { SIM_CELLS_COLUMNS } from '../build/write-telemetry';
import { REPLAY_DAY } from '../config/scales';
import { mortonMacroSql } from '../geo/morton';
import { crowdReadingsSql } from './crowd-readings-sql';
import { noiseMacroSql } from './sql-noise';

const tmp = mkdtempSync(`${tmpdir()}/crowd-sql-`);
let db: Db;

/** Runs the crowd generator for one Bund-like cell under a given 5-min rain series; returns counts per step. */
async function countsUnder(rain: number[], table: string): Promise<number[]> {
  await exec(db, 'DROP TABLE IF EXISTS sim_rain5;');
  await writeSimTable(
    db,
    'sim_rain5',
    { step: 'INTEGER', ts: 'TIMESTAMP', r: 'DOUBLE' },
    rain.map((r, step) => ({ step, ts: REPLAY_DAY.startUtcMs + step * 300_000, r })),
    tmp,
  );
  await createReadingsTable(db, 'crowd-density', table);
  await exec(db, crowdReadingsSql(1, table));
  const rows = await queryRows(db, `SELECT count FROM ${table} ORDER BY ts`);
  return rows.map((r) => Number(r.count));
}

beforeAll(async () => {
  db = await openDb(':memory:');
  await exec(db, mortonMacroSql());
  await exec(db, noiseMacroSql());
  await writeSimTable(
    db,
    'sim_cells',
    SIM_CELLS_COLUMNS,
    [
      {
        cell_id: 'bund',
        idx: 0,
        lon: 121.491,
        lat: 31.238,
        commute_w: 500,
        leisure_w: 5000,
        resident_w: 80,
        event_w: 4000,
        walk_m2: 2500,
      },
    ],
    tmp,
  );
});
afterAll(() => closeDb(db));

describe('crowd readings SQL', () => {
  it('follows the daily rhythm, surges in the evening, and thins out in rain', async () => {
    const dry = await countsUnder(Array(288).fill(0), 'dry');
    const storm = Array(288).fill(0);
    for (let k = 15 * 12; k < 18 * 12; k++) storm[k] = 50;
    const wet = await countsUnder(storm, 'wet');
    expect(dry).toHaveLength(288);
    const at = (c: number[], h: number) => c[h * 12]!;
    expect(at(dry, 20.5)).toBeGreaterThan(at(dry, 15) * 1.5);
    expect(at(dry, 4)).toBeLessThan(at(dry, 15) * 0.2);
    expect(at(wet, 16)).toBeLessThan(at(dry, 16) * 0.5);
    expect(at(wet, 10)).toBe(at(dry, 10));
  });
});
