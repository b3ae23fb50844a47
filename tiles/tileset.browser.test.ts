import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedChromium, launchChromium } from '../scripts/chromium';
import { BUND_CAMERA, renderCesiumPage } from './cesium-page';
import { ensureDemoTiles } from './ensure-tiles';
import { REPO_ROOT } from './load-source';
import { type StaticServer, startStaticServer } from './static-server';

interface Sample {
  cols: number;
  rows: number;
  width: number;
  height: number;
  cells: [number, number, number][];
}

let server: StaticServer;
let browser: LaunchedChromium;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  await ensureDemoTiles({ quiet: true });
  server = await startStaticServer(
    {
      '/cesium': join(REPO_ROOT, 'node_modules/cesium/Build/Cesium'),
      '/tiles': join(REPO_ROOT, 'out/tiles'),
    },
    {
      '/': renderCesiumPage({
        tilesetUrl: '/tiles/buildings/tileset.json',
        camera: BUND_CAMERA,
        maximumScreenSpaceError: 16,
      }),
    },
  );
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${server.url}/`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('buildings tileset in Cesium (offline, SwiftShader)', () => {
  it('loads, draws and picks buildings with their metadata on the Bund camera', async () => {
    await page.waitForFunction(
      () => {
        const s = (window as unknown as { __tiles: { initialTilesLoaded: boolean; error: string | null } })
          .__tiles;
        return s.initialTilesLoaded || s.error !== null;
      },
      undefined,
      { timeout: 150_000, polling: 500 },
    );
    await page.waitForFunction(
      () =>
        (window as unknown as { viewer: { scene: { globe: { tilesLoaded: boolean } } } }).viewer.scene.globe
          .tilesLoaded,
      undefined,
      { timeout: 60_000, polling: 500 },
    );
    const state = await page.evaluate(
      () => (window as unknown as { __tiles: Record<string, unknown> }).__tiles,
    );
    expect(state.error).toBeNull();
    expect(state.tileFailures).toBe(0);
    expect(state.tileLoads).toBeGreaterThan(1);
    expect(server.requests).toContain('/tiles/buildings/tileset.json');
    const glbRequests = server.requests.filter((r) => r.startsWith('/tiles/buildings/content/'));
    expect(glbRequests.length).toBeGreaterThan(1);

    mkdirSync(join(REPO_ROOT, 'out/test-artifacts'), { recursive: true });
    await page.screenshot({ path: join(REPO_ROOT, 'out/test-artifacts/tiles-bund.png') });

    // Pixels where buildings stand differ from the same view without the tileset.
    const sample = (): Promise<Sample> =>
      page.evaluate(() => (window as unknown as { __sample(c: number, r: number): Sample }).__sample(64, 36));
    const withTiles = await sample();
    await page.evaluate(() => {
      (window as unknown as { tileset: { show: boolean } }).tileset.show = false;
    });
    const without = await sample();
    await page.evaluate(() => {
      (window as unknown as { tileset: { show: boolean } }).tileset.show = true;
    });
    const diffs = withTiles.cells.map((c, i) => {
      const d = without.cells[i]!;
      return { i, d: Math.abs(c[0] - d[0]) + Math.abs(c[1] - d[1]) + Math.abs(c[2] - d[2]) };
    });
    const changed = diffs.filter((x) => x.d > 24);
    expect(changed.length / diffs.length).toBeGreaterThan(0.05);

    // Pick a building where the pixels changed most and read its metadata.
    changed.sort((a, b) => b.d - a.d);
    let picked: Record<string, unknown> | null = null;
    for (const { i } of changed.slice(0, 40)) {
      const x = ((i % withTiles.cols) + 0.5) * (withTiles.width / withTiles.cols);
      const y = (Math.floor(i / withTiles.cols) + 0.5) * (withTiles.height / withTiles.rows);
      picked = await page.evaluate(
        ([px, py]) =>
          (window as unknown as { __pick(x: number, y: number): Record<string, unknown> | null }).__pick(
            px!,
            py!,
          ),
        [x, y],
      );
      if (picked) break;
    }
    expect(picked).not.toBeNull();
    expect(String(picked!.id)).toMatch(/^osm-/);
    expect(picked!.height).toBeGreaterThan(0);
    expect(picked!.min_height).toBeGreaterThanOrEqual(0);
    expect(picked!.min_height).toBeLessThan(picked!.height as number);
    expect(['measured', 'estimated']).toContain(picked!.height_source);
    expect(picked!.synthetic).toBe(false);
    expect(picked!.propertyIds).toEqual(
      expect.arrayContaining([
        'id',
        'osm_id',
        'height',
        'min_height',
        'height_source',
        'levels',
        'kind',
        'synthetic',
      ]),
    );
    // Nullable columns read back as undefined (noData), never as the sentinel.
    expect(picked!.levels === undefined || (picked!.levels as number) > 0).toBe(true);
    expect(picked!.name === undefined || typeof picked!.name === 'string').toBe(true);

    // Style by attribute: measured heights red, estimated green; both colours must appear where buildings are.
    await page.evaluate(() => {
      const w = window as unknown as {
        Cesium: { Cesium3DTileStyle: new (s: unknown) => unknown };
        tileset: { style: unknown };
      };
      w.tileset.style = new w.Cesium.Cesium3DTileStyle({
        color: {
          conditions: [
            // biome-ignore lint/suspicious/noTemplateCurlyInString: Cesium's style expression syntax
            ["${height_source} === 'measured'", "color('#ff2020')"],
            ['true', "color('#20ff20')"],
          ],
        },
      });
    });
    const styled = await sample();
    const tint = (i: number, ch: 0 | 1): boolean => {
      const c = styled.cells[i]!;
      return c[ch] > c[2] + 20 && c[ch] > c[ch === 0 ? 1 : 0] + 20;
    };
    expect(changed.filter(({ i }) => tint(i, 0)).length).toBeGreaterThan(3);
    expect(changed.filter(({ i }) => tint(i, 1)).length).toBeGreaterThan(3);
    await page.screenshot({ path: join(REPO_ROOT, 'out/test-artifacts/tiles-bund-styled.png') });
    expect(pageErrors).toEqual([]);
  });
});
