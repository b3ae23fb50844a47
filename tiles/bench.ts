/**
 * Tiles benchmark (`npm run bench -- tiles`): build time and output size of the real Bund/Lujiazui core and of
 * 100k synthetic buildings, then the time until Cesium (offline, SwiftShader) reports `initialTilesLoaded` for
 * the fixed Bund camera at maximumScreenSpaceError 16 (default) and 2 (strict). Prints tables with ratios.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../scripts/chromium';
import { buildTileset } from './build-tileset';
import { BUND_CAMERA, renderCesiumPage } from './cesium-page';
import { type BuildingSource, loadBuildingsFromSource, REPO_ROOT } from './load-source';
import { startStaticServer } from './static-server';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    'skip-browser': { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const work = mkdtempSync(join(tmpdir(), 'tiles-bench-'));
const mb = (x: number): string => (x / 1e6).toFixed(2);
const s = (ms: number): string => (ms / 1000).toFixed(2);

interface BuildRow {
  name: string;
  buildings: number;
  loadMs: number;
  buildMs: number;
  tiles: number;
  bytes: number;
  meanTile: number;
  maxTile: number;
}

async function benchBuild(name: string, source: BuildingSource): Promise<BuildRow> {
  const t0 = performance.now();
  const buildings = await loadBuildingsFromSource(source, { count });
  const t1 = performance.now();
  const r = await buildTileset(buildings, { outDir: join(work, name) });
  const t2 = performance.now();
  return {
    name,
    buildings: buildings.length,
    loadMs: t1 - t0,
    buildMs: t2 - t1,
    tiles: r.tileCount,
    bytes: r.totalBytes,
    meanTile: r.totalBytes / r.tileCount,
    maxTile: Math.max(...r.tileBytes),
  };
}

interface LoadRow {
  name: string;
  sse: number;
  firstTileMs: number;
  initialMs: number;
  tilesRequested: number;
  bytesRequested: number;
}

async function benchLoad(name: string, sse: number): Promise<LoadRow> {
  const server = await startStaticServer(
    { '/cesium': join(REPO_ROOT, 'node_modules/cesium/Build/Cesium'), '/tiles': work },
    {
      '/': renderCesiumPage({
        tilesetUrl: `/tiles/${name}/tileset.json`,
        camera: BUND_CAMERA,
        maximumScreenSpaceError: sse,
      }),
    },
  );
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/`);
    await page.waitForFunction(
      () => {
        const st = (window as unknown as { __tiles: { initialTilesLoaded: boolean; error: string | null } })
          .__tiles;
        return st.initialTilesLoaded || st.error !== null;
      },
      undefined,
      { timeout: 300_000, polling: 100 },
    );
    const st = await page.evaluate(
      () =>
        (
          window as unknown as {
            __tiles: { msToFirstTile: number; msToInitialTilesLoaded: number; error: string };
          }
        ).__tiles,
    );
    if (st.error) throw new Error(st.error);
    const glbs = server.requests.filter((r) => r.startsWith(`/tiles/${name}/content/`));
    const { statSync } = await import('node:fs');
    const bytes = glbs.reduce((a, r) => a + statSync(join(work, r.slice('/tiles/'.length))).size, 0);
    return {
      name,
      sse,
      firstTileMs: st.msToFirstTile,
      initialMs: st.msToInitialTilesLoaded,
      tilesRequested: glbs.length,
      bytesRequested: bytes,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

try {
  console.log(`[tiles bench] building (2 cores shared; synthetic count ${count})…`);
  const builds = [await benchBuild('real', 'real'), await benchBuild('synthetic', 'synthetic')];
  console.log(
    '\n| tileset | buildings | load/generate s | build s | tiles | total MB | mean tile MB | max tile MB |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const b of builds) {
    console.log(
      `| ${b.name} | ${b.buildings} | ${s(b.loadMs)} | ${s(b.buildMs)} | ${b.tiles} | ${mb(b.bytes)} | ${mb(b.meanTile)} | ${mb(b.maxTile)} |`,
    );
  }
  const [real, syn] = builds as [BuildRow, BuildRow];
  console.log(
    `ratio synthetic/real: build ${(syn.buildMs / real.buildMs).toFixed(1)}×, size ${(syn.bytes / real.bytes).toFixed(1)}× ` +
      `for ${(syn.buildings / real.buildings).toFixed(1)}× the buildings; ` +
      `${((syn.buildMs / syn.buildings) * 1000).toFixed(1)} µs and ${(syn.bytes / syn.buildings).toFixed(0)} B per synthetic building`,
  );

  if (!values['skip-browser']) {
    console.log('\n[tiles bench] Cesium initialTilesLoaded, Bund camera, 1280×720 SwiftShader…');
    const rows: LoadRow[] = [];
    for (const name of ['real', 'synthetic']) {
      for (const sse of [16, 2]) rows.push(await benchLoad(name, sse));
    }
    console.log(
      '\n| tileset | maxSSE | first tile s | initialTilesLoaded s | tiles requested | MB requested | ratio vs SSE 16 |',
    );
    console.log('|---|---|---|---|---|---|---|');
    for (const r of rows) {
      const base = rows.find((x) => x.name === r.name && x.sse === 16)!;
      console.log(
        `| ${r.name} | ${r.sse} | ${s(r.firstTileMs)} | ${s(r.initialMs)} | ${r.tilesRequested} | ${mb(r.bytesRequested)} | ${(r.initialMs / base.initialMs).toFixed(2)}× |`,
      );
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
