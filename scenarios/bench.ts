/**
 * Replay benchmark (`npm run bench -- scenarios`): frame-time distribution and long tasks in Chromium while the
 * rainstorm scenario replays at 60× with trucks moving, interpolation on (`?interp=1`) against off (`?interp=0`:
 * each truck held at its last sample), both against the same page paused (baseline, same run), and the on/off
 * ratios. The viewer acknowledges the switch as `__twin.interpolation`; a page that does not is an error. City
 * scale: set TWIN_DATA_DIR to a city build (every truck). REPLAY_BENCH_SECONDS sets each stretch (default 20).
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../scripts/chromium';
import type { FrameStats } from '../viewer/replay/frame-stats';
import { waitForGlobe, waitForLayers } from '../viewer/test-support/page-helpers';
import { startViewerServer } from '../viewer/test-support/viewer-server';

const SECONDS = Number(process.env.REPLAY_BENCH_SECONDS ?? 20);
const BASE =
  'scenario=rainstorm-2013-09-13&t=2013-09-13T07:00:00Z&speed=60&layers=buildings,flood-teams,muck-trucks,waterlogging-points,rain-gauges';

/** Frame statistics plus the main thread's script and task time per second of the stretch (CDP metrics). */
type Measured = FrameStats & { scriptMsPerS: number; taskMsPerS: number };

async function busy(cdp: CDPSession): Promise<{ script: number; task: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return { script: (m.ScriptDuration ?? 0) * 1000, task: (m.TaskDuration ?? 0) * 1000 };
}

async function measure(page: Page, play: boolean): Promise<Measured> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  if (play) await page.click('.time-control .play');
  await page.evaluate('window.__bench = window.__twin.recordFrames()');
  const a = await busy(cdp);
  const t0 = performance.now();
  await page.waitForTimeout(SECONDS * 1000);
  const stats = (await page.evaluate('window.__bench.stop()')) as FrameStats;
  const b = await busy(cdp);
  const s = (performance.now() - t0) / 1000;
  if (play) await page.click('.time-control .play');
  return { ...stats, scriptMsPerS: (b.script - a.script) / s, taskMsPerS: (b.task - a.task) / s };
}

const server = await startViewerServer();
const browser = await launchChromium();
const rows: [string, Measured][] = [];
try {
  const runs: [string, string, boolean][] = [
    ['paused (baseline)', '&interp=1', false],
    ['60× interpolation on', '&interp=1', true],
    ['60× interpolation off', '&interp=0', true],
  ];
  for (const [name, extra, play] of runs) {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/?${BASE}${extra}`);
    await waitForGlobe(page, 300_000);
    await waitForLayers(page);
    const ack = await page.evaluate('window.__twin.interpolation');
    if (ack !== extra.endsWith('=1'))
      throw new Error(`${name}: the page says interpolation=${String(ack)} for ${extra}`);
    rows.push([name, await measure(page, play)]);
    await page.close();
  }
  const base = rows[0]![1];
  console.log(`\nrainstorm replay, ${SECONDS} s each (fixture: ${server.fixture})`);
  console.log(
    'run                     frames  p50 ms  p95 ms  p99 ms  max ms  long tasks (ms)  p95/baseline  script ms/s  task ms/s',
  );
  for (const [name, s] of rows)
    console.log(
      `${name.padEnd(22)} ${String(s.frames).padStart(7)} ${s.p50.toFixed(1).padStart(7)} ${s.p95.toFixed(1).padStart(7)} ${s.p99.toFixed(1).padStart(7)} ${s.max.toFixed(0).padStart(7)} ${`${s.longTasks} (${s.longTaskMs.toFixed(0)})`.padStart(16)} ${(s.p95 / (base.p95 || 1)).toFixed(2).padStart(13)} ${s.scriptMsPerS.toFixed(0).padStart(12)} ${s.taskMsPerS.toFixed(0).padStart(10)}`,
    );
  const on = rows.find(([n]) => n.includes('on'))?.[1];
  const off = rows.find(([n]) => n.includes('off'))?.[1];
  if (on && off) {
    const r = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : a > 0 ? '∞' : '—');
    console.log('\ninterpolation on ÷ off (same run):');
    console.log(
      `  frames ${r(on.frames, off.frames)}  p50 ${r(on.p50, off.p50)}  p95 ${r(on.p95, off.p95)}  p99 ${r(on.p99, off.p99)}`,
    );
    console.log(
      `  long tasks ${on.longTasks} vs ${off.longTasks}, long-task time ${r(on.longTaskMs, off.longTaskMs)}`,
    );
    console.log(
      `  main-thread script time ${r(on.scriptMsPerS, off.scriptMsPerS)}, task time ${r(on.taskMsPerS, off.taskMsPerS)}`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
// The server's closed handles can still hold the event loop (the bench runner waits for this process to end).
process.exit(process.exitCode ?? 0);
