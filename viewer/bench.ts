/**
 * Viewer benchmark (`npm run bench -- viewer`): in Debian's Chromium (SwiftShader), time to the first frame
 * showing 100k and 1M points through the viewer's deck.gl binary-attribute path versus what a Cesium user
 * would write (the same points through GeoJsonDataSource → entities), with main-thread long tasks; plus the
 * size of the `vite build` output and the viewer's first load from the project's server.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../scripts/chromium';
import { VIEWER_OUT_DIR } from '../scripts/ensure-viewer-build';
import type { BenchResult } from './bench/bench-page';
import { BENCH_CAMERAS, benchCamera, type CameraResult, printCameraTable } from './bench/camera-bench';
import { printFunctionTimes } from './bench/cpu-profile';
import { waitForGlobe, waitForLayers } from './test-support/page-helpers';
import { startViewerServer } from './test-support/viewer-server';

const SIZES = (process.env.BENCH_POINTS ?? '20000,100000,1000000').split(',').map(Number);
const BASELINE_TIMEOUT_MS = Number(process.env.BENCH_BASELINE_TIMEOUT_MS ?? 150_000);

function dirSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const s = dirSize(p);
      bytes += s.bytes;
      files += s.files;
    } else {
      bytes += statSync(p).size;
      files++;
    }
  }
  return { bytes, files };
}

const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
const server = await startViewerServer();
const browser = await launchChromium();
const results: BenchResult[] = [];
try {
  // Three cameras (city, district, street): bytes, requests, time to complete, heap, frames and long tasks
  // while playing. `BENCH_VIEWER=cameras` runs only these; `BENCH_CAMERA=city` (comma-separated) picks cameras.
  const cams: CameraResult[] = [];
  const pick = process.env.BENCH_CAMERA?.split(',');
  for (const cam of (Object.keys(BENCH_CAMERAS) as (keyof typeof BENCH_CAMERAS)[]).filter(
    (c) => !pick || pick.includes(c),
  )) {
    cams.push(await benchCamera(browser, server.url, cam));
    console.error(`[bench] camera ${cam}: ${cams[cams.length - 1]!.completeS.toFixed(1)} s`);
  }
  printCameraTable(cams);
  for (const c of cams) if (c.profile) printFunctionTimes(`CPU while playing, ${c.camera} camera`, c.profile);
  for (const c of cams)
    if (c.ourLongest)
      console.log(
        `longest uninterrupted run of our per-step code, ${c.camera} camera (goal ≤ 50 ms): ${Object.entries(
          c.ourLongest,
        )
          .map(([f, ms]) => `${f} ${ms.toFixed(0)} ms`)
          .join(', ')}`,
      );
  if (process.env.BENCH_VIEWER === 'cameras') SIZES.length = 0;
  for (const points of SIZES) {
    for (const impl of ['deck-binary', 'cesium-geojson'] as const) {
      const page = await browser.context.newPage();
      page.on('crash', () => console.error(`[bench] page crashed: ${impl} ${points}`));
      page.on('console', (m) => m.type() === 'error' && console.error(`[page] ${m.text()}`));
      await page.goto(`${server.url}/bench.html`);
      await page.waitForFunction('typeof window.runBench === "function"');
      const limit = impl === 'cesium-geojson' ? BASELINE_TIMEOUT_MS : 10 * BASELINE_TIMEOUT_MS;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<BenchResult>((ok) => {
        timer = setTimeout(
          () =>
            ok({
              impl,
              points,
              firstFrameMs: limit,
              timedOut: true,
              longTasks: Number.NaN,
              longTaskMs: Number.NaN,
            }),
          limit,
        );
      });
      const run = page
        .evaluate(
          ([impl, points, timeout]) =>
            (
              window as unknown as { runBench(i: string, n: number, t: number): Promise<BenchResult> }
            ).runBench(impl as string, points as number, timeout as number),
          [impl, points, BASELINE_TIMEOUT_MS] as const,
        )
        .catch((e: Error): BenchResult => {
          console.error(`[bench] ${impl} ${points} failed: ${e.message.split('\n')[0]}`);
          return { impl, points, firstFrameMs: Number.NaN, longTasks: 0, longTaskMs: 0, failed: true };
        }) as Promise<BenchResult>;
      const r = await Promise.race([run, timedOut]);
      clearTimeout(timer);
      results.push(r);
      console.error(
        `[bench] ${impl} ${points}: ${r.firstFrameMs.toFixed(0)} ms${r.timedOut ? ' (timed out)' : ''}`,
      );
      await page.close().catch(() => {});
    }
  }

  if (SIZES.length)
    console.log('\nTime to first frame with N points (Chromium, SwiftShader; lower is better)\n');
  if (SIZES.length) {
    console.log(
      '| points | deck.gl binary (ms) | Cesium GeoJsonDataSource (ms) | speed-up | long tasks deck / Cesium (count, ms) |',
    );
    console.log('|---:|---:|---:|---:|---|');
  }
  for (const n of SIZES) {
    const d = results.find((r) => r.impl === 'deck-binary' && r.points === n)!;
    const c = results.find((r) => r.impl === 'cesium-geojson' && r.points === n)!;
    const ratio = c.firstFrameMs / d.firstFrameMs;
    const cell = (r: BenchResult) =>
      r.failed ? 'failed' : `${r.timedOut ? '> ' : ''}${r.firstFrameMs.toFixed(0)}`;
    const tasks = (r: BenchResult) =>
      Number.isFinite(r.longTasks) && !r.failed ? `${r.longTasks}, ${r.longTaskMs.toFixed(0)}` : 'n/a';
    const speedUp = c.failed ? 'n/a (baseline crashed)' : `${c.timedOut ? '> ' : ''}${ratio.toFixed(1)}×`;
    console.log(
      `| ${n.toLocaleString('en')} | ${cell(d)} | ${cell(c)} | ${speedUp} | ${tasks(d)} / ${tasks(c)} |`,
    );
  }

  // Build size and first load of the real viewer from the server.
  const total = dirSize(VIEWER_OUT_DIR);
  const assets = join(VIEWER_OUT_DIR, 'assets');
  let js = 0;
  let jsGz = 0;
  for (const f of readdirSync(assets).filter((f) => f.endsWith('.js'))) {
    const buf = readFileSync(join(assets, f));
    js += buf.length;
    jsGz += gzipSync(buf).length;
  }
  const page = await browser.context.newPage();
  const t0 = performance.now();
  await page.goto(`${server.url}/?layers=water,roads,buildings,pump-stations`);
  const domMs = performance.now() - t0;
  await waitForGlobe(page, 240_000);
  const globeMs = performance.now() - t0;
  await waitForLayers(page);
  const layersMs = performance.now() - t0;
  const transferred = (await page.evaluate(
    `performance.getEntriesByType('resource').reduce((s, e) => s + (e.transferSize || 0), 0)`,
  )) as number;
  console.log('\nViewer build and first load\n');
  console.log('| measure | value |');
  console.log('|---|---|');
  console.log(
    `| vite build out/viewer (without Cesium assets, served from node_modules) | ${mb(total.bytes)} in ${total.files} files |`,
  );
  console.log(`| JavaScript | ${mb(js)} (${mb(jsGz)} gzip) |`);
  console.log(`| first load: page loaded (goto) | ${(domMs / 1000).toFixed(1)} s |`);
  console.log(`| first load: globe + buildings tiles loaded | ${(globeMs / 1000).toFixed(1)} s |`);
  console.log(`| first load: 4 layers drawn | ${(layersMs / 1000).toFixed(1)} s |`);
  console.log(`| first load: bytes transferred | ${mb(transferred)} |`);
} finally {
  await browser.close();
  await server.close();
}
// The server's closed handles can still hold the event loop (the bench runner waits for this process to end).
process.exit(process.exitCode ?? 0);
