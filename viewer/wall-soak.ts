/**
 * Wall soak (`npm run bench -- wall`): opens the wall in Debian's Chromium replaying the storm day in a loop at
 * 3600× (one day every 24 s of clock, ~30 s with software WebGL) with the auto tour on, for WALL_SOAK_MINUTES
 * (default 30), and samples the JS heap (after a forced GC), DOM nodes and event listeners each
 * WALL_SOAK_SAMPLE_S seconds (default 30) over CDP, plus the day loops the replay made.
 *
 * Growth is a slope after warm-up: samples of the first WALL_SOAK_WARMUP_MIN minutes (default a third of the run,
 * at most 10) are dropped — in them Cesium compiles its shader variants for every tour stop and fills its tile
 * cache, and the Arrow response cache fills (all bounded) — and the rest are fitted against time by least squares
 * and by Theil–Sen (median of pairwise slopes, not moved by a single GC outlier). The goal is flat: < 1 MB/hour of
 * heap. It also prints the slope of the second half after warm-up (is it still falling?), the heap at the end
 * against the first sample after warm-up, DOM-node and listener slopes, and the main thread's long tasks.
 */
import { launchChromium } from '../scripts/chromium';
import { bytesByCategory, HEAP_CATEGORIES, type HeapCategory, takeHeapSnapshot } from './bench/heap-snapshot';
import { startViewerServer } from './test-support/viewer-server';

const MINUTES = Number(process.env.WALL_SOAK_MINUTES ?? 30);
const SAMPLE_S = Number(process.env.WALL_SOAK_SAMPLE_S ?? 30);
const WARMUP_MIN = Number(process.env.WALL_SOAK_WARMUP_MIN ?? Math.min(10, MINUTES / 3));
const [W, H] = (process.env.WALL_SOAK_SIZE ?? '1920x1080').split('x').map(Number) as [number, number];
const GOAL_MB_PER_HOUR = 1;

interface Sample {
  min: number;
  heapMb: number;
  nodes: number;
  listeners: number;
  longTasks: number;
  longestMs: number;
  clock: string;
  loops: number;
}

/** Theil–Sen slope of y over x: the median of the slopes of all pairs of points. */
function theilSen(xs: number[], ys: number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < xs.length; i++)
    for (let j = i + 1; j < xs.length; j++)
      if (xs[j] !== xs[i]) slopes.push((ys[j]! - ys[i]!) / (xs[j]! - xs[i]!));
  if (slopes.length === 0) return Number.NaN;
  slopes.sort((a, b) => a - b);
  const m = slopes.length >> 1;
  return slopes.length % 2 ? slopes[m]! : (slopes[m - 1]! + slopes[m]!) / 2;
}

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return Number.NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den ? num / den : Number.NaN;
}

