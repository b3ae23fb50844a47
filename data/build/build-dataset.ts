import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { LAYERS } from '../../layers/registry';
import {
  DEFAULT_SEED,
  GENERATOR_VERSION,
  HKEY_EXTENT,
  REPLAY_DAY,
  SCALES,
  type ScaleName,
} from '../config/scales';
import { generateSyntheticBuildings } from '../generate/synthetic-buildings';
import { mortonMacroSql } from '../geo/morton';
import { loadBuildingFootprints } from '../import/buildings';
import { createDistrictCoder } from './assign-district-codes';
import { fingerprintDataset } from './dataset-files';
import { closeDb, exec, literal, openDb } from './duckdb';
import { exportParquet, exportParquetByHour, hourParquetPath, parquetPath } from './export-parquet';
import { GeneratedWorld } from './generated-world';
import { latestSnapshotsSql } from './latest-snapshots';
import { layerSource } from './layer-sources';
import { type DataSources, DEFAULT_SOURCES, loadWorld } from './load-world';
import { type Manifest, type TableStats, tableStats } from './manifest';
import { createReadingsTable, writeFeatureTable, writeReadingsTable } from './write-tables';

/** Options of a dataset build. */
export interface BuildOptions {
  scale: ScaleName;
  seed?: number;
  /** Output directory; defaults to `out/data/<scale>` under the repository root. */
  outDir?: string;
  sources?: DataSources;
  log?: (msg: string) => void;
}

/** Repository root (this file lives in data/build/). */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** Default output directory of a scale. */
export function defaultOutDir(scale: ScaleName): string {
  return join(REPO_ROOT, 'out', 'data', scale);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Removes `<outDir>.tmp-<pid>` directories left by builds whose process has died. */
async function removeStaleTmpDirs(outDir: string): Promise<void> {
  const prefix = `${basename(outDir)}.tmp-`;
  const entries = await readdir(dirname(outDir)).catch(() => [] as string[]);
  for (const e of entries) {
    const pid = Number(e.slice(prefix.length));
    if (e.startsWith(prefix) && Number.isInteger(pid) && pid !== process.pid && !isAlive(pid))
      await rm(join(dirname(outDir), e), { recursive: true, force: true });
  }
}

/** Replaces `outDir` by `tmp`; if another process swapped its own build in meanwhile, retries once. */
async function swapIntoPlace(tmp: string, outDir: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await rm(outDir, { recursive: true, force: true });
    try {
      await rename(tmp, outDir);
      return;
    } catch (err) {
      if (attempt >= 2) throw err;
    }
  }
}

/**
 * Builds one scale's dataset: imports the real layers, runs the seeded generators and simulations, writes
 * twin.duckdb, the Parquet files and manifest.json into a temporary directory and swaps it into place.
 */
export async function buildDataset(opts: BuildOptions): Promise<Manifest> {
  const outDir = resolve(opts.outDir ?? defaultOutDir(opts.scale));
  await mkdir(dirname(outDir), { recursive: true });
  await removeStaleTmpDirs(outDir);
  try {
    return await buildInto(opts, outDir);
  } catch (err) {
    await rm(`${outDir}.tmp-${process.pid}`, { recursive: true, force: true });
    throw err;
  }
}

