/**
 * Developer tool: `npx tsx tiles/models/preview-models.ts` writes a 3D Tiles 1.0 tileset with one i3dm per model
 * (in a row, west → east, each facing east), opens it in the viewer (`?tileset=`) in Chromium and saves
 * out/test-artifacts/models-preview.png, so the models can be looked at as the viewer will draw them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../scripts/chromium';
import { REPO_ROOT } from '../../scripts/ensure-viewer-build';
import { startViewerServer } from '../../viewer/test-support/viewer-server';
import { offsetLonLat, regionAround } from '../fixtures/fixture-geometry';
import { bytesOf, writeI3dm } from '../fixtures/legacy-tile-format';
import { toEcef } from '../geodesy';
import { startStaticServer } from '../static-server';
import { MODEL_NAMES, MODELS } from './model-registry';
import { writeModelGlb } from './write-model-glb';

const dir = mkdtempSync(join(tmpdir(), 'models-preview-'));
const origin: [number, number] = [121.445, 31.21];
const children = [];
for (const [i, name] of MODEL_NAMES.entries()) {
  const at = offsetLonLat(origin, (i - 2) * 18, 0);
  const rtc = toEcef(at[0], at[1], 0);
  const tile = writeI3dm(
    {
      featureTable: {
        INSTANCES_LENGTH: 1,
        RTC_CENTER: rtc,
        POSITION: { byteOffset: 0 },
        EAST_NORTH_UP: true,
      },
      featureTableBinary: bytesOf(new Float32Array(3)),
      batchTable: { name: [name] },
    },
    await writeModelGlb(name, MODELS[name].build()),
  );
  writeFileSync(join(dir, `${name}.i3dm`), tile);
  children.push({
    boundingVolume: { region: regionAround([at[0]], [at[1]], 8, 12) },
    geometricError: 0,
    content: { uri: `${name}.i3dm` },
  });
}
const ends = [offsetLonLat(origin, -60, -10), offsetLonLat(origin, 60, 10)];
writeFileSync(
  join(dir, 'tileset.json'),
  JSON.stringify({
    asset: { version: '1.0' },
    geometricError: 100,
    root: {
      boundingVolume: {
        region: regionAround(
          ends.map((e) => e[0]),
          ends.map((e) => e[1]),
          8,
          5,
        ),
      },
      geometricError: 50,
      refine: 'ADD',
      children,
    },
  }),
);
const tiles = await startStaticServer({ '/m': dir }, {}, { cors: true });
const server = await startViewerServer();
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  const url = `${tiles.url}/m/tileset.json`;
  // From 120 m south of the row, 45 m up, looking north and down: the trucks' fronts (+X) point right (east).
  const [camLon, camLat] = offsetLonLat(origin, -24, -120);
  const cam = [camLon, camLat, 45, 0, -20].join(',');
  await page.goto(
    `${server.url}/?cam=${cam}&layers=&lang=en&mode=planner&tileset=${encodeURIComponent(url)}`,
  );
  await page.waitForFunction(
    (u) => {
      const t = (
        window as unknown as {
          __twin?: {
            externalTilesets?: Record<string, { flown: boolean; tileset: { tilesLoaded: boolean } }>;
          };
        }
      ).__twin?.externalTilesets?.[u];
      return t?.flown && t.tileset.tilesLoaded;
    },
    url,
    { timeout: 300_000, polling: 1000 },
  );
  await page.waitForTimeout(8000); // the globe at 22 m never reports all its tiles loaded: just let it settle
  mkdirSync(join(REPO_ROOT, 'out', 'test-artifacts'), { recursive: true });
  await page.screenshot({ path: join(REPO_ROOT, 'out', 'test-artifacts', 'models-preview.png') });
} finally {
  await browser.close();
  await server.close();
  await tiles.close();
  rmSync(dir, { recursive: true, force: true });
}
