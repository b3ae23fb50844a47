/**
 * Server benchmark (`npm run bench -- server`): viewport queries (≈2 km² bbox + 1 h) over truck and crowd
 * telemetry, truck instants (snapshots vs ranking the whole hour, in the same run), city-zoom summaries and
 * 5-min bucket aggregates over a district for a day, end to end over loopback HTTP (request → last
 * byte received and decoded, from a node:http client that decodes gzip in one call as a browser does; the goals
 * table also shows the same requests through Node fetch), as Arrow and as GeoJSON, against the same queries in PostGIS (GiST + BRIN) returning GeoJSON; then
 * throughput with 16 concurrent clients. City scale when out/data/city exists, else demo.
 * Env: BENCH_RUNS (15), BENCH_WARMUP (10 untimed runs before each series, both sides), BENCH_SECONDS (15), BENCH_SCALE=demo, BENCH_DATA_DIR (a built data folder; overrides the
 * scale), BENCH_POSTGIS=0 (skip the baseline), BENCH_ONLY (comma-separated parts of query names to run).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { drainagePipes } from '../layers/defs/drainage';
import { benchCompressionLevels } from './bench/compression-levels';
import { benchDistrictLatency } from './bench/district-latency';
import { benchHealthUnderLoad } from './bench/health-under-load';
import {
  measureThroughput,
  percentile,
  startChildServer,
  timeFetch,
  timeSerial,
  waitUntilIdle,
  wireBytes,
} from './bench/measure-http';
import {
  ensurePostgisData,
  ensurePostgisInstalled,
  stopPostgres,
  timePostgisQuery,
} from './bench/postgis-baseline';
import { GRID_REFERENCE_LAT } from './query/readings-sql';
import { EARTH_RADIUS_M } from './query/spatial-sql';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/**
 * Untimed runs before each series, ours and PostGIS's alike: a running server has its encoders compiled by the JIT
 * and its heap sized. With 2, the server's GeoJSON encode step (crowd viewport, 2,316 rows) took 14.5 ms in the
 * first series after a start and 4.6 ms in the second, against 2.4 ms once warm (one run, load ≈ 6).
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
const root = resolve(import.meta.dirname, '..');
const dataDir = process.env.BENCH_DATA_DIR
  ? resolve(process.env.BENCH_DATA_DIR)
  : process.env.BENCH_SCALE !== 'demo' && existsSync(join(root, 'out/data/city/twin.duckdb'))
    ? join(root, 'out/data/city')
    : join(root, 'out/data/demo');
const manifest = JSON.parse(readFileSync(join(dataDir, 'manifest.json'), 'utf8')) as {
  scale: string;
  day: { startUtc: string };
  tables: Record<string, { rows: number }>;
};
const dayStart = Date.parse(manifest.day.startUtc);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const sqlTs = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('.000Z', '');
const hourFrom = dayStart + 6 * 3600_000; // 06:00–07:00 local (22:00–23:00 UTC)
const hourTo = hourFrom + 3600_000;
const DISTRICT = '310101';
/** Results up to this many rows count as small in the goals table. */
const SMALL_ROWS = 10_000;
const GRID_M = 500;

