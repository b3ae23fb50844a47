import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedChromium, launchChromium } from '../../scripts/chromium';
import { REPO_ROOT } from '../../scripts/ensure-viewer-build';
import { decodePng, waitForGlobe, waitForLayers } from '../test-support/page-helpers';
import { startViewerServer, type ViewerServer } from '../test-support/viewer-server';

/**
 * Depth against the buildings, judged on pixels: at a low street camera on the Bund facing Lujiazui at 20:00 (a
 * crowd on the riverside), the crowd grid lies on the ground behind the towers. Every pixel Cesium draws as a
 * tower (light grey in the frame with the grid off) must keep its colour when the grid is on, while the grid
 * itself must change pixels elsewhere (so the check cannot pass by drawing nothing).
 */
const ARTIFACTS = join(REPO_ROOT, 'out', 'test-artifacts');
const CAMERA = '121.4880,31.2360,120,100,-8';
const TIME = '2013-09-13T12:00:00Z';
/** The globe area right of the catalog and left of the incident panel, above the time control. */
const CLIP = { x: 340, y: 190, width: 560, height: 420 };

let server: ViewerServer;
let browser: LaunchedChromium;
let page: Page;

beforeAll(async () => {
  server = await startViewerServer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** RGBA of the clip, from a screenshot decoded by the page's own canvas. */
async function pixels(name: string): Promise<Buffer> {
  await page.evaluate('window.__twin.viewer.scene.requestRender()');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  const png = await page.screenshot({ clip: CLIP });
  return decodePng(page, png);
}

/** A tower as Cesium shades our tiles: light and grey (the ground is dark olive, the sky dark blue). */
const isTower = (p: Buffer, i: number) =>
  p[i]! > 95 &&
  p[i + 1]! > 95 &&
  p[i + 2]! > 95 &&
  Math.max(p[i]!, p[i + 1]!, p[i + 2]!) - Math.min(p[i]!, p[i + 1]!, p[i + 2]!) < 40;
const differs = (a: Buffer, b: Buffer, i: number) =>
  Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) > 30;

describe('occlusion against the buildings', () => {
  it('a tower in front of the crowd grid keeps its colour with the grid on and off', async () => {
    await page.goto(
      `${server.url}/?cam=${CAMERA}&layers=buildings,crowd-density&t=${TIME}&lang=zh-CN&mode=analyst`,
    );
    await waitForGlobe(page, 240_000);
    await waitForLayers(page, 120_000);
    await page.waitForFunction(
      () =>
        (
          window as unknown as { __twin: { deck: { props: { layers: { id: string }[] } } } }
        ).__twin.deck.props.layers.some((l) => l.id === '__occluder'),
      undefined,
      { timeout: 60_000 },
    );
    const on = await pixels('occlusion-grid-on');
    await page.locator('.layer-row[data-layer="crowd-density"] input[type="checkbox"]').click();
    await page.waitForFunction(
      () =>
        !(
          window as unknown as { __twin: { deck: { props: { layers: { id: string }[] } } } }
        ).__twin.deck.props.layers.some((l) => l.id === 'crowd-density'),
      undefined,
      { timeout: 30_000 },
    );
    const off = await pixels('occlusion-grid-off');
    let tower = 0;
    let towerChanged = 0;
    let groundChanged = 0;
    for (let i = 0; i < off.length; i += 4) {
      if (isTower(off, i)) {
        tower++;
        if (differs(on, off, i)) towerChanged++;
      } else if (differs(on, off, i)) groundChanged++;
    }
    // the frame shows towers, and the grid is drawn on the ground around them
    expect(tower).toBeGreaterThan(20_000);
    expect(groundChanged).toBeGreaterThan(2_000);
    // tower pixels painted over by the grid (old main: ~15 % of them); a few edge pixels may blend
    expect(towerChanged / tower).toBeLessThan(0.005);
  }, 600_000);
});
