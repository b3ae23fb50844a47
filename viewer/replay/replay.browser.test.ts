import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../scenarios';
import { type LaunchedChromium, launchChromium } from '../../scripts/chromium';
import { REPO_ROOT } from '../../scripts/ensure-viewer-build';
import { countChangedPixels, decodePng, waitForGlobe, waitForLayers } from '../test-support/page-helpers';
import { startViewerServer, type ViewerServer } from '../test-support/viewer-server';

const ARTIFACTS = join(REPO_ROOT, 'out', 'test-artifacts');
let server: ViewerServer;
let browser: LaunchedChromium;

beforeAll(async () => {
  server = await startViewerServer();
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Readings requests of a page: layer and time parameters. */
function recordReadings(page: Page) {
  const seen: { layer: string; at?: string; from?: string; to?: string; bucket?: string }[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    const m = /^\/api\/layers\/([^/]+)\/readings$/.exec(u.pathname);
    if (!m) return;
    const q = u.searchParams;
    seen.push({
      layer: m[1]!,
      ...(q.get('at') ? { at: q.get('at')! } : {}),
      ...(q.get('from') ? { from: q.get('from')!, to: q.get('to')! } : {}),
      ...(q.get('bucket') ? { bucket: q.get('bucket')! } : {}),
    });
  });
  return seen;
}

const replayState = (page: Page) =>
  page.evaluate(() => (window as unknown as { __twin: { replay: Record<string, unknown> } }).__twin.replay);
const clockIso = (page: Page) => page.getAttribute('[data-testid="clock-time"]', 'data-time');

describe('scenario replay in Chromium', () => {
  it('the clock drives layer requests for the scenario window; next-event jumps; only known events listed', async () => {
    const page = await browser.context.newPage();
    const seen = recordReadings(page);
    page.setDefaultTimeout(120_000);
    await page.goto(`${server.url}/?scenario=rainstorm-2013-09-13&t=2013-09-13T08:00:00Z&lang=en`, {
      waitUntil: 'domcontentloaded',
    });
    await page.waitForSelector('[data-testid="timeline-strip"]', { timeout: 120_000 });
    await waitForLayers(page);
    expect(await clockIso(page)).toBe('2013-09-13T08:00:00.000Z');
    // the indicators: one 5-minute bucket query per indicator over exactly the scenario window
    const buckets = () =>
      [
        ...new Set(
          seen.filter((s) => s.bucket).map((s) => JSON.stringify([s.layer, s.from, s.to, s.bucket])),
        ),
      ].map((j) => JSON.parse(j));
    await expect.poll(() => buckets().length, { timeout: 60_000 }).toBe(2);
    expect(buckets()).toEqual([
      ['rain-gauges', '2013-09-13T06:00:00Z', '2013-09-13T10:00:00Z', '5m'],
      ['waterlogging-points', '2013-09-13T06:00:00Z', '2013-09-13T10:00:00Z', '5m'],
    ]);
    // the scenario's layers ask for their readings at the clock time
    const at0 = new Set(seen.filter((s) => s.at).map((s) => `${s.layer}@${s.at}`));
    for (const l of ['rain-gauges', 'pump-stations', 'waterlogging-points', 'flood-teams'])
      expect(at0.has(`${l}@2013-09-13T08:00:00Z`)).toBe(true);
    expect(await page.locator('[data-testid="known-events"] li').count()).toBe(6);
    expect(await page.locator('[data-testid="event-marker"][data-known="false"]').count()).toBe(1);

    seen.length = 0;
    await page.click('[data-testid="next-event"]');
    await expect.poll(() => clockIso(page)).toBe('2013-09-13T08:10:00.000Z');
    await expect
      .poll(() => seen.some((s) => s.layer === 'waterlogging-points' && s.at === '2013-09-13T08:10:00Z'))
      .toBe(true);
    expect(seen.filter((s) => s.at && s.at !== '2013-09-13T08:10:00Z')).toEqual([]);
    expect(await page.locator('[data-testid="known-events"] li').count()).toBe(7);
    expect(await page.locator('[data-testid="known-events"] li').first().textContent()).toContain(
      'Xinjian Rd tunnel underpass',
    );
    // at 1280×720 (the page's size) the replay panels sit side by side: no panel covers another
    const boxes = await page.evaluate(() =>
      ['.catalog', '[data-testid="timeline-strip"]', '[data-testid="known-events"]', '.time-control'].map(
        (s) => {
          const r = document.querySelector(s)!.getBoundingClientRect();
          return { s, x0: r.left, x1: r.right, y0: r.top, y1: r.bottom };
        },
      ),
    );
    for (const a of boxes)
      for (const b of boxes)
        if (a.s < b.s)
          expect(
            a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1,
            `${a.s} overlaps ${b.s}: ${JSON.stringify([a, b])}`,
          ).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'replay-analyst.png') });
    await page.close();
  }, 600_000);

  it('plays the scenario from start to end at 3600×, asking for readings across the window', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(120_000);
    const seen = recordReadings(page);
    await page.goto(
      `${server.url}/?scenario=muck-trucks-night&t=2013-09-13T10:30:00Z&speed=3600&layers=muck-trucks`,
      {
        waitUntil: 'domcontentloaded',
      },
    );
    await page.waitForSelector('[data-testid="timeline-strip"]', { timeout: 120_000 });
    expect(await clockIso(page)).toBe('2013-09-13T10:30:00.000Z');
    await page.evaluate(() => (document.querySelector('.time-control .play') as HTMLButtonElement).click());
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="clock-time"]')?.getAttribute('data-time') ===
        '2013-09-13T15:00:00.000Z',
      undefined,
      { timeout: 240_000, polling: 200 },
    );
    expect(await page.getAttribute('.time-control .play', 'data-playing')).toBe('false');
    // Moving layers fetch windows ahead of the clock (raw from/to; instants for the highlight rings): together
    // the truck requests must cover the scenario window, pass through it, and never stray more than one
    // fetch-ahead window (30 min) outside it.
    const t0 = Date.parse('2013-09-13T10:30:00Z');
    const t1 = Date.parse('2013-09-13T15:00:00Z');
    const spans = seen
      .filter((s) => s.layer === 'muck-trucks' && (s.at || s.from))
      .map(
        (s) =>
          (s.at ? [Date.parse(s.at), Date.parse(s.at)] : [Date.parse(s.from!), Date.parse(s.to!)]) as [
            number,
            number,
          ],
      );
    expect(spans.length).toBeGreaterThan(2);
    expect(Math.min(...spans.map((x) => x[0]))).toBeLessThanOrEqual(t0);
    expect(Math.max(...spans.map((x) => x[1]))).toBeGreaterThanOrEqual(t1);
    expect(spans.filter(([a, b]) => b < t0 - 1_800_000 || a > t1 + 1_800_000)).toEqual([]);
    // the clock passed through the window, not only its two ends (few frames at 3600× on software WebGL)
    expect(spans.filter(([a]) => a > t0 && a < t1).length).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="known-events"] li').count()).toBe(
      SCENARIOS.get('muck-trucks-night')!.events.length,
    );
    await page.close();
  }, 600_000);

  it('paused at t, the reloaded URL shows the same picture', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(120_000);
    await page.goto(`${server.url}/?scenario=crowd-surge-bund&t=2013-09-13T11:55:00Z&res=0.5`, {
      waitUntil: 'domcontentloaded',
    });
    await waitForGlobe(page, 240_000);
    await waitForLayers(page);
    await page.waitForTimeout(2500); // URL follows the view after 300 ms
    const url = page.url();
    expect(new URL(url).searchParams.get('scenario')).toBe('crowd-surge-bund');
    expect(new URL(url).searchParams.get('t')).toBe('2013-09-13T11:55:00Z');
    const a = await page.screenshot({ path: join(ARTIFACTS, 'replay-before-reload.png') });
    await page.reload({ waitUntil: 'domcontentloaded' });
    await waitForGlobe(page, 240_000);
    await waitForLayers(page);
    await page.waitForTimeout(2500);
    expect(page.url()).toBe(url);
    const b = await page.screenshot({ path: join(ARTIFACTS, 'replay-after-reload.png') });
    const [pa, pb] = [await decodePng(page, a), await decodePng(page, b)];
    const changed = countChangedPixels(pa, pb);
    expect(changed / (pa.length / 4)).toBeLessThan(0.01);
    await page.close();
  }, 900_000);

  it('the remote page drives the wall (two real pages)', async () => {
    const session = `room-${Date.now()}`;
    const wall = await browser.context.newPage();
    const remote = await browser.context.newPage();
    wall.setDefaultTimeout(120_000);
    remote.setDefaultTimeout(120_000);
    await wall.goto(`${server.url}/?scenario=crowd-surge-bund&mode=wall&autoplay=1&session=${session}`, {
      waitUntil: 'domcontentloaded',
    });
    await wall.waitForSelector('[data-testid="briefing-caption"]', { timeout: 120_000 });
    await remote.goto(`${server.url}/?remote=${session}&scenario=crowd-surge-bund`, {
      waitUntil: 'domcontentloaded',
    });
    await remote.waitForSelector('[data-testid="remote-step"]');
    expect(await remote.locator('[data-testid="remote-step"]').count()).toBe(6);
    await remote.click('[data-testid="remote-pause"]');
    await wall.waitForSelector('[data-testid="briefing-caption"][data-playing="false"]', { timeout: 15_000 });
    const paused = await wall.getAttribute('[data-testid="briefing-caption"]', 'data-step');
    await remote.click('[data-testid="remote-next"]');
    await wall.waitForSelector(`[data-testid="briefing-caption"][data-step="${Number(paused) + 1}"]`, {
      timeout: 15_000,
    });
    await remote.locator('[data-testid="remote-step"]').nth(3).click();
    await wall.waitForSelector('[data-testid="briefing-caption"][data-step="3"]', { timeout: 15_000 });
    // a paused wall holds the step's clock time
    expect(await clockIso(wall)).toBe('2013-09-13T11:55:00.000Z');
    expect(await wall.textContent('[data-testid="briefing-caption"] h2')).toBe('外滩踩踏风险');
    await expect.poll(() => remote.getAttribute('[data-testid="remote-state"]', 'data-index')).toBe('3');
    await wall.waitForTimeout(8000); // camera flight (2.5 s) and tiles; the caption is what this picture is for
    await wall.screenshot({ path: join(ARTIFACTS, 'briefing-wall-step4.png') });
    await remote.screenshot({ path: join(ARTIFACTS, 'briefing-remote.png') });
    // play again: the wall advances on its own after the step's dwell
    await remote.click('[data-testid="remote-play"]');
    await wall.waitForSelector('[data-testid="briefing-caption"][data-step="4"]', { timeout: 30_000 });
    expect((await replayState(wall)).briefingIndex).toBe(4);
    await wall.close();
    await remote.close();
  }, 600_000);
});