const server = await startViewerServer();
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: W, height: H });
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  // Day loops of the replay: the clock going back in time (a string, so the bundler adds no helpers).
  await page.addInitScript(`
    window.__loops = 0;
    let last = 0;
    setInterval(() => {
      const c = window.__twin && window.__twin.clock;
      if (!c) return;
      const t = c.get().time;
      if (t < last) window.__loops++;
      last = t;
    }, 250);
  `);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const q = 'mode=wall&t=2013-09-12T16:00:00Z&play=1&speed=3600&loop=1&tour=30&dwell=15';
  await page.goto(`${server.url}/?${q}`);
  console.log(
    `wall soak: ${MINUTES} min at ${W}×${H}, sample every ${SAMPLE_S} s, warm-up ${WARMUP_MIN} min`,
  );
  console.log(`  ${server.url}/?${q}`);
  const samples: Sample[] = [];
  // Heap snapshots at the end of warm-up and at the end, split by category (page objects vs the browser's own
  // buffers and compiled code), so growth can be told from a leak in our code.
  const snaps: { min: number; bytes: Record<HeapCategory, number> }[] = [];
  const t0 = performance.now();
  for (;;) {
    const elapsedMin = (performance.now() - t0) / 60_000;
    if ((snaps.length === 0 && elapsedMin >= WARMUP_MIN) || (snaps.length === 1 && elapsedMin >= MINUTES))
      snaps.push({ min: elapsedMin, bytes: bytesByCategory(await takeHeapSnapshot(cdp)) });
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    const page_ = await page.evaluate(() => {
      const w = window as unknown as {
        __longTasks: number[];
        __loops: number;
        __twin?: { clock?: { get(): { time: number } } };
      };
      const lt = w.__longTasks.splice(0);
      const t = w.__twin?.clock?.get().time;
      return {
        longTasks: lt.length,
        longestMs: lt.length ? Math.max(...lt) : 0,
        clock: t ? new Date(t).toISOString().slice(11, 16) : '?',
        loops: w.__loops,
      };
    });
    const s: Sample = {
      min: elapsedMin,
      heapMb: (m.JSHeapUsedSize ?? 0) / 1e6,
      nodes: m.Nodes ?? 0,
      listeners: m.JSEventListeners ?? 0,
      ...page_,
    };
    samples.push(s);
    console.log(
      `  ${s.min.toFixed(1).padStart(5)} min  heap ${s.heapMb.toFixed(2).padStart(7)} MB  nodes ${String(s.nodes).padStart(6)}  listeners ${String(s.listeners).padStart(5)}  long tasks ${String(s.longTasks).padStart(3)} (max ${s.longestMs.toFixed(0)} ms)  clock ${s.clock}Z  loops ${s.loops}`,
    );
    if (elapsedMin >= MINUTES) break;
    await page.waitForTimeout(Math.max(0, SAMPLE_S * 1000 - ((performance.now() - t0) % (SAMPLE_S * 1000))));
  }
  const after = samples.filter((s) => s.min >= WARMUP_MIN);
  const hours = after.map((s) => s.min / 60);
  const heaps = after.map((s) => s.heapMb);
  const heapSlope = slope(hours, heaps);
  const heapTheilSen = theilSen(hours, heaps);
  const half = Math.floor(after.length / 2);
  const lateSlope = slope(hours.slice(half), heaps.slice(half));
  const nodeSlope = slope(
    hours,
    after.map((s) => s.nodes),
  );
  const listenerSlope = slope(
    hours,
    after.map((s) => s.listeners),
  );
  const totalLong = samples.reduce((a, s) => a + s.longTasks, 0);
  const longest = Math.max(0, ...samples.map((s) => s.longestMs));
  const first = after[0];
  const last = after[after.length - 1];
  console.log('\n| measure | value |');
  console.log('|---|---|');
  console.log(`| samples after warm-up (${WARMUP_MIN} min dropped) | ${after.length} |`);
  console.log(`| heap slope after warm-up, least squares | ${heapSlope.toFixed(2)} MB/hour |`);
  console.log(`| heap slope after warm-up, Theil–Sen | ${heapTheilSen.toFixed(2)} MB/hour |`);
  console.log(`| heap slope, second half after warm-up | ${lateSlope.toFixed(2)} MB/hour |`);
  console.log(
    `| ratio to goal (${GOAL_MB_PER_HOUR} MB/hour) | ${(heapSlope / GOAL_MB_PER_HOUR).toFixed(2)}× |`,
  );
  if (first && last)
    console.log(
      `| heap end / after warm-up (baseline) | ${last.heapMb.toFixed(1)} / ${first.heapMb.toFixed(1)} MB = ${(last.heapMb / first.heapMb).toFixed(3)} |`,
    );
  console.log(`| DOM-node slope after warm-up | ${nodeSlope.toFixed(0)} nodes/hour |`);
  if (first && last) console.log(`| DOM nodes end / after warm-up | ${last.nodes} / ${first.nodes} |`);
  console.log(`| listener slope after warm-up | ${listenerSlope.toFixed(0)} listeners/hour |`);
  console.log(`| replayed days (loops) | ${samples[samples.length - 1]?.loops ?? 0} |`);
  console.log(`| long tasks (> 50 ms) | ${totalLong} in ${MINUTES} min, longest ${longest.toFixed(0)} ms |`);
  console.log(
    `| page errors | ${errors.length}${errors.length ? `: ${errors.slice(0, 3).join(' / ')}` : ''} |`,
  );
  if (snaps.length === 2) {
    const [a, b] = snaps as [(typeof snaps)[0], (typeof snaps)[0]];
    const h = (b.min - a.min) / 60;
    console.log(
      `\nHeap snapshots at ${a.min.toFixed(1)} and ${b.min.toFixed(1)} min, by category (self sizes)\n`,
    );
    console.log('| category | after warm-up (MB) | end (MB) | growth (MB/hour) |');
    console.log('|---|---:|---:|---:|');
    for (const c of HEAP_CATEGORIES)
      console.log(
        `| ${c} | ${(a.bytes[c] / 1e6).toFixed(2)} | ${(b.bytes[c] / 1e6).toFixed(2)} | ${((b.bytes[c] - a.bytes[c]) / 1e6 / h).toFixed(2)} |`,
      );
    console.log(
      '\n"page objects" is what the page\'s JavaScript holds (objects, arrays, closures, typed-array data): a leak in our code shows there. "devtools" is Blink\'s record of network responses for the test driver\'s Network domain (absent on a wall without DevTools); "performance timeline" holds long-task, long-animation-frame and layout-shift entries, buffers the spec bounds; "jit code" is V8 compiling hot functions.',
    );
  }
  if (after.length >= 3 && heapSlope > GOAL_MB_PER_HOUR)
    console.log(`\nheap grows faster than the goal (${heapSlope.toFixed(2)} MB/hour)`);
} finally {
  await browser.close();
  await server.close();
}
// The server's closed handles can still hold the event loop (the bench runner waits for this process to end).
process.exit(process.exitCode ?? 0);
