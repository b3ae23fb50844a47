import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildPolygonGeometry } from '../encode/geojson-from-arrow';

const run = promisify(execFile);

/** Where the benchmark's PostgreSQL cluster lives (kept between runs; rebuilt when the data build changes). */
export const PG_DIR = '/var/tmp/twin-bench-pg';
const PG_BIN = '/usr/lib/postgresql/15/bin';
const PORT = 54329;

/** The slice of data loaded into PostGIS: trucks in a window around the viewport hour, crowd for the whole day. */
export interface PostgisSlice {
  trucksFrom: string;
  trucksTo: string;
  dayFrom: string;
  dayTo: string;
}

/** True when PostgreSQL 15 and PostGIS 3 are installed (Debian `postgresql-15-postgis-3`). */
export function isPostgisInstalled(): boolean {
  return (
    existsSync(join(PG_BIN, 'initdb')) && existsSync('/usr/share/postgresql/15/extension/postgis.control')
  );
}

/** The Debian package the baseline comes from (as the tests get GDAL from `gdal-bin`). */
export const POSTGIS_PACKAGE = 'postgresql-15-postgis-3';

/** How `ensurePostgisInstalled` looks at and changes the machine (replaced in tests). */
export interface PostgisProbe {
  installed(): boolean;
  /** True when this process may install Debian packages (root with apt-get). */
  canInstall(): boolean;
  install(): void;
}

const systemProbe: PostgisProbe = {
  installed: isPostgisInstalled,
  canInstall: () => process.getuid?.() === 0 && existsSync('/usr/bin/apt-get'),
  install: () => {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', POSTGIS_PACKAGE], { stdio: 'inherit', env });
  },
};

/**
 * Makes sure PostgreSQL 15 + PostGIS 3 are installed, installing the Debian package when this process may; throws
 * an error that says what to run otherwise. The bench never prints a baseline column it could not measure.
 */
export function ensurePostgisInstalled(
  probe: PostgisProbe = systemProbe,
  log: (m: string) => void = () => {},
): void {
  if (probe.installed()) return;
  const how = `install it with: sudo apt-get install -y ${POSTGIS_PACKAGE} (or set BENCH_POSTGIS=0 to run without the PostGIS baseline)`;
  if (!probe.canInstall())
    throw new Error(`PostgreSQL 15 / PostGIS 3 (the bench's baseline) is not installed; ${how}`);
  log(`[bench] installing ${POSTGIS_PACKAGE} for the PostGIS baseline (apt-get, about a minute)…`);
  probe.install();
  if (!probe.installed())
    throw new Error(
      `${POSTGIS_PACKAGE} was installed but initdb or postgis.control is still missing; ${how}`,
    );
}