async function buildInto(opts: BuildOptions, outDir: string): Promise<Manifest> {
  const t0 = performance.now();
  const scale = SCALES[opts.scale];
  const seed = opts.seed ?? DEFAULT_SEED;
  const sources = opts.sources ?? DEFAULT_SOURCES;
  const tmp = `${outDir}.tmp-${process.pid}`;
  const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)}s`;
  const log = (msg: string) => opts.log?.(`[data ${scale.name} ${elapsed()}] ${msg}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });

  const ctx = loadWorld(scale, seed, sources);
  log(
    `world: ${ctx.roads.length} roads, network ${ctx.network.nodes.length} nodes / ${ctx.network.edges.length} edges`,
  );
  const buildings = [
    ...(await loadBuildingFootprints(sources.buildings, { crs: sources.crs })),
    ...(scale.syntheticBuildings > 0 ? generateSyntheticBuildings({ count: scale.syntheticBuildings }) : []),
  ];
  log(`buildings: ${buildings.length}`);
  const world = new GeneratedWorld(ctx, buildings, log);

  const asViews = scale.hourlyViews;
  const db = await openDb(join(tmp, 'twin.duckdb'));
  await exec(db, `SET memory_limit = '10GB'; SET temp_directory = ${literal(join(tmp, 'spill'))};`);
  await exec(db, mortonMacroSql());
  if (asViews) await exec(db, `ATTACH ${literal(join(tmp, 'scratch.duckdb'))} AS scratch;`);
  const bigSchema = asViews ? 'scratch' : 'main';

  // One loop over the registry: features of every layer, then the JS-simulated readings, then the SQL ones.
  const registered = LAYERS.map((l) => ({ layer: l, source: layerSource(l.id) }));
  const coder = createDistrictCoder(ctx.districts);
  for (const { layer: l, source } of registered)
    await writeFeatureTable(db, l.id, coder.rows(l, source.features(world)), tmp);
  log('feature tables written');
  for (const { layer: l, source } of registered)
    if (source.readings?.kind === 'rows')
      await writeReadingsTable(db, l.id, source.readings.rows(world), tmp);
  log('simulated readings written');
  for (const { layer: l, source } of registered)
    if (source.readings?.kind === 'sql') {
      const target = await createReadingsTable(db, l.id, `${bigSchema}.${l.temporal!.table}`);
      await source.readings.write(db, world, target, {
        seed,
        slotSeconds: l.temporal!.snapshots?.everySeconds ?? null,
        tmpDir: tmp,
        log,
      });
      const snap = l.temporal!.snapshots;
      if (snap) {
        await exec(db, latestSnapshotsSql(l, target, `${bigSchema}.${snap.table}`));
        log(`latest-state snapshots of ${l.temporal!.table} written`);
      }
    }
  const viewTables = new Set(
    asViews
      ? registered
          .filter((s) => s.source.readings?.kind === 'sql')
          .flatMap((s) => [s.layer.temporal!.table, s.layer.temporal!.snapshots?.table ?? []].flat())
      : [],
  );

  const tables: Record<string, TableStats> = {};
  for (const l of LAYERS) {
    const entries: { table: string; role: TableStats['role'] }[] = [{ table: l.table, role: 'features' }];
    if (l.temporal) entries.push({ table: l.temporal.table, role: 'readings' });
    if (l.temporal?.snapshots) entries.push({ table: l.temporal.snapshots.table, role: 'snapshots' });
    for (const { table, role } of entries) {
      const view = viewTables.has(table);
      const source = view ? `scratch.${table}` : table;
      if (view && role === 'readings') {
        // One file per local hour (day=…/hour=HH): the server picks the files of a time window.
        const parts = await exportParquetByHour(db, source, l.temporal!.time, table, REPLAY_DAY, tmp);
        const stats = await tableStats(db, source, l, 'readings');
        tables[table] = {
          layer: l.id,
          role,
          storage: 'view',
          ...stats,
          parquet: hourParquetPath(table, REPLAY_DAY.local, '*'),
          parquetBytes: parts.reduce((s, p) => s + p.bytes, 0),
          parts,
        };
        log(`parquet ${table}: ${stats.rows} rows in ${parts.length} hourly files`);
        continue;
      }
      const rel = parquetPath(table, role === 'features' ? null : REPLAY_DAY.local);
      await exportParquet(db, source, join(tmp, rel));
      const stats = await tableStats(db, source, l, role === 'features' ? 'features' : 'readings');
      tables[table] = {
        layer: l.id,
        role,
        storage: view ? 'view' : 'table',
        ...stats,
        parquet: rel,
        parquetBytes: (await stat(join(tmp, rel))).size,
      };
      log(`parquet ${table}: ${stats.rows} rows`);
    }
  }
  if (asViews) await exec(db, 'DETACH scratch;');
  await exec(db, 'CHECKPOINT;');
  closeDb(db);
  await rm(join(tmp, 'scratch.duckdb'), { force: true });
  await rm(join(tmp, 'scratch.duckdb.wal'), { force: true });
  await rm(join(tmp, 'spill'), { recursive: true, force: true });

  await swapIntoPlace(tmp, outDir);
  if (asViews) {
    // Views point at absolute Parquet paths, so they are created after the directory is in place.
    const final = await openDb(join(outDir, 'twin.duckdb'));
    // The hourly files listed explicitly in hour order (no glob per query); hive_partitioning = false keeps
    // `day`/`hour` out of the schema.
    for (const [table, s] of Object.entries(tables))
      if (s.storage === 'view') {
        const files = (s.parts ?? [{ path: s.parquet }]).map((p) => literal(join(outDir, p.path)));
        await exec(
          final,
          `CREATE VIEW ${table} AS SELECT * FROM read_parquet([${files.join(', ')}], hive_partitioning = false);`,
        );
      }
    closeDb(final);
  }
  const endUtc = REPLAY_DAY.startUtcMs + REPLAY_DAY.hours * 3600_000;
  const manifest: Manifest = {
    generatorVersion: GENERATOR_VERSION,
    scale: scale.name,
    seed,
    day: {
      local: REPLAY_DAY.local,
      startUtc: new Date(REPLAY_DAY.startUtcMs).toISOString(),
      endUtc: new Date(endUtc).toISOString(),
    },
    builtAt: new Date().toISOString(),
    buildSeconds: Math.round((performance.now() - t0) / 100) / 10,
    hkey: { curve: 'morton', bitsPerAxis: 16, extent: HKEY_EXTENT },
    sources: { ...sources },
    notes: [
      `rain: ${ctx.rainMissingHours} missing (NA) hours of the replay day read as 0 mm`,
      'all layers except districts, water, roads (real rows), buildings and metro stations are synthetic',
      asViews
        ? 'pipe_readings, crowd_readings and truck_positions are views over their hourly Parquet files (absolute paths)'
        : 'all tables are copies inside twin.duckdb',
    ],
    districtCodes: coder.note(),
    tables,
    files: await fingerprintDataset(outDir),
  };
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  log(`done in ${manifest.buildSeconds}s`);
  return manifest;
}
