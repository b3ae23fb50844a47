import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedChromium, launchChromium } from '../scripts/chromium';
import { REPO_ROOT } from '../scripts/ensure-viewer-build';
import { buildFixtureTilesets, type FixtureTileset } from '../tiles/fixtures/build-fixture-tilesets';
import { type StaticServer, startStaticServer } from '../tiles/static-server';
import { countChangedPixels, decodePng, waitForGlobe } from './test-support/page-helpers';
import { startViewerServer, type ViewerServer } from './test-support/viewer-server';

const ARTIFACTS = join(REPO_ROOT, 'out', 'test-artifacts');
const fixturesDir = mkdtempSync(join(tmpdir(), 'external-tilesets-'));
let fixtures: FixtureTileset[];
let tiles: StaticServer; // the "city's" 3D Tiles server: another origin (port), CORS open
let server: ViewerServer;
let browser: LaunchedChromium;
let page: Page;
const pageErrors: string[] = [];

type Twin = {
  viewer: { scene: { requestRender(): void; pick(p: { x: number; y: number }): unknown } };
  externalTilesets?: Record<string, { flown: boolean; tileset: { tilesLoaded: boolean; show: boolean } }>;
};

beforeAll(async () => {
  fixtures = await buildFixtureTilesets(fixturesDir);
  tiles = await startStaticServer({ '/city': fixturesDir }, {}, { cors: true });
  server = await startViewerServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  mkdirSync(ARTIFACTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await tiles?.close();
  rmSync(fixturesDir, { recursive: true, force: true });
});

const urlOf = (path: string) => `${tiles.url}/city/${path}`;

/** Screenshot of the globe area, decoded to RGBA in the page. */
async function canvasPixels(): Promise<Buffer> {
  await page.evaluate('window.__twin.viewer.scene.requestRender()');
  await page.waitForTimeout(800);
  const png = await page.screenshot({ clip: { x: 440, y: 160, width: 400, height: 400 } });
  return decodePng(page, png);
}

/** Opens the viewer with only `?tileset=` (no camera: it flies there) and waits until the tileset is drawn. */
async function openWith(url: string): Promise<void> {
  // Half the device pixels (`res=0.5`): what is checked is that the tileset draws and picks, not sharpness.
  await page.goto(
    `${server.url}/?layers=&lang=zh-CN&mode=analyst&res=0.5&tileset=${encodeURIComponent(url)}`,
  );
  await page.waitForFunction(
    (u) => {
      const t = (window as unknown as { __twin?: Twin }).__twin?.externalTilesets?.[u];
      const row = document.querySelector(`.layer-row[data-layer="tileset:${u}"]`);
      return t?.flown && t.tileset.tilesLoaded && row?.getAttribute('data-status') === 'ready';
    },
    url,
    { timeout: 120_000, polling: 500 },
  );
  await waitForGlobe(page, 120_000);
}

/** Finds a canvas pixel near the centre where Cesium picks a feature with properties (scans a spiral). */
async function findPickable(): Promise<{ x: number; y: number } | null> {
  return page.evaluate(() => {
    const tw = (window as unknown as { __twin: Twin }).__twin;
    const canvas = document.querySelector('.cesium-widget canvas') as HTMLCanvasElement;
    const [cx, cy] = [canvas.clientWidth / 2, canvas.clientHeight / 2];
    for (let r = 0; r <= 120; r += 6) {
      const steps = Math.max(1, Math.round((2 * Math.PI * r) / 8));
      for (let k = 0; k < steps; k++) {
        const p = {
          x: cx + r * Math.cos((k / steps) * 2 * Math.PI),
          y: cy + r * Math.sin((k / steps) * 2 * Math.PI),
        };
        const f = tw.viewer.scene.pick(p) as { getPropertyIds?: () => string[] } | undefined;
        if (f?.getPropertyIds && f.getPropertyIds().length > 0) return p;
      }
    }
    return null;
  });
}

describe('3D Tiles added by URL from another origin', () => {
  for (const form of ['b3dm', 'i3dm', 'pnts', 'external', 'implicit'] as const) {
    it(`loads ${form}, flies to it, draws it and picks its metadata`, async () => {
      const fx = fixtures.find((f) => f.form === form)!;
      const url = urlOf(fx.path);
      const before = tiles.requests.length;
      await openWith(url);
      // Drawn: the pixels at the fly-to view change when the tileset is hidden.
      const shown = await canvasPixels();
      await page.screenshot({ path: join(ARTIFACTS, `external-tileset-${form}.png`) });
      await page.evaluate((u) => {
        (window as unknown as { __twin: Twin }).__twin.externalTilesets![u]!.tileset.show = false;
      }, url);
      const hidden = await canvasPixels();
      await page.evaluate((u) => {
        (window as unknown as { __twin: Twin }).__twin.externalTilesets![u]!.tileset.show = true;
      }, url);
      const changed = countChangedPixels(shown, hidden);
      expect(changed, `${form}: pixels drawn by the tileset`).toBeGreaterThan(2000);
      // Fetched across origins, every content it needs and nothing unavailable.
      const asked = tiles.requests.slice(before);
      for (const c of fx.contents) expect(asked, form).toContain(`/city/${c}`);
      for (const c of fx.absent) expect(asked, form).not.toContain(`/city/${c}`);
      // The URL keeps the tileset.
      await page.waitForFunction(
        (u) => new URLSearchParams(location.search).getAll('tileset').includes(u),
        url,
      );
      // Pick: the inspector shows the feature's metadata.
      await page.evaluate('window.__twin.viewer.scene.requestRender()');
      const at = await findPickable();
      expect(at, `${form}: a pickable feature near the centre`).not.toBeNull();
      await page.mouse.click(at!.x, at!.y);
      const inspector = page.locator('[data-testid="inspector"]');
      await inspector.waitFor({ timeout: 10_000 });
      expect(await inspector.getAttribute('data-layer')).toBe(`tileset:${url}`);
      const props = await inspector
        .locator('tr[data-property]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-property')));
      for (const p of fx.properties) expect(props, form).toContain(p);
      await page.screenshot({ path: join(ARTIFACTS, `external-tileset-${form}-picked.png`) });
    }, 420_000); // software WebGL on a shared 2-core machine: a load can take minutes
  }

  it('shows a 404 and a malformed tileset as errors on their catalog rows, and the page keeps working', async () => {
    const missing = urlOf('missing/tileset.json');
    const broken = urlOf('broken/tileset.json');
    await page.goto(
      `${server.url}/?layers=&lang=en&mode=analyst&res=0.5&tileset=${encodeURIComponent(missing)}&tileset=${encodeURIComponent(broken)}`,
    );
    for (const u of [missing, broken]) {
      const row = page.locator(`.layer-row[data-layer="tileset:${u}"]`);
      await row.and(page.locator('[data-status="error"]')).waitFor({ timeout: 60_000 });
      expect((await row.locator('[data-testid="tileset-error"]').textContent())!.length).toBeGreaterThan(3);
    }
    expect(
      await page.locator(`.layer-row[data-layer="tileset:${missing}"] .error-text`).textContent(),
    ).toContain('404');
    // Still usable: add a valid tileset through the catalog form; it loads and joins the URL.
    const good = urlOf(fixtures[0]!.path);
    await page.getByLabel('3D Tiles URL (tileset.json)').fill(good);
    await page.getByRole('button', { name: 'Add 3D Tiles' }).click();
    await page
      .locator(`.layer-row[data-layer="tileset:${good}"][data-status="ready"]`)
      .waitFor({ timeout: 120_000 });
    await page.waitForFunction(
      (u) =>
        new URLSearchParams(location.search).getAll('tileset').length === 3 &&
        new URLSearchParams(location.search).getAll('tileset').includes(u),
      good,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'external-tileset-errors.png') });
    expect(pageErrors).toEqual([]);
  }, 420_000);
});
