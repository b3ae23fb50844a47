import { REPLAY_DAY } from '../config/scales';
import { ROUTE_STEP_M } from '../generate/muck-trucks';
import { createRng } from '../generate/prng';
import { crowdReadingsSql } from '../telemetry/crowd-readings-sql';
import { pipeReadingsSql } from '../telemetry/pipe-readings-sql';
import { STEP_S, smoothSeries } from '../telemetry/rain-field';
import { noiseMacroSql } from '../telemetry/sql-noise';
import { truckPositionsHourSql } from '../telemetry/truck-positions-sql';
import { type Db, exec } from './duckdb';
import type { GeneratedWorld } from './generated-world';
import { writeSimTable } from './write-tables';

const tsAt = (k: number) => REPLAY_DAY.startUtcMs + k * STEP_S * 1000;

/** What a SQL readings writer needs besides the world: the seed, a scratch folder and the build log. */
export interface SqlWriterEnv {
  seed: number;
  /** Time slot (s) the rows are ordered by first, when the layer keeps latest-state snapshots; else null. */
  slotSeconds: number | null;
  tmpDir: string;
  log: (msg: string) => void;
}

/**
 * Writes one layer's readings in SQL into `target` (an empty table with the registry schema, possibly in an
 * attached scratch database), from small simulation input tables it creates and drops itself.
 */
export type SqlReadingsWriter = (
  db: Db,
  w: GeneratedWorld,
  target: string,
  env: SqlWriterEnv,
) => Promise<void>;

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

async function dropTables(db: Db, tables: string[]): Promise<void> {
  for (const t of tables) await exec(db, `DROP TABLE ${t};`);
}

/** Pipe readings every 15 min: fill rises with the smoothed local rain (`sim_pipes` × `sim_rain15`). */
export const writePipeReadings: SqlReadingsWriter = async (db, w, target, env) => {
  await exec(db, noiseMacroSql());
  const rng = createRng(env.seed, 'pipe-sim');
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
    w.drainage.pipes.map((p, idx) => ({
      pipe_id: p.id,
      idx,
      lon: p.lon,
      lat: p.lat,
      dry: rng.range(0.04, 0.2),
      load: rng.range(0.6, 1.6),
      cap_m3s: (Math.PI / 4) * (p.diameter_mm / 1000) ** 2 * 1.2,
    })),
    env.tmpDir,
  );
  const smooth = smoothSeries(w.ctx.rain5min, 1800);
  await writeSimTable(
    db,
    'sim_rain15',
    { step: 'INTEGER', ts: 'TIMESTAMP', r: 'DOUBLE' },
    smooth.filter((_, k) => k % 3 === 0).map((r, step) => ({ step, ts: tsAt(step * 3), r })),
    env.tmpDir,
  );
  await exec(db, pipeReadingsSql(env.seed, target));
  await dropTables(db, ['sim_pipes', 'sim_rain15']);
  env.log('pipe readings written');
};

/** Crowd readings every 5 min: commuters, visitors, residents and the evening surge (`sim_cells` × `sim_rain5`). */
export const writeCrowdReadings: SqlReadingsWriter = async (db, w, target, env) => {
  await exec(db, noiseMacroSql());
  await writeSimTable(
    db,
    'sim_rain5',
    { step: 'INTEGER', ts: 'TIMESTAMP', r: 'DOUBLE' },
    w.ctx.rain5min.map((r, step) => ({ step, ts: tsAt(step), r })),
    env.tmpDir,
  );
  await writeSimTable(
    db,
    'sim_cells',
    SIM_CELLS_COLUMNS,
    w.cells.map((c, idx) => ({
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
    env.tmpDir,
  );
  await exec(db, crowdReadingsSql(env.seed, target));
  await dropTables(db, ['sim_rain5', 'sim_cells']);
  env.log('crowd readings written');
};

/** Truck positions every 10 s, one hour per statement, in closed form along each truck's route. */
export const writeTruckPositions: SqlReadingsWriter = async (db, w, target, env) => {
  await exec(db, noiseMacroSql());
  const { trucks, routePoints } = w.trucks;
  const nPts = new Map<number, number>();
  for (const p of routePoints) nPts.set(p.routeId, Math.max(nPts.get(p.routeId) ?? 0, p.i + 1));
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
    trucks.map((t) => ({
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
    env.tmpDir,
  );
  await writeSimTable(
    db,
    'sim_route_pts',
    { rkey: 'BIGINT', lon: 'DOUBLE', lat: 'DOUBLE', dlon: 'DOUBLE', dlat: 'DOUBLE', heading: 'DOUBLE' },
    routePoints.map((p) => ({
      rkey: p.routeId * 1_000_000 + p.i,
      lon: p.lon,
      lat: p.lat,
      dlon: p.dlon,
      dlat: p.dlat,
      heading: p.heading,
    })),
    env.tmpDir,
  );
  for (let h = 0; h < REPLAY_DAY.hours; h++) {
    await exec(db, truckPositionsHourSql(env.seed, h, target, env.slotSeconds));
    if (h % 6 === 5) env.log(`truck positions: ${h + 1}/${REPLAY_DAY.hours} hours`);
  }
  await dropTables(db, ['sim_trucks', 'sim_route_pts']);
};
