/**
 * Replay benchmark (`npm run bench -- scenarios`): frame-time distribution and long tasks in Chromium while the
 * rainstorm scenario replays at 60×, against the same page paused (baseline, same run). When the viewer exposes
 * an interpolation switch (`?interp=0|1`, acknowledged as `__twin.interpolation`; h5's interpolate-tracks), it
 * also times interpolation on vs off. City scale: set TWIN_DATA_DIR to a city build (every truck).
 */
import type { Page } from 'playwright-core';
import { launchChromium } from '../scripts/chromium';
import type { FrameStats } from '../viewer/replay/frame-stats';
import { waitForGlobe, waitForLayers } from '../viewer/test-support/page-helpers';
import { startViewerServer } from '../viewer/test-support/viewer-server';

const SECONDS = Number(process.env.REPLAY_BENCH_SECONDS ?? 20);
const BASE =
  'scenario=rainstorm-2013-09-13&t=2013-09-13T07:00:00Z&speed=60&layers=buildings,flood-teams,muck-trucks,waterlogging-points,rain-gauges';

async function measure(page: Page, play: boolean): Promise<FrameStats> {
  if (play) await page.click('.time-control .play');
  await page.evaluate('window.__bench = window.__twin.recordFrames()');
  await page.waitForTimeout(SECONDS * 1000);
  const stats = (await page.evaluate('window.__bench.stop()')) as FrameStats;
  if (play) await page.click('.time-control .play');
  return stats;
}

const server = await startViewerServer();
const browser = await launchChromium();
const rows: [string, FrameStats][] = [];
try {
  const runs: [string, string, boolean][] = [
    ['paused (baseline)', '', false],
    ['60× replay', '', true],
    ['60× interpolation on', '&interp=1', true],
    ['60× interpolation off', '&interp=0', true],
  ];
  for (const [name, extra, play] of runs) {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/?${BASE}${extra}`);
    await waitForGlobe(page, 300_000);
    await waitForLayers(page);
    if (extra) {
      const ack = await page.evaluate('window.__twin.interpolation');
      if (ack === undefined) {
        console.log(
          `${name}: skipped — the viewer has no interpolation switch yet (h5's interpolate-tracks)`,
        );
        await page.close();
        continue;
      }
    }
    rows.push([name, await measure(page, play)]);
    await page.close();
  }
  const base = rows[0]![1];
  console.log(`\nrainstorm replay, ${SECONDS} s each (fixture: ${server.fixture})`);
  console.log(
    'run                     frames  p50 ms  p95 ms  p99 ms  max ms  long tasks (ms)  p95/baseline',
  );
  for (const [name, s] of rows)
    console.log(
      `${name.padEnd(22)} ${String(s.frames).padStart(7)} ${s.p50.toFixed(1).padStart(7)} ${s.p95.toFixed(1).padStart(7)} ${s.p99.toFixed(1).padStart(7)} ${s.max.toFixed(0).padStart(7)} ${`${s.longTasks} (${s.longTaskMs.toFixed(0)})`.padStart(16)} ${(s.p95 / (base.p95 || 1)).toFixed(2).padStart(13)}`,
    );
} finally {
  await browser.close();
  await server.close();
}
