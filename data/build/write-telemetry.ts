import { REPLAY_DAY } from '../config/scales';
import { ROUTE_STEP_M } from '../generate/muck-trucks';
import { createRng } from '../generate/prng';
import { crowdReadingsSql } from '../telemetry/crowd-readings-sql';
import { pipeReadingsSql } from '../telemetry/pipe-readings-sql';
import { STEP_S, smoothSeries } from '../telemetry/rain-field';
import { noiseMacroSql } from '../telemetry/sql-noise';
import { truckPositionsHourSql } from '../telemetry/truck-positions-sql';
import { type Db, exec } from './duckdb';
import type { GeneratedWorld } from './generate-all';
import { createReadingsTable, writeReadingsTable, writeSimTable } from './write-tables';

const tsAt = (k: number) => REPLAY_DAY.startUtcMs + k * STEP_S * 1000;

/** Columns of the `sim_cells` helper table that the crowd-readings SQL reads (one row per crowd cell). */
export const SIM_CELLS_COLUMNS: Readonly<Record<string, string>> = {
  cell_id: 'VARCHAR',
  idx: 'INTEGER',
  lon: 'DOUBLE',
  lat: 'DOUBLE',
  hkey: 'BIGINT',
  commute_w: 'DOUBLE',
  leisure_w: 'DOUBLE',
  resident_w: 'DOUBLE',
  event_w: 'DOUBLE',
  walk_m2: 'DOUBLE',
};

/** Writes the JS-simulated readings (rain, stations, waterlogging, teams) into the database. */
export async function writeSimulatedReadings(db: Db, gen: GeneratedWorld, tmpDir: string): Promise<void> {
  await writeReadingsTable(db, 'rain-gauges', gen.readings.rain, tmpDir);
  await writeReadingsTable(db, 'pump-stations', gen.readings.stations, tmpDir);
  await writeReadingsTable(db, 'waterlogging-points', gen.readings.waterlogging, tmpDir);
  await writeReadingsTable(db, 'flood-teams', gen.readings.teams, tmpDir);
}

/**
 * Generates the big readings tables in SQL (pipes every 15 min, crowd every 5 min, trucks every 10 s, one hour
 * at a time) into `schema` (e.g. `main` or an attached scratch database), from small simulation input tables.
 */
export async function writeSqlReadings(
  db: Db,
  gen: GeneratedWorld,
  rain5min: number[],
  seed: number,
  schema: string,
  tmpDir: string,
  log: (msg: string) => void,
): Promise<void> {
  await exec(db, noiseMacroSql());
  const rng = createRng(seed, 'pipe-sim');
  await writeSimTable(
    db,
    'sim_pipes',
    {
      pipe_id: 'VARCHAR',
      idx: 'INTEGER',
      lon: 'DOUBLE',
      lat: 'DOUBLE',
      hkey: 'BIGINT',
      dry: 'DOUBLE',
      load: 'DOUBLE',
      cap_m3s: 'DOUBLE',
    },
    gen.pipes.map((p, idx) => ({
      pipe_id: p.id,
      idx,
      lon: p.lon,
      lat: p.lat,
      dry: rng.range(0.04, 0.2),
      load: rng.range(0.6, 1.6),
      cap_m3s: (Math.PI / 4) * (p.diameter_mm / 1000) ** 2 * 1.2,
    })),
    tmpDir,
  );
  const smooth = smoothSeries(rain5min, 1800);
  await writeSimTable(
    db,
    'sim_rain15',
    { step: 'INTEGER', ts: 'TIMESTAMP', r: 'DOUBLE' },
    smooth.filter((_, k) => k % 3 === 0).map((r, step) => ({ step, ts: tsAt(step * 3), r })),
    tmpDir,
  );
  await writeSimTable(
    db,
    'sim_rain5',
    { step: 'INTEGER', ts: 'TIMESTAMP', r: 'DOUBLE' },
    rain5min.map((r, step) => ({ step, ts: tsAt(step), r })),
    tmpDir,
  );
  await writeSimTable(
    db,
    'sim_cells',
    SIM_CELLS_COLUMNS,
    gen.cells.map((c, idx) => ({
      cell_id: c.cell_id,
      idx,
      lon: c.lon,
      lat: c.lat,
      commute_w: c.commuteW,
      leisure_w: c.leisureW,
      resident_w: c.residentW,
      event_w: c.eventW,
      walk_m2: c.walkM2,
    })),
    tmpDir,
  );
  const nPts = new Map<number, number>();
  for (const p of gen.routePoints) nPts.set(p.routeId, Math.max(nPts.get(p.routeId) ?? 0, p.i + 1));
  await writeSimTable(
    db,
    'sim_trucks',
    {
      truck_id: 'VARCHAR',
      idx: 'INTEGER',
      route_id: 'BIGINT',
      permitted_route_id: 'BIGINT',
      route_len: 'DOUBLE',
      n_pts: 'BIGINT',
      speed: 'DOUBLE',
      wobble: 'DOUBLE',
      dwell_load: 'DOUBLE',
      dwell_unload: 'DOUBLE',
      shift_start: 'BIGINT',
      shift_end: 'BIGINT',
      phase: 'DOUBLE',
    },
    gen.trucks.map((t) => ({
      truck_id: t.id,
      idx: t.idx,
      route_id: t.routeId,
      permitted_route_id: t.permittedRouteId,
      route_len: Math.max(ROUTE_STEP_M, t.routeLengthM),
      n_pts: nPts.get(t.routeId) ?? 1,
      speed: t.speedMps,
      wobble: t.wobble,
      dwell_load: t.dwellLoadS,
      dwell_unload: t.dwellUnloadS,
      shift_start: t.shiftStartS,
      shift_end: t.shiftEndS,
      phase: t.phaseS,
    })),
    tmpDir,
  );
  await writeSimTable(
    db,
    'sim_route_pts',
    { rkey: 'BIGINT', lon: 'DOUBLE', lat: 'DOUBLE', dlon: 'DOUBLE', dlat: 'DOUBLE', heading: 'DOUBLE' },
    gen.routePoints.map((p) => ({
      rkey: p.routeId * 1_000_000 + p.i,
      lon: p.lon,
      lat: p.lat,
      dlon: p.dlon,
      dlat: p.dlat,
      heading: p.heading,
    })),
    tmpDir,
  );
  const pipeT = await createReadingsTable(db, 'drainage-pipes', `${schema}.pipe_readings`);
  await exec(db, pipeReadingsSql(seed, pipeT));
  log('pipe readings written');
  const crowdT = await createReadingsTable(db, 'crowd-density', `${schema}.crowd_readings`);
  await exec(db, crowdReadingsSql(seed, crowdT));
  log('crowd readings written');
  const truckT = await createReadingsTable(db, 'muck-trucks', `${schema}.truck_positions`);
  for (let h = 0; h < REPLAY_DAY.hours; h++) {
    await exec(db, truckPositionsHourSql(seed, h, truckT));
    if (h % 6 === 5) log(`truck positions: ${h + 1}/${REPLAY_DAY.hours} hours`);
  }
}
