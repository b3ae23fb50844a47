import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pumpStations } from '../layers/defs/drainage';
import { type LaunchedChromium, launchChromium } from '../scripts/chromium';
import { REPO_ROOT } from '../scripts/ensure-viewer-build';
import { decodeViewState } from './state/view-state';
import { countChangedPixels, decodePng, waitForGlobe, waitForLayers } from './test-support/page-helpers';
import { startViewerServer, type ViewerServer } from './test-support/viewer-server';

const ARTIFACTS = join(REPO_ROOT, 'out', 'test-artifacts');
/** Looking north over the Bund from above the Huangpu, pitched, so stations and towers are both in view. */
const CAMERA = '121.4862,31.2290,1400,0,-45';
const LAYERS = 'water,roads,buildings,pump-stations,waterlogging-points,muck-trucks';
const FAILING = 'muck-trucks';

let server: ViewerServer;
let browser: LaunchedChromium;
let page: Page;
const consoleErrors: string[] = [];

async function shoot(name: string): Promise<Buffer> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const png = await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  return png;
}

/** Raw RGBA of the canvas area (the WebGL canvases composited), via a 2D canvas in the page. */
async function canvasPixels(): Promise<Buffer> {
  await page.evaluate('window.__twin.viewer.scene.requestRender()');
  await page.waitForTimeout(1500);
  const png = await page.screenshot({ clip: { x: 340, y: 50, width: 600, height: 380 } });
  return decodePng(page, png);
}

/** RGB at window pixels (3×3 median-free average) from one screenshot (`decodePng`). */
async function pixelsAt(points: number[][]): Promise<number[][]> {
  await page.evaluate('window.__twin.viewer.scene.requestRender()');
  await page.waitForTimeout(1500);
  const px = await decodePng(page, await page.screenshot());
  const { width, height } = page.viewportSize()!;
  // a pixel outside the window reads as 0, as the canvas's getImageData gives
  const at = (x: number, y: number, ch: number) =>
    x < 0 || y < 0 || x >= width || y >= height ? 0 : px[4 * (y * width + x) + ch]!;
  return points.map(([x, y]) => {
    const avg = [0, 0, 0];
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++)
        for (let ch = 0; ch < 3; ch++) avg[ch]! += at(Math.round(x!) + dx, Math.round(y!) + dy, ch) / 9;
    return avg;
  });
}

/** Legend colours of the pumping stations by status (from the layer definition, not from the viewer). */
const PUMP_STATION_COLORS: Record<string, readonly number[]> = (() => {
  const rule = pumpStations.style.color;
  if (rule.kind !== 'category') throw new Error('pump-stations colour rule is not by category');
  return rule.colors;
})();

/**
 * Pixels of Cesium's shaded buildings: bluish grey (blue a little above red). Light beige roads (red ≥ blue) and
 * the blue river (blue far above red) do not count: with correct occlusion the roads hidden behind buildings
 * appear when the buildings are switched off, so a plain "light grey" count would rise with them.
 */
function countBuildingPixels(rgba: Buffer): number {
  let n = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    const r = rgba[i]!;
    const g = rgba[i + 1]!;
    const b = rgba[i + 2]!;
    if (r > 85 && g > 95 && b > r + 6 && b - r < 50) n++;
  }
  return n;
}

