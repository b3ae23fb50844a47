/**
 * Bounded load test of the incident API on loopback (`npx tsx server/events/bench.ts`, also run by `npm run
 * bench`): a real server process on a fresh DuckDB event file with the seeded history, then (when Debian's
 * PostgreSQL is installed) the same on a temporary PostgreSQL cluster. 50 concurrent readers (list, detail, KPIs)
 * and 5 writers (create and walk events through the workflow) for a fixed 8 s; prints p50/p99 per kind against
 * the baseline of `GET /health` measured under the same load in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DEMO_PASSWORD } from './auth/demo-users';
import { percentile } from './event-kpis';
import { postWith, signIn, spawnServer } from './test-support/spawn-server';
import { hasPostgres, startTempPostgres } from './test-support/temp-postgres';

const DURATION_MS = 8_000;
const READERS = 50;
const WRITERS = 5;

type Kind = 'health (baseline)' | 'list' | 'detail' | 'kpis' | 'write';

async function load(url: string): Promise<Map<Kind, { ms: number[]; errors: number; conflicts: number }>> {
  const stats = new Map<Kind, { ms: number[]; errors: number; conflicts: number }>();
  const record = (k: Kind, ms: number, status: number) => {
    const s = stats.get(k) ?? { ms: [], errors: 0, conflicts: 0 };
    stats.set(k, s);
    if (status === 409) s.conflicts++;
    else if (status >= 400 || status === 0) s.errors++;
    else s.ms.push(ms);
  };
  const timed = async (k: Kind, f: () => Promise<Response>) => {
    const t = performance.now();
    let status = 0;
    try {
      const res = await f();
      status = res.status;
      await res.arrayBuffer();
    } catch {
      status = 0;
    }
    record(k, performance.now() - t, status);
  };
  const list = (await (await fetch(`${url}/api/events?limit=500`)).json()) as { events: { id: string }[] };
  const ids = list.events.map((e) => e.id);
  const tokens = {
    dispatcher: await signIn(url, 'dispatcher', DEFAULT_DEMO_PASSWORD),
    responder: await signIn(url, 'responder', DEFAULT_DEMO_PASSWORD),
  };
  const end = performance.now() + DURATION_MS;
  const reader = async (r: number) => {
    for (let i = r; performance.now() < end; i++) {
      const pick = i % 10;
      if (pick === 0) await timed('health (baseline)', () => fetch(`${url}/health`));
      else if (pick < 5)
        await timed('list', () =>
          fetch(`${url}/api/events?limit=200&state=reported,dispatched,accepted,in_progress`),
        );
      else if (pick < 9) await timed('detail', () => fetch(`${url}/api/events/${ids[i % ids.length]}`));
      else await timed('kpis', () => fetch(`${url}/api/events/kpis?from=2013-09-06T00:00:00%2B08:00`));
    }
  };
  const writer = async (w: number) => {
    const steps: [string, keyof typeof tokens, Record<string, unknown>][] = [
      ['dispatch', 'dispatcher', { team: 'roads:黄浦区' }],
      ['accept', 'responder', {}],
      ['start', 'responder', {}],
      ['resolve', 'responder', { note: 'bench' }],
    ];
    for (let i = 0; performance.now() < end; i++) {
      let id = '';
      await timed('write', async () => {
        const res = await postWith(tokens.dispatcher, `${url}/api/events`, {
          category: 'roads',
          subcategory: 'road_damage',
          severity: 'low',
          title: `bench ${w}-${i}`,
          lon: 121.49,
          lat: 31.24,
        });
        id = ((await res.clone().json()) as { id: string }).id;
        return res;
      });
      for (const [action, role, extra] of steps) {
        if (performance.now() >= end) break;
        await timed('write', () =>
          postWith(tokens[role], `${url}/api/events/${id}/transitions`, { action, ...extra }),
        );
      }
    }
  };
  await Promise.all([
    ...Array.from({ length: READERS }, (_, r) => reader(r)),
    ...Array.from({ length: WRITERS }, (_, w) => writer(w)),
  ]);
  return stats;
}

function report(engine: string, stats: Awaited<ReturnType<typeof load>>) {
  const base = percentile(stats.get('health (baseline)')?.ms ?? [], 99) ?? Number.NaN;
  console.log(`\n${engine}: ${READERS} readers + ${WRITERS} writers for ${DURATION_MS / 1000} s on loopback`);
  console.log('| kind | requests | req/s | p50 ms | p99 ms | p99 / health p99 | errors | 409s |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [k, s] of [...stats].sort()) {
    const p50 = percentile(s.ms, 50) ?? Number.NaN;
    const p99 = percentile(s.ms, 99) ?? Number.NaN;
    console.log(
      `| ${k} | ${s.ms.length} | ${(s.ms.length / (DURATION_MS / 1000)).toFixed(0)} | ${p50.toFixed(1)} | ${p99.toFixed(1)} | ${(p99 / base).toFixed(2)} | ${s.errors} | ${s.conflicts} |`,
    );
  }
}

const dir = mkdtempSync(join(tmpdir(), 'twin-events-bench-'));
try {
  const env = { TWIN_EVENTS_SWEEP_MS: '0', TWIN_LIVE: '0', TWIN_EVENTS_SEED: '1' };
  const duck = await spawnServer({ ...env, TWIN_EVENTS_DB: join(dir, 'events.duckdb') });
  try {
    report('DuckDB file (embedded default)', await load(duck.url));
  } finally {
    await duck.stop();
  }
  if (hasPostgres()) {
    const pg = await startTempPostgres();
    try {
      const server = await spawnServer({ ...env, TWIN_EVENTS_DB: pg.url });
      try {
        report('PostgreSQL 15 (one replica)', await load(server.url));
      } finally {
        await server.stop();
      }
    } finally {
      pg.stop();
    }
  } else console.log('\nPostgreSQL not installed: skipped its run (Debian package "postgresql")');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
