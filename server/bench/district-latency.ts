/**
 * District query latency before/after issue 8.2, printed by `server/bench.ts`: the uncached path (district rings
 * read and the point-in-polygon index built on the event loop for every request, as main did) against the cached
 * one (index built once on a worker, then shared), for Huangpu, Pudong and Chongming, in the same run. Also how
 * long the event loop was blocked at most meanwhile.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp } from '../app';
import { resolveSpatialUncached } from '../query/resolve-spatial';

const DISTRICTS: [string, string][] = [
  ['Huangpu', '310101'],
  ['Pudong', '浦东新区'],
  ['Chongming', '310230'],
];

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; blockedMs: number; value: T }> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const t0 = performance.now();
  const value = await f();
  const ms = performance.now() - t0;
  // let a timer delayed by a block fire, so the histogram records it
  await new Promise((ok) => setTimeout(ok, 20));
  h.disable();
  return { ms, blockedMs: h.max / 1e6, value };
}

/** Prints a table of district query latency, uncached vs first (cold) and cached, with ratios. */
export async function benchDistrictLatency(dataDir: string, at: string, runs = 5): Promise<void> {
  const twin = await createApp({ dataDir, log: false, cesiumDir: null });
  const db = twin.context.db!;
  // metro stations in the district: a small query, so the district's own cost shows
  const url = (d: string) => `/api/layers/metro-stations/features?district=${encodeURIComponent(d)}`;
  await (await twin.app.request('/api/layers')).arrayBuffer();
  // boot the polygon worker first (a tiny polygon), so "first request" is the index build, not the boot
  const tiny = {
    type: 'Polygon',
    coordinates: [
      [
        [121.4, 31.2],
        [121.5, 31.2],
        [121.5, 31.3],
        [121.4, 31.2],
      ],
    ],
  };
  await (
    await twin.app.request(`/api/layers/metro-stations/features?at=${encodeURIComponent(at)}`, {
      method: 'POST',
      body: JSON.stringify({ polygon: tiny }),
    })
  ).arrayBuffer();
  console.log(
    '\n| district query (metro stations in the district, in-process) | before: rings + index on the event loop, then the query, ms | event loop blocked before, ms | after, first request (index on a worker) ms | after, cached p50 ms | event loop blocked after, ms | before ÷ after (cached) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, d] of DISTRICTS) {
    const before = await timed(() => resolveSpatialUncached(db, { kind: 'district', district: d }));
    const first = await timed(async () => (await twin.app.request(url(d))).arrayBuffer());
    const cached: number[] = [];
    let blocked = 0;
    for (let i = 0; i < runs; i++) {
      const r = await timed(async () => (await twin.app.request(url(d))).arrayBuffer());
      cached.push(r.ms);
      blocked = Math.max(blocked, r.blockedMs);
    }
    cached.sort((a, b) => a - b);
    const p50 = cached[Math.floor(cached.length / 2)]!;
    // before = the uncached resolution plus the same query (what main paid on every request)
    const beforeMs = before.ms + p50;
    console.log(
      `| ${name} (${d}) | ${beforeMs.toFixed(0)} | ${before.blockedMs.toFixed(0)} | ${first.ms.toFixed(0)} | ${p50.toFixed(1)} | ${Math.max(blocked, first.blockedMs).toFixed(0)} | ${(beforeMs / p50).toFixed(0)}× |`,
    );
  }
  console.log(
    'before = rings query + index build on the event loop for every request, as main did, but with today’s faster index builder; main’s own builder took 1.0–1.5 s (Huangpu), 21–27 s (Pudong), 55 s (Chongming) for the index alone on this machine on 2026-12-02.',
  );
  await twin.close();
}
