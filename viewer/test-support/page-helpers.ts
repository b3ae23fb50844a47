import type { Page } from 'playwright-core';

/** Waits until Cesium reports its globe tiles loaded and the buildings tileset (if any) its first tiles. */
export async function waitForGlobe(page: Page, timeout = 90_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const w = window as unknown as {
        __twin?: {
          viewer?: { scene: { globe: { tilesLoaded: boolean } } };
          tileset?: { tilesLoaded: boolean } | null;
        };
      };
      const v = w.__twin?.viewer;
      if (!v) return false;
      const tilesetOk = w.__twin?.tileset ? w.__twin.tileset.tilesLoaded : true;
      return v.scene.globe.tilesLoaded && tilesetOk;
    },
    undefined,
    { timeout, polling: 500 },
  );
}

/** Waits until no catalog layer that is on reports `loading`. */
export async function waitForLayers(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    () => document.querySelectorAll('.layer-row[data-status="loading"]').length === 0,
    undefined,
    {
      timeout,
      polling: 500,
    },
  );
}

/** Counts canvas pixels (of a screenshot) that differ from the globe's background colours. */
export function countChangedPixels(a: Buffer, b: Buffer): number {
  let n = 0;
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i += 4) {
    if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) > 30) n++;
  }
  return n;
}

/**
 * Decodes a PNG (a Playwright screenshot) to raw RGBA through a 2D canvas in the page: no PNG library needed. The
 * pixels come back as one base64 string (a whole 1280×720 frame passed as an array of numbers took ~19 s under CI load).
 */
export async function decodePng(page: Page, png: Buffer): Promise<Buffer> {
  const b64: string = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = `data:image/png;base64,${src}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let bin = '';
    for (let i = 0; i < d.length; i += 0x8000)
      bin += String.fromCharCode.apply(null, d.subarray(i, i + 0x8000) as unknown as number[]);
    return btoa(bin);
  }, png.toString('base64'));
  return Buffer.from(b64, 'base64');
}