beforeAll(async () => {
  server = await startViewerServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // The deliberately failing layer's 500s are expected; anything else is a bug.
    if (m.location().url.includes(`/api/layers/${FAILING}/`)) return;
    consoleErrors.push(`${m.text()} @ ${m.location().url}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  await page.route(`**/api/layers/${FAILING}/**`, (route) =>
    route.fulfill({
      status: 500,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'internal', message: 'injected failure' } }),
    }),
  );
  await page.goto(`${server.url}/?cam=${CAMERA}&layers=${LAYERS}&lang=zh-CN&mode=analyst`);
  await waitForGlobe(page, 200_000);
  await waitForLayers(page);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('viewer in Chromium', () => {
  it('loads without console errors and draws the Bund with buildings', async () => {
    await shoot('viewer-bund');
    expect(consoleErrors).toEqual([]);
    const withBuildings = countBuildingPixels(await canvasPixels());
    await page.click('.layer-row[data-layer="buildings"] input[type="checkbox"]');
    const without = countBuildingPixels(await canvasPixels());
    await shoot('viewer-bund-no-buildings');
    await page.click('.layer-row[data-layer="buildings"] input[type="checkbox"]');
    await waitForGlobe(page);
    expect(withBuildings).toBeGreaterThan(5000);
    expect(without).toBeLessThan(withBuildings / 2);
  });

  it('keeps deck.gl and Cesium aligned at every pitch', async () => {
    const worst = await page.evaluate(`(async () => {
      const t = window.__twin;
      const C = t.viewer.camera;
      let worst = 0;
      const missing = [];
      for (const pitch of [-15, -35, -60, -89]) {
        C.setView({
          destination: C.positionWC.clone(),
          orientation: { heading: 0.3, pitch: (pitch * Math.PI) / 180, roll: 0 },
        });
        t.viewer.scene.requestRender();
        t.viewer.scene.render();
        for (const [lon, lat, h] of [[121.4905, 31.2397, 0], [121.4997, 31.2397, 200], [121.486, 31.231, 0]]) {
          const p = t.projectBoth(lon, lat, h);
          // a missing projection is a failure, not a point to skip
          if (!p.cesium || !p.deck) { missing.push([pitch, lon, lat, h, !!p.cesium, !!p.deck]); continue; }
          worst = Math.max(worst, Math.hypot(p.cesium[0] - p.deck[0], p.cesium[1] - p.deck[1]));
        }
      }
      return { worst, missing };
    })()`);
    expect((worst as { missing: unknown[] }).missing).toEqual([]);
    expect((worst as { worst: number }).worst).toBeLessThan(0.5);
  });

  it('shows an error badge for a failing layer while the others stay drawn', async () => {
    const failing = page.locator(`.layer-row[data-layer="${FAILING}"]`);
    await expect.poll(() => failing.getAttribute('data-status'), { timeout: 30_000 }).toBe('error');
    expect(await failing.locator('.badge.error').textContent()).toBe('加载失败');
    for (const ok of ['water', 'roads', 'pump-stations'])
      expect(await page.locator(`.layer-row[data-layer="${ok}"]`).getAttribute('data-status')).toBe('ready');
  });

  it('toggling a layer changes pixels', async () => {
    const before = await canvasPixels();
    await page.click('.layer-row[data-layer="water"] input[type="checkbox"]');
    const after = await canvasPixels();
    await shoot('viewer-no-water');
    await page.click('.layer-row[data-layer="water"] input[type="checkbox"]');
    await waitForLayers(page);
    expect(countChangedPixels(before, after)).toBeGreaterThan(2000);
  });

  it('draws pumping stations in their legend colour at their projected pixel; off, the colour is gone', async () => {
    const at = new Date(decodeViewState(new URL(page.url()).search, {} as never).time).toISOString();
    const res = await fetch(
      `${server.url}/api/layers/pump-stations/readings?at=${at}&format=geojson&limit=10000`,
    );
    expect(res.status).toBe(200);
    const fc = (await res.json()) as {
      features: { properties: { status: string }; geometry: { coordinates: [number, number] } }[];
    };
    const legend = PUMP_STATION_COLORS;
    const stations = fc.features.map((f) => ({
      status: f.properties.status,
      lon: f.geometry.coordinates[0],
      lat: f.geometry.coordinates[1],
    }));
    const px = await page.evaluate((stations) => {
      const t = (
        window as unknown as { __twin: { projectBoth(a: number, b: number): { deck: number[] | null } } }
      ).__twin;
      return stations.map((s) => t.projectBoth(s.lon, s.lat).deck);
    }, stations);
    // in the canvas, right of the catalog panel, away from the edges
    const inView = stations
      .map((s, i) => ({ ...s, p: px[i]! }))
      .filter((s) => s.p && s.p[0]! > 360 && s.p[0]! < 1260 && s.p[1]! > 60 && s.p[1]! < 700);
    expect(inView.length).toBeGreaterThanOrEqual(1);
    const before = await pixelsAt(inView.map((s) => s.p));
    await page.click('.layer-row[data-layer="pump-stations"] input[type="checkbox"]');
    const after = await pixelsAt(inView.map((s) => s.p));
    await shoot('viewer-no-pump-stations');
    await page.click('.layer-row[data-layer="pump-stations"] input[type="checkbox"]');
    await waitForLayers(page);
    const dist = (a: number[], b: readonly number[]) =>
      Math.abs(a[0]! - b[0]!) + Math.abs(a[1]! - b[1]!) + Math.abs(a[2]! - b[2]!);
    const shown = inView.flatMap((s, i) => (dist(before[i]!, legend[s.status]!) < 45 ? [i] : []));
    // Most stations in view show exactly their status colour (a few may stand behind a building).
    expect(shown.length).toBeGreaterThanOrEqual(Math.ceil(inView.length / 2));
    // With the layer off, none of those pixels keeps the colour: what lies beneath shows instead.
    expect(shown.filter((i) => dist(after[i]!, legend[inView[i]!.status]!) < 45)).toEqual([]);
  });

  it('clicking a pumping station opens the inspector with its name and a sparkline', async () => {
    const res = await fetch(`${server.url}/api/layers/pump-stations/features?format=geojson&limit=100`);
    const fc = (await res.json()) as {
      features: { properties: { name: string }; geometry: { coordinates: [number, number] } }[];
    };
    const stations = fc.features.map((f) => ({
      name: f.properties.name,
      lon: f.geometry.coordinates[0],
      lat: f.geometry.coordinates[1],
    }));
    const target = await page.evaluate((stations) => {
      const t = (
        window as unknown as { __twin: { projectBoth(a: number, b: number): { deck: number[] | null } } }
      ).__twin;
      const inView = stations
        .map((s) => ({ name: s.name, p: t.projectBoth(s.lon, s.lat).deck }))
        .filter((s) => s.p && s.p[0]! > 360 && s.p[0]! < 1200 && s.p[1]! > 80 && s.p[1]! < 600);
      return inView[0] ?? null;
    }, stations);
    expect(target, 'a pumping station in view').not.toBeNull();
    await page.mouse.click(target!.p![0]!, target!.p![1]!);
    const name = page.getByTestId('inspector-name');
    await expect.poll(() => name.textContent(), { timeout: 30_000 }).toBe(target!.name);
    await expect
      .poll(() => page.locator('[data-testid="sparkline"] polyline').count(), { timeout: 60_000 })
      .toBe(1);
    await shoot('viewer-inspector');
  });

  it('round-trips the view state through the URL', async () => {
    await page.keyboard.press('l');
    await page.click('.topbar button:has-text("Planner")');
    await page.click('.layer-row[data-layer="roads"] input[type="checkbox"]');
    await page.waitForTimeout(800);
    const url = page.url();
    const before = decodeViewState(new URL(url).search, {} as never);
    expect(before).toMatchObject({ lang: 'en', mode: 'planner' });
    expect(before.layers).not.toContain('roads');
    await page.goto(url);
    await waitForGlobe(page, 200_000);
    await page.waitForTimeout(800);
    const after = decodeViewState(new URL(page.url()).search, {} as never);
    expect(after.layers).toEqual(before.layers);
    expect(after.time).toBe(before.time);
    expect(after.camera.lon).toBeCloseTo(before.camera.lon, 4);
    expect(after.camera.pitch).toBeCloseTo(before.camera.pitch, 1);
    expect(await page.getAttribute('.app', 'data-lang')).toBe('en');
    expect(await page.getAttribute('.app', 'data-mode')).toBe('planner');
    expect(await page.isChecked('.layer-row[data-layer="roads"] input[type="checkbox"]')).toBe(false);
    writeFileSync(join(ARTIFACTS, 'viewer-url.txt'), `${url}\n`);
    await shoot('viewer-roundtrip');
  });
});
