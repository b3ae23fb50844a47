import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from '../../scripts/ensure-viewer-build';
import { waitForGlobe, waitForLayers } from '../test-support/page-helpers';
import { type CpuProfile, type FunctionTime, functionTimes, longestRuns } from './cpu-profile';
import { attributeTasks, type NamedSpan, type Span, type TaskShare } from './step-attribution';

const ARTIFACTS = join(REPO_ROOT, 'out', 'test-artifacts');

/** The three cameras of the viewer benchmark (`cam=` lon,lat,height,heading,pitch). */
export const BENCH_CAMERAS = {
  street: '121.4862,31.2290,1400,0,-45',
  district: '121.48,31.20,15000,0,-60',
  city: '121.47,31.20,90000,0,-89',
} as const;

/** What one camera costs. */
export interface CameraResult {
  camera: keyof typeof BENCH_CAMERAS;
  /** Wall time from navigation until globe, tiles and every layer are drawn (s). */
  completeS: number;
  apiRequests: number;
  /** Bytes of the API responses (encoded bodies). */
  apiBytes: number;
  /** The same API requests without `bbox` (the old fetch-everything path), fetched from Node in the same run. */
  unboundedBytes: number;
  heapMB: number;
  /** While playing 60× with every layer on: frames per second, long tasks and the longest (ms). */
  fps: number;
  longTasks: number;
  longestTaskMs: number;
  /** The heaviest API responses: path (layer and route) and bytes, largest first. */
  heaviest: [string, number][];
  /** The long task with most of our measured per-step work in it (`viewer/perf/step-timing.ts`), if any. */
  ourWorstTask: TaskShare | null;
  /** The longest single measure of each kind of our per-step work while playing (ms): build, draw, decode…. */
  longestStep: Record<string, number>;
  /** With `BENCH_PROFILE=1`: the page's CPU time per function while playing (names readable in a
   * `VIEWER_MINIFY=0 npm run build:viewer` bundle). */
  profile?: FunctionTime[];
  /** With `BENCH_PROFILE=1`: the longest single stretch (ms) of each of our per-update functions while playing. */
  ourLongest?: Record<string, number>;
}

/** Our code that runs on clock steps while playing (React render of the layers, binaries, moving vehicles). */
export const OUR_STEP_FUNCTIONS = [
  'buildLayerBinary',
  'joinReadings',
  'fetchArrowPage',
  'buildTrackWindow',
  'buildCellWindow',
  'interpolateTracks',
  'AnalystApp',
] as const;

const LAYERS =
  'water,roads,buildings,pump-stations,drainage-pipes,waterlogging-points,crowd-density,construction-sites,muck-trucks';