async function pickViewports(): Promise<{ trucks: number[]; crowd: number[] }> {
  const inst = await DuckDBInstance.create(join(dataDir, 'twin.duckdb'), {
    access_mode: 'READ_ONLY',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const conn = await inst.connect();
  const densest = async (table: string) => {
    // ≈ 1.52 km × 1.33 km = 2.0 km² cells at Shanghai's latitude; the busiest one in the hour.
    const rows = (
      await conn.runAndReadAll(
        `SELECT floor(lon / 0.016)::INTEGER AS gx, floor(lat / 0.012)::INTEGER AS gy, count(*) AS n FROM ${table} WHERE ts >= TIMESTAMP '${sqlTs(hourFrom)}' AND ts < TIMESTAMP '${sqlTs(hourTo)}' GROUP BY ALL ORDER BY n DESC LIMIT 1`,
      )
    ).getRowObjectsJS()[0] as { gx: number; gy: number };
    return [rows.gx * 0.016, rows.gy * 0.012, (rows.gx + 1) * 0.016, (rows.gy + 1) * 0.012].map((v) =>
      Number(v.toFixed(6)),
    );
  };
  const out = { trucks: await densest('truck_positions'), crowd: await densest('crowd_readings') };
  conn.closeSync();
  inst.closeSync();
  return out;
}

interface Query {
  name: string;
  path: string;
  postgis: string | null;
}

function buildQueries(v: { trucks: number[]; crowd: number[] }): Query[] {
  // the pipes request the viewer makes at city zoom (use-layer-tables + api.ts): the layer's overview subset
  const overview = drainagePipes.overview!.where;
  const overviewFilter = `${overview.column}:${overview.op}:${overview.value}`;
  const hour = `from=${iso(hourFrom)}&to=${iso(hourTo)}`;
  const day = `from=${iso(dayStart)}&to=${iso(dayStart + 86_400_000)}`;
  const env = (b: number[]) => `ST_MakeEnvelope(${b.join(', ')}, 4326)`;
  const pgHour = `ts >= '${sqlTs(hourFrom)}' AND ts < '${sqlTs(hourTo)}'`;
  const pgDay = `r.ts >= '${sqlTs(dayStart)}' AND r.ts < '${sqlTs(dayStart + 86_400_000)}'`;
  const fc = (inner: string, order: string) =>
    `SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(ST_AsGeoJSON(t.*)::json ORDER BY ${order}), '[]'::json))::text FROM (${inner}) t`;
  const instant = hourFrom + 32.5 * 60_000; // mid-slot: the snapshot at :30 plus 150 s of readings
  const latestPg = (box: string | null) =>
    `SELECT * FROM (SELECT DISTINCT ON (truck_id) ts, truck_id, speed_kmh, heading_deg, loaded, violation, geom FROM truck_positions WHERE ts <= '${sqlTs(instant)}' AND ts > '${sqlTs(instant - 3600_000)}' ORDER BY truck_id, ts DESC) l${box ? ` WHERE geom && ${box}` : ''}`;
  const dLat = (GRID_M / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLon = dLat / Math.cos((GRID_REFERENCE_LAT * Math.PI) / 180);
  return [
    {
      name: 'trucks viewport 1 h (raw)',
      path: `/api/layers/muck-trucks/readings?${hour}&bbox=${v.trucks}&limit=100000`,
      postgis: fc(
        `SELECT ts, truck_id, speed_kmh, heading_deg, loaded, violation, geom FROM truck_positions WHERE geom && ${env(v.trucks)} AND ${pgHour}`,
        'truck_id, ts',
      ),
    },
    {
      name: 'crowd viewport 1 h (raw)',
      path: `/api/layers/crowd-density/readings?${hour}&bbox=${v.crowd}&limit=100000`,
      postgis: fc(
        `SELECT ts, cell_id, count, density, geom FROM crowd_readings WHERE geom && ${env(v.crowd)} AND ${pgHour}`,
        'cell_id, ts',
      ),
    },
    {
      name: `crowd 5-min × ${GRID_M} m grid, district ${DISTRICT}, 24 h`,
      path: `/api/layers/crowd-density/readings?${day}&bucket=5m&grid=${GRID_M}&district=${DISTRICT}&limit=100000`,
      postgis: fc(
        `SELECT bucket_start, cell_x, cell_y, avg_count, max_density, n, ST_SetSRID(ST_MakePoint((cell_x + 0.5) * ${dLon}, (cell_y + 0.5) * ${dLat}), 4326) AS geom FROM (SELECT date_bin('5 minutes', r.ts, TIMESTAMP '2000-01-01') AS bucket_start, floor(r.lon / ${dLon})::int AS cell_x, floor(r.lat / ${dLat})::int AS cell_y, avg(r.count) AS avg_count, max(r.density) AS max_density, count(*) AS n FROM crowd_readings r JOIN districts d ON ST_Intersects(d.geom, r.geom) WHERE d.code = '${DISTRICT}' AND ${pgDay} GROUP BY 1, 2, 3) g`,
        'bucket_start, cell_y, cell_x',
      ),
    },
    {
      name: 'trucks instant, whole city (snapshot + one 5-min slot)',
      path: `/api/layers/muck-trucks/readings?at=${iso(instant)}&limit=100000`,
      postgis: fc(latestPg(null), 'truck_id'),
    },
    {
      name: 'trucks instant, whole city, maxAge 3601 s (baseline: ranks the whole hour)',
      path: `/api/layers/muck-trucks/readings?at=${iso(instant)}&maxAge=3601s&limit=100000`,
      postgis: null,
    },
    {
      name: 'trucks instant, ≈2 km² viewport (snapshot + one 5-min slot)',
      path: `/api/layers/muck-trucks/readings?at=${iso(instant)}&bbox=${v.trucks}&limit=100000`,
      postgis: fc(latestPg(env(v.trucks)), 'truck_id'),
    },
    {
      name: 'trucks instant, ≈2 km² viewport, maxAge 3601 s (baseline: ranks the whole hour)',
      path: `/api/layers/muck-trucks/readings?at=${iso(instant)}&bbox=${v.trucks}&maxAge=3601s&limit=100000`,
      postgis: null,
    },
    {
      name: 'crowd summary=district at an instant (city zoom)',
      path: `/api/layers/crowd-density/readings?at=${iso(instant)}&summary=district`,
      postgis: null,
    },
    {
      // the request the viewer makes at city zoom: the layer's own overview subset
      name: `pipes at city zoom (overview: ${overviewFilter})`,
      path: `/api/layers/drainage-pipes/features?filter=${overviewFilter}&limit=100000`,
      postgis: null,
    },
    {
      name: `trucks 5-min × ${GRID_M} m grid, district ${DISTRICT}, 24 h`,
      path: `/api/layers/muck-trucks/readings?${day}&bucket=5m&grid=${GRID_M}&district=${DISTRICT}&limit=100000`,
      postgis: null,
    },
  ];
}

/** How both sides are timed; printed above the goals table. */
const CLIENT_NOTE = `How it is timed: twin = one request at a time over loopback HTTP from a node:http client (keep-alive), from sending to the last body byte received and decoded (gzip/deflate/br in one zlib call after the last byte, as a browser decodes; decoding is in the time); PostGIS = psql \\timing over TCP loopback (libpq, from sending the query to the whole result received; no compression). This bench used to time our side with Node fetch, whose streaming gunzip (a thread-pool trip per chunk, web streams) cost the client more than the server spent compressing; the last two columns time the same requests that way. Every series, ours and PostGIS's, follows ${WARMUP} untimed runs (BENCH_WARMUP), and timing starts once our server process is idle after its start (PostGIS has been up since its load).`;

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 1 : 0) : 'n/a');
const kb = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1e3).toFixed(1)} kB`);

async function main() {
  console.log(
    `[bench] server: ${manifest.scale} scale (${dataDir}); trucks ${manifest.tables.truck_positions?.rows.toLocaleString()} rows, crowd ${manifest.tables.crowd_readings?.rows.toLocaleString()} rows; ${RUNS} timed runs each`,
  );
  const viewports = await pickViewports();
  console.log(
    `[bench] viewports (busiest ≈2 km² cell, ${iso(hourFrom)}–${iso(hourTo)}): trucks ${viewports.trucks}, crowd ${viewports.crowd}`,
  );
  // BENCH_ONLY=a,b keeps the queries whose names contain one of the texts (e.g. a quick rerun of one row)
  const only = process.env.BENCH_ONLY?.split(',').filter(Boolean) ?? [];
  const queries = buildQueries(viewports).filter(
    (q) => only.length === 0 || only.some((o) => q.name.includes(o)),
  );
  if (queries.length === 0)
    throw new Error(`[bench] server: BENCH_ONLY=${process.env.BENCH_ONLY} matches no query`);

  let pgNote = '';
  // The baseline is part of the bench: it is started (installed when missing and allowed) or the bench fails with
  // a message. Only an explicit BENCH_POSTGIS=0 runs without it, and then every PostGIS cell says so.
  const pgOff = process.env.BENCH_POSTGIS === '0';
  if (pgOff) console.log('[bench] PostGIS baseline off (BENCH_POSTGIS=0): PostGIS cells read "off"');
  else {
    try {
      ensurePostgisInstalled(undefined, (m) => console.log(m));
      const secs = await ensurePostgisData(
        dataDir,
        {
          trucksFrom: sqlTs(hourFrom - 3600_000),
          trucksTo: sqlTs(hourTo + 3600_000),
          dayFrom: sqlTs(dayStart),
          dayTo: sqlTs(dayStart + 86_400_000),
        },
        (m) => console.log(m),
      );
      pgNote = `PostGIS 3 / PostgreSQL 15 on 127.0.0.1 (GiST on geom, BRIN on ts; trucks loaded for ${iso(hourFrom - 3600_000)}–${iso(hourTo + 3600_000)} only, crowd for the day)${secs > 0 ? `; load took ${secs.toFixed(0)} s` : ''}`;
    } catch (err) {
      stopPostgres();
      throw new Error(
        `[bench] server: the PostGIS baseline could not be started: ${String(err).split('\n')[0]}`,
      );
    }
  }
  const pgReady = !pgOff;

  const server = await startChildServer(dataDir);
  // time a server that has finished starting (PostGIS has been up since its load), not one still booting
  const settled = await waitUntilIdle(server.pid);
  console.log(
    `[bench] server ${settled.idle ? 'idle' : 'still busy (timing anyway)'} ${settled.seconds.toFixed(1)} s after it listened`,
  );
  const rows: string[] = [];
  const bytesRows: string[] = [];
  const stepRows: string[] = [];
  const goalRows: string[] = [];
  const p50Of = (xs: number[] | undefined) => (xs ? percentile(xs, 50) : Number.NaN);
  try {
    for (const q of queries) {
      const arrow = await timeSerial(`${server.url}${q.path}`, RUNS, WARMUP);
      const geo = await timeSerial(`${server.url}${q.path}&format=geojson`, RUNS, WARMUP);
      const identity = await timeSerial(`${server.url}${q.path}`, RUNS, WARMUP, {
        headers: { 'Accept-Encoding': 'identity' },
      });
      // the same two requests through Node's fetch (streaming decoder), shown beside the goals for comparison
      const arrowFetch = await timeSerial(`${server.url}${q.path}`, RUNS, WARMUP, undefined, timeFetch);
      const geoFetch = await timeSerial(
        `${server.url}${q.path}&format=geojson`,
        RUNS,
        WARMUP,
        undefined,
        timeFetch,
      );
      let pg = { p50: Number.NaN, p95: Number.NaN, bytes: 0, rows: Number.NaN };
      const pgMissing = pgOff ? 'off' : 'n/a (no PostGIS query)';
      if (pgReady && q.postgis) {
        const r = await timePostgisQuery(q.postgis, RUNS + WARMUP);
        const ms = r.ms.slice(WARMUP);
        const one = await import('./bench/postgis-baseline').then((m) =>
          m.psql(`SELECT json_array_length((${q.postgis})::json->'features')`),
        );
        pg = { p50: percentile(ms, 50), p95: percentile(ms, 95), bytes: r.bytes, rows: Number(one.trim()) };
      }
      const a50 = percentile(arrow.ms, 50);
      const g50 = percentile(geo.ms, 50);
      const aq = p50Of(arrow.steps.query);
      const gq = p50Of(geo.steps.query);
      stepRows.push(
        `| ${q.name} | ${f0(aq)} | ${f0(p50Of(arrow.steps.arrow))} | ${f0(p50Of(arrow.steps.encode))} | ${f0(p50Of(arrow.steps.compress))} | ${f0(a50)} | ${(a50 / aq).toFixed(1)}× | ${f0(percentile(identity.ms, 50))} | ${(percentile(identity.ms, 50) / p50Of(identity.steps.query)).toFixed(1)}× | ${f0(gq)} | ${f0(p50Of(geo.steps.encode))} | ${f0(g50)} | ${(g50 / gq).toFixed(1)}× | ${
          Number.isNaN(pg.p50) ? pgMissing : `${(pg.p50 / g50).toFixed(2)}×`
        } |`,
      );
      rows.push(
        `| ${q.name} | ${arrow.last.rows?.toLocaleString()} | ${f0(a50)} / ${f0(percentile(arrow.ms, 95))} | ${kb(arrow.last.bytes)} | ${f0(percentile(geo.ms, 50))} / ${f0(percentile(geo.ms, 95))} | ${kb(geo.last.bytes)} | ${
          Number.isNaN(pg.p50) ? pgMissing : `${f0(pg.p50)} / ${f0(pg.p95)}`
        } | ${Number.isNaN(pg.p50) ? pgMissing : kb(pg.bytes)} | ${Number.isNaN(pg.rows) ? pgMissing : pg.rows.toLocaleString()} | ${
          Number.isNaN(pg.p50) ? pgMissing : `${(pg.p50 / a50).toFixed(1)}×`
        } |`,
      );
      console.log(rows.at(-1));
      const rowCount = arrow.last.rows ?? 0;
      const pgRatio = pg.p50 / g50;
      const arrowRatio = a50 / aq;
      const gf50 = percentile(geoFetch.ms, 50);
      const af50 = percentile(arrowFetch.ms, 50);
      goalRows.push(
        `| ${q.name} | ${rowCount.toLocaleString()}${rowCount <= SMALL_ROWS ? ' (small)' : ''} | ${f0(g50)} | ${
          Number.isNaN(pg.p50) ? pgMissing : f0(pg.p50)
        } | ${Number.isNaN(pg.p50) ? pgMissing : `${pgRatio.toFixed(2)}× ${pgRatio >= 1 ? 'met' : 'NOT met'}`} | ${f0(a50)} | ${f0(aq)} | ${arrowRatio.toFixed(2)}× ${arrowRatio <= 1.5 ? 'met' : 'NOT met'} | ${f0(gf50)}${
          Number.isNaN(pg.p50) ? '' : ` (${(pg.p50 / gf50).toFixed(2)}×)`
        } | ${f0(af50)} (${(af50 / p50Of(arrowFetch.steps.query)).toFixed(2)}×) |`,
      );
      const plain = await wireBytes(`${server.url}${q.path}`);
      const compact = await wireBytes(`${server.url}${q.path}&encoding=compact`);
      const ratio = (n: number) => (Number.isNaN(pg.p50) ? pgMissing : `${(pg.bytes / n).toFixed(1)}×`);
      const geoWire = await wireBytes(`${server.url}${q.path}&format=geojson`);
      bytesRows.push(
        `| ${q.name} | ${kb(plain.identity)} | ${kb(compact.identity)} | ${kb(compact.br)} | ${kb(geo.last.bytes)} | ${kb(geoWire.br)} | ${
          Number.isNaN(pg.p50) ? pgMissing : kb(pg.bytes)
        } | ${ratio(plain.identity)} | ${ratio(compact.identity)} | ${ratio(compact.br)} |`,
      );
    }
    await benchCompressionLevels(`${server.url}${queries[0]!.path}`, queries[0]!.name);
    await benchHealthUnderLoad(
      server.url,
      queries.filter((q) => q.name.includes('24 h')).map((q) => `${server.url}${q.path}`),
    );
    const jitter = [-1, 0, 1].flatMap((dx) => [-1, 0, 1].map((dy) => [dx, dy]));
    const shift = (b: number[], dx: number, dy: number) =>
      [b[0]! + dx * 0.004, b[1]! + dy * 0.003, b[2]! + dx * 0.004, b[3]! + dy * 0.003].map((v) =>
        v.toFixed(6),
      );
    const mix = jitter.flatMap(([dx, dy]) => [
      `${server.url}/api/layers/muck-trucks/readings?from=${iso(hourFrom)}&to=${iso(hourTo)}&bbox=${shift(viewports.trucks, dx!, dy!)}&limit=100000`,
      `${server.url}/api/layers/crowd-density/readings?from=${iso(hourFrom)}&to=${iso(hourTo)}&bbox=${shift(viewports.crowd, dx!, dy!)}&limit=100000`,
      `${server.url}/api/layers/muck-trucks/readings?at=${iso(hourTo)}&bbox=${shift(viewports.trucks, dx!, dy!)}&limit=100000`,
    ]);
    const tp = await measureThroughput(mix, 16, Number(process.env.BENCH_SECONDS ?? 15));
    console.log(
      '\n| query (end to end over loopback HTTP) | rows | twin Arrow p50 / p95 ms | Arrow bytes | twin GeoJSON p50 / p95 ms | GeoJSON bytes | PostGIS GeoJSON p50 / p95 ms | PostGIS bytes | PostGIS rows | PostGIS p50 ÷ twin Arrow p50 |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) console.log(r);
    console.log(
      '\n| where the time goes (p50, ms; steps from the server’s Server-Timing header in the same requests) | Arrow: query | Arrow: DuckDB → Arrow | Arrow: IPC encode | Arrow: compress (gzip, as fetch asks) | Arrow end to end | Arrow ÷ query | Arrow uncompressed end to end | uncompressed ÷ its query | GeoJSON: query | GeoJSON: encode | GeoJSON end to end | GeoJSON ÷ query | PostGIS p50 ÷ twin GeoJSON p50 |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const r of stepRows) console.log(r);
    const health = await timeSerial(`${server.url}/health`, RUNS, WARMUP);
    console.log(
      `\nspeed goals (issue 8.7), p50 in this run; "small" = at most ${SMALL_ROWS.toLocaleString()} rows, where a fixed cost per request shows most. Floor of one request over loopback HTTP (GET /health, same client): ${f0(percentile(health.ms, 50))} ms`,
    );
    console.log(CLIENT_NOTE);
    console.log(
      '| query | rows | twin GeoJSON ms | PostGIS GeoJSON ms | PostGIS ÷ twin GeoJSON (goal ≥ 1: ours not slower) | twin Arrow (gzip) ms | its query ms | Arrow ÷ query (goal ≤ 1.5) | for comparison, via Node fetch: GeoJSON ms (PostGIS ÷ it) | via Node fetch: Arrow ms (÷ its query) |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const r of goalRows) console.log(r);
    console.log(
      '\n| query: bytes on the wire | plain Arrow | compact Arrow | compact Arrow, br | twin GeoJSON | twin GeoJSON, br | PostGIS GeoJSON | PostGIS ÷ plain | PostGIS ÷ compact | PostGIS ÷ compact br |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const r of bytesRows) console.log(r);
    console.log(
      `\nthroughput, 16 concurrent clients × ${process.env.BENCH_SECONDS ?? 15} s, viewport mix (trucks/crowd raw 1 h + trucks instant, 9 shifted viewports, Arrow): ${tp.perSecond.toFixed(1)} req/s, p50 ${f0(tp.p50)} ms, p95 ${f0(tp.p95)} ms, ${tp.requests} requests, ${tp.errors} errors, ${kb(tp.bytes)}`,
    );
    if (pgNote) console.log(pgNote);
  } finally {
    await server.stop();
    if (pgReady) stopPostgres();
  }
  await benchDistrictLatency(dataDir, iso(hourTo), Math.min(RUNS, 5));
}

try {
  await main();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
