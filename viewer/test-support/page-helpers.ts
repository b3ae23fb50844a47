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