/** Opens the viewer at one camera, waits until the view is complete, then plays 60× for `playMs`. */
export async function benchCamera(
  browser: { context: { newPage: Browser['newPage'] } },
  serverUrl: string,
  camera: keyof typeof BENCH_CAMERAS,
  playMs = 15_000,
): Promise<CameraResult> {
  const page = await browser.context.newPage();
  // tsx names inner functions through a `__name` helper that the serialized page functions carry along.
  await page.addInitScript('window.__name = (f) => f');
  await page.addInitScript('window.__twinStepTiming = true'); // viewer/perf/step-timing.ts

  const t0 = performance.now();
  await page.goto(`${serverUrl}/?cam=${BENCH_CAMERAS[camera]}&layers=${LAYERS}&t=2013-09-13T08:00:00Z`);
  await waitForGlobe(page, 300_000);
  await waitForLayers(page, 300_000);
  const completeS = (performance.now() - t0) / 1000;
  // the picture each figure belongs to, to be looked at (out/test-artifacts/bench-<camera>.png)
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `bench-${camera}.png`) });
  const api = (await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => new URL(e.name).pathname.startsWith('/api/layers/'))
      .map((e) => [e.name, (e as PerformanceResourceTiming).encodedBodySize] as const),
  )) as [string, number][];
  let unboundedBytes = 0;
  for (const [url] of api) {
    const u = new URL(url);
    u.searchParams.delete('bbox');
    const res = await fetch(u);
    unboundedBytes += (await res.arrayBuffer()).byteLength;
  }
  const heapMB = (await page.evaluate(
    '(performance.memory ? performance.memory.usedJSHeapSize : NaN) / 1e6',
  )) as number;
  const cdp = process.env.BENCH_PROFILE === '1' ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  const play = (await page.evaluate(async (ms) => {
    const tasks: { start: number; duration: number }[] = [];
    const obs = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
    });
    const t0 = performance.now();
    obs.observe({ type: 'longtask', buffered: false });
    let frames = 0;
    let on = true;
    const tick = () => {
      frames++;
      if (on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    (document.querySelector('[data-testid="time-control"] button.play') as HTMLButtonElement).click();
    await new Promise((r) => setTimeout(r, ms));
    (document.querySelector('[data-testid="time-control"] button.play') as HTMLButtonElement).click();
    on = false;
    obs.disconnect();
    const measures = performance
      .getEntriesByType('measure')
      .filter((m) => m.name.startsWith('twin:') && m.startTime >= t0)
      .map((m) => ({ name: m.name.slice(5), start: m.startTime, duration: m.duration }));
    return {
      fps: (frames * 1000) / ms,
      tasks,
      measures,
      longest: Math.max(0, ...tasks.map((t) => t.duration)),
    };
  }, playMs)) as { fps: number; tasks: Span[]; measures: NamedSpan[]; longest: number };
  const shares = attributeTasks(play.tasks, play.measures);
  if (process.env.BENCH_STEPS === '1')
    for (const m of play.measures.filter((x) => x.duration >= 5))
      console.log(`[steps] ${camera} ${m.start.toFixed(0)} ${m.name} ${m.duration.toFixed(1)}`);
  const longestStep = new Map<string, number>();
  for (const m of play.measures) {
    const kind = m.name.split(' ')[0]!;
    longestStep.set(kind, Math.max(longestStep.get(kind) ?? 0, m.duration));
  }
  const raw = cdp ? ((await cdp.send('Profiler.stop')).profile as CpuProfile) : null;
  const profile = raw ? functionTimes(raw) : undefined;
  const ourLongest = raw ? longestRuns(raw, OUR_STEP_FUNCTIONS) : undefined;
  await page.close();
  return {
    camera,
    completeS,
    apiRequests: api.length,
    apiBytes: api.reduce((s, [, b]) => s + b, 0),
    unboundedBytes,
    heapMB,
    fps: play.fps,
    longTasks: play.tasks.length,
    ourWorstTask: shares[0] ?? null,
    longestStep: Object.fromEntries([...longestStep].sort((a, b) => b[1] - a[1])),
    longestTaskMs: play.longest,
    heaviest: api
      .map(([u, b]) => [new URL(u).pathname.replace('/api/layers/', ''), b] as [string, number])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4),
    profile,
    ourLongest,
  };
}

/** Prints the camera table with its ratios (city vs street time; bytes vs the unbounded path). */
export function printCameraTable(rows: CameraResult[]): void {
  const mb = (b: number) => (b / 1e6).toFixed(2);
  console.log('\nViewer at three cameras (Chromium, SwiftShader; 60× play with every layer on)\n');
  console.log(
    '| camera | complete (s) | API requests | API MB | MB without bbox (same requests) | bytes ratio | heap MB | fps playing | long tasks (max ms) |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of rows)
    console.log(
      `| ${r.camera} | ${r.completeS.toFixed(1)} | ${r.apiRequests} | ${mb(r.apiBytes)} | ${mb(r.unboundedBytes)} | ${(r.apiBytes / Math.max(1, r.unboundedBytes)).toFixed(2)} | ${r.heapMB.toFixed(0)} | ${r.fps.toFixed(1)} | ${r.longTasks} (${r.longestTaskMs.toFixed(0)}) |`,
    );
  for (const r of rows)
    console.log(
      `${r.camera}: heaviest ${r.heaviest.map(([p, b]) => `${p} ${(b / 1e6).toFixed(2)} MB`).join(', ')}`,
    );
  for (const r of rows) {
    const w = r.ourWorstTask;
    const steps = Object.entries(r.longestStep)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ');
    console.log(
      `${r.camera}: our code in one long task, worst (goal ≤ 50 ms): ${w ? `${w.oursMs.toFixed(0)} ms of a ${w.taskMs.toFixed(0)} ms task (${w.parts.slice(0, 6).join(', ')})` : 'no long task'}; longest single step: ${steps || 'none'}`,
    );
  }
  const street = rows.find((r) => r.camera === 'street');
  const city = rows.find((r) => r.camera === 'city');
  if (street && city)
    console.log(
      `\ncity / street time to complete: ${(city.completeS / street.completeS).toFixed(2)}× (goal ≤ 2×)`,
    );
}