function asPostgres(cmd: string, args: string[]): string {
  return execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** `runuser` arguments running psql as user postgres over TCP loopback on the bench database, unaligned output. */
function psqlArgs(tail: string[]): string[] {
  return [
    '-u',
    'postgres',
    '--',
    'psql',
    '-h',
    '127.0.0.1',
    '-p',
    String(PORT),
    '-d',
    'twin',
    '-v',
    'ON_ERROR_STOP=1',
    '-At',
    ...tail,
  ];
}

/** Runs SQL through psql over TCP loopback as user postgres. */
export async function psql(sql: string, extra: string[] = []): Promise<string> {
  const { stdout } = await run('runuser', psqlArgs([...extra, '-c', sql]), { maxBuffer: 1024 * 1024 * 1024 });
  return stdout;
}

/** Starts the cluster (creating it when missing) on 127.0.0.1:54329. */
export function startPostgres(): void {
  if (!existsSync(join(PG_DIR, 'PG_VERSION'))) {
    mkdirSync(PG_DIR, { recursive: true });
    execFileSync('chown', ['postgres:postgres', PG_DIR]);
    asPostgres(join(PG_BIN, 'initdb'), ['-D', PG_DIR, '-A', 'trust', '-E', 'UTF8', '--no-locale']);
  }
  try {
    asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', PG_DIR, 'status']);
    return;
  } catch {
    // not running
  }
  const opts = `-p ${PORT} -k /tmp -c listen_addresses=127.0.0.1 -c shared_buffers=2GB -c work_mem=128MB -c maintenance_work_mem=1GB -c max_parallel_workers_per_gather=2 -c jit=off -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  asPostgres(join(PG_BIN, 'pg_ctl'), [
    '-D',
    PG_DIR,
    '-o',
    opts,
    '-l',
    join(PG_DIR, 'server.log'),
    '-w',
    'start',
  ]);
}

/** Stops the cluster. */
export function stopPostgres(): void {
  try {
    asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', PG_DIR, '-m', 'fast', 'stop']);
  } catch {
    // already stopped
  }
}

async function exportCsv(duckPath: string, sql: string, file: string): Promise<void> {
  const inst = await DuckDBInstance.create(duckPath, {
    access_mode: 'READ_ONLY',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const conn = await inst.connect();
  await conn.run(`COPY (${sql}) TO '${file}' (FORMAT csv, HEADER false)`);
  conn.closeSync();
  inst.closeSync();
}

/**
 * Loads the slice into PostGIS with GiST indexes on geometry and BRIN on time, unless the same data build and
 * slice are already loaded. Returns seconds spent (0 when reused).
 */
export async function ensurePostgisData(
  dataDir: string,
  slice: PostgisSlice,
  log: (m: string) => void,
): Promise<number> {
  const manifest = readFileSync(join(dataDir, 'manifest.json'), 'utf8');
  const stamp = JSON.stringify({
    builtAt: (JSON.parse(manifest) as { builtAt: string }).builtAt,
    dataDir,
    slice,
  });
  const marker = join(PG_DIR, 'twin-loaded.json');
  startPostgres();
  if (existsSync(marker) && readFileSync(marker, 'utf8') === stamp) return 0;
  const started = performance.now();
  const tmp = '/var/tmp/twin-bench-csv';
  mkdirSync(tmp, { recursive: true });
  execFileSync('chmod', ['755', tmp]);
  const duck = join(dataDir, 'twin.duckdb');
  await run('runuser', [
    '-u',
    'postgres',
    '--',
    'psql',
    '-h',
    '127.0.0.1',
    '-p',
    String(PORT),
    '-d',
    'postgres',
    '-c',
    'DROP DATABASE IF EXISTS twin',
  ]);
  await run('runuser', [
    '-u',
    'postgres',
    '--',
    'psql',
    '-h',
    '127.0.0.1',
    '-p',
    String(PORT),
    '-d',
    'postgres',
    '-c',
    'CREATE DATABASE twin',
  ]);
  await psql('CREATE EXTENSION postgis');
  log('[bench] PostGIS: exporting trucks slice and crowd day to CSV');
  await exportCsv(
    duck,
    `SELECT strftime(ts, '%Y-%m-%d %H:%M:%S'), truck_id, lon, lat, speed_kmh, heading_deg, loaded, violation FROM truck_positions WHERE ts >= TIMESTAMP '${slice.trucksFrom}' AND ts < TIMESTAMP '${slice.trucksTo}' ORDER BY ts`,
    join(tmp, 'trucks.csv'),
  );
  await exportCsv(
    duck,
    `SELECT strftime(ts, '%Y-%m-%d %H:%M:%S'), cell_id, lon, lat, count, density FROM crowd_readings WHERE ts >= TIMESTAMP '${slice.dayFrom}' AND ts < TIMESTAMP '${slice.dayTo}' ORDER BY ts`,
    join(tmp, 'crowd.csv'),
  );
  const districts = await (async () => {
    const inst = await DuckDBInstance.create(duck, {
      access_mode: 'READ_ONLY',
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    const conn = await inst.connect();
    const rows = (await conn.runAndReadAll('SELECT code, name, rings FROM districts')).getRowObjectsJS();
    conn.closeSync();
    inst.closeSync();
    return rows as { code: string; name: string; rings: number[][] }[];
  })();
  const districtSql = districts
    .map((d) => {
      const rings = d.rings.map((flat) => flat.flatMap((v, i) => (i % 2 === 0 ? [[v, flat[i + 1]!]] : [])));
      const geo = JSON.stringify(buildPolygonGeometry(rings));
      return `INSERT INTO districts VALUES ('${d.code}', '${d.name.replaceAll("'", "''")}', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON('${geo}'), 4326)));`;
    })
    .join('\n');
  writeFileSync(
    join(tmp, 'districts.sql'),
    `CREATE TABLE districts (code text PRIMARY KEY, name text, geom geometry(MultiPolygon, 4326));\n${districtSql}\n`,
  );
  log('[bench] PostGIS: loading (COPY), then GiST + BRIN indexes');
  await psql(`CREATE TABLE truck_positions (ts timestamp NOT NULL, truck_id text NOT NULL, lon double precision NOT NULL, lat double precision NOT NULL, speed_kmh real, heading_deg real, loaded boolean, violation text,
    geom geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED)`);
  await psql(`CREATE TABLE crowd_readings (ts timestamp NOT NULL, cell_id text NOT NULL, lon double precision NOT NULL, lat double precision NOT NULL, count integer, density real,
    geom geometry(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(lon, lat), 4326)) STORED)`);
  await run('runuser', psqlArgs(['-f', join(tmp, 'districts.sql')]));
  await psql(
    `\\copy truck_positions (ts, truck_id, lon, lat, speed_kmh, heading_deg, loaded, violation) FROM '${join(tmp, 'trucks.csv')}' CSV`,
  );
  await psql(
    `\\copy crowd_readings (ts, cell_id, lon, lat, count, density) FROM '${join(tmp, 'crowd.csv')}' CSV`,
  );
  await psql('CREATE INDEX ON truck_positions USING gist (geom)');
  await psql('CREATE INDEX ON truck_positions USING brin (ts)');
  await psql('CREATE INDEX ON crowd_readings USING gist (geom)');
  await psql('CREATE INDEX ON crowd_readings USING brin (ts)');
  await psql('CREATE INDEX ON districts USING gist (geom)');
  await psql('VACUUM ANALYZE');
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(marker, stamp);
  return (performance.now() - started) / 1000;
}

/**
 * Runs a query `runs` times in one psql session with `\timing` (send → whole result received by the client,
 * output discarded) and returns the times in ms plus the byte size of one result.
 */
export async function timePostgisQuery(sql: string, runs: number): Promise<{ ms: number[]; bytes: number }> {
  const script = ['\\timing on', '\\o /dev/null', ...Array.from({ length: runs }, () => `${sql};`)].join(
    '\n',
  );
  const file = `/tmp/twin-bench-${process.pid}.sql`;
  writeFileSync(file, script);
  execFileSync('chmod', ['644', file]);
  const { stdout } = await run('runuser', psqlArgs(['-f', file]), { maxBuffer: 64 * 1024 * 1024 });
  rmSync(file, { force: true });
  const ms = [...stdout.matchAll(/Time: ([\d.]+) ms/g)].map((m) => Number(m[1]));
  const one = await psql(sql);
  return { ms, bytes: Buffer.byteLength(one.replace(/\n$/, '')) };
}
