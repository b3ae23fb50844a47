import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedChromium, launchChromium } from '../../scripts/chromium';
import { REPO_ROOT } from '../../scripts/ensure-viewer-build';
import { boxVehicleGlb } from '../test-support/box-glb';
import { waitForGlobe, waitForLayers } from '../test-support/page-helpers';
import { startViewerServer, type ViewerServer } from '../test-support/viewer-server';

const ARTIFACTS = join(REPO_ROOT, 'out', 'test-artifacts');
const STREET = '121.4862,31.2290,1400,0,-45';
const CITY = '121.47,31.20,90000,0,-89';
const LAYERS = 'water,roads,buildings,pump-stations,crowd-density,construction-sites,muck-trucks';
/** 16:00 local, the storm afternoon: trucks on the road. */
const TIME = '2013-09-13T08:00:00Z';

let server: ViewerServer;
let browser: LaunchedChromium;

/**
 * Counts React commits (through the DevTools hook React calls in production too) and animation frames, and turns
 * on the viewer's step timing (`viewer/perf/step-timing.ts`) so layer rebuilds can be counted.
 */
const COUNT_COMMITS = `(() => {
  window.__commits = 0;
  window.__twinStepTiming = true;
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true, renderers: new Map(), inject() { return 1; }, checkDCE() {},
    onCommitFiberRoot() { window.__commits++; }, onCommitFiberUnmount() {}, onPostCommitFiberRoot() {},
    onScheduleFiberRoot() {}, setStrictMode() {},
  };
})();`;

async function open(page: Page, cam: string, time = TIME): Promise<Request[]> {
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  await page.addInitScript(COUNT_COMMITS);
  await page.goto(`${server.url}/?cam=${cam}&layers=${LAYERS}&t=${time}&lang=zh-CN&mode=analyst`);
  // generous: on a shared 2-core machine with other browser runs the globe alone can take minutes
  await waitForGlobe(page, 420_000);
  await waitForLayers(page, 180_000);
  return requests;
}

const deckLayers = (page: Page) =>
  page.evaluate(() =>
    (
      window as unknown as {
        __twin: { deck: { props: { layers: { id: string; constructor: { layerName: string } }[] } } };
      }
    ).__twin.deck.props.layers.map((l) => [l.id, l.constructor.layerName] as [string, string]),
  );

const apiPaths = (rs: Request[]) =>
  rs
    .map((r) => new URL(r.url()))
    .filter((u) => u.pathname.startsWith('/api/layers/') && u.pathname !== '/api/layers');

beforeAll(async () => {
  server = await startViewerServer();
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('street camera: fetched by the view, models, no per-frame React', () => {
  let page: Page;
  let requests: Request[];
  beforeAll(async () => {
    page = await browser.context.newPage();
    const glb = Buffer.from(await boxVehicleGlb());
    await page.route('**/models/muck-truck.glb', (r) =>
      r.fulfill({ status: 200, contentType: 'model/gltf-binary', body: glb }),
    );
    // The roads response as the server sent it, marked as cut at the limit (demo data never reaches it).
    await page.route(
      (u) => u.pathname === '/api/layers/roads/features',
      async (r) => {
        const res = await r.fetch();
        await r.fulfill({ response: res, headers: { ...res.headers(), 'x-truncated': 'true' } });
      },
    );
    requests = await open(page, STREET);
    await page.waitForTimeout(2000);
    await page.screenshot({ path: join(ARTIFACTS, 'city-scale-street.png') });
  }, 660_000);

  it('every layer request but the truck register carries the view bbox', () => {
    const api = apiPaths(requests);
    expect(api.length).toBeGreaterThan(8);
    const without = api.filter(
      (u) => !u.searchParams.get('bbox') && !u.pathname.startsWith('/api/layers/muck-trucks/features'),
    );
    expect(without.map((u) => u.pathname + u.search)).toEqual([]);
    const bbox = api[0]!.searchParams.get('bbox')!.split(',').map(Number);
    // contains the camera's ground point, and is a street-sized box (< 0.2° a side)
    expect(bbox[0]).toBeLessThan(121.4862);
    expect(bbox[2]).toBeGreaterThan(121.4862);
    expect(bbox[2]! - bbox[0]!).toBeLessThan(0.2);
  });

  it('shows a truncation badge on a layer the server cut', async () => {
    const row = page.locator('.layer-row[data-layer="roads"]');
    expect(await row.getAttribute('data-truncated')).toBe('true');
    expect(await row.locator('.badge.truncated').textContent()).toBe('已截断');
    expect(await page.locator('.layer-row[data-layer="water"] .badge.truncated').count()).toBe(0);
  });

  it('credits CesiumJS, not the Cesium ion logo', async () => {
    expect(await page.locator('.cesium-credit-logoContainer img').count()).toBe(0);
    expect(requests.filter((r) => r.url().includes('ion-credit'))).toEqual([]);
    expect(await page.locator('.cesium-credit-logoContainer').textContent()).toContain('CesiumJS');
  });

  it('draws trucks as 3D models at street zoom', async () => {
    const layers = await deckLayers(page);
    expect(layers).toContainEqual(['muck-trucks-heads', 'ScenegraphLayer']);
    expect(layers).toContainEqual(['muck-trucks-trails', 'TripsLayer']);
    const rows = await page.locator('.layer-row[data-layer="muck-trucks"] .badge.ready').textContent();
    expect(Number(rows?.replace(/,/g, ''))).toBeGreaterThan(0);
  });

  it('keeps React out of the clock loop: 50 clock ticks, at most a few commits', async () => {
    // Ticks driven through the clock itself (as its frame loop does), one per task, so the figure does not
    // depend on the frame rate of a loaded machine. At 1 s a tick the clock crosses at most one minute.
    const { commits, builds } = await page.evaluate(async () => {
      const w = window as unknown as {
        __commits: number;
        __twin: { clock: { advance(ms: number): void; setSpeed(s: number): void; seek(t: number): void } };
      };
      const c = w.__twin.clock;
      c.setSpeed(1);
      c.seek(Date.parse('2013-09-13T08:00:05Z'));
      await new Promise((r) => setTimeout(r, 500));
      w.__commits = 0;
      const t0 = performance.now();
      for (let i = 0; i < 50; i++) {
        c.advance(1000);
        await new Promise((r) => setTimeout(r, 30));
      }
      await new Promise((r) => setTimeout(r, 500));
      const built = performance
        .getEntriesByType('measure')
        .filter((m) => m.name.startsWith('twin:build ') && m.startTime >= t0)
        .map((m) => m.name.slice('twin:build '.length));
      return { commits: w.__commits, builds: built };
    });
    // before: one React commit per tick (the whole tree re-rendered every frame while playing)
    expect(commits).toBeLessThanOrEqual(4);
    // within one simulated minute a layer's binary is rebuilt at most once (when its readings step), never on
    // a re-render that brings no new tables
    const perLayer = new Map<string, number>();
    for (const id of builds) perLayer.set(id, (perLayer.get(id) ?? 0) + 1);
    expect(Math.max(0, ...perLayer.values())).toBeLessThanOrEqual(1);
    const heads = await page.evaluate(
      () =>
        (
          window as unknown as {
            __twin: { deck: { props: { layers: { id: string; props: { data: { length: number } } }[] } } };
          }
        ).__twin.deck.props.layers.find((l) => l.id === 'muck-trucks-heads')?.props.data.length ?? 0,
    );
    expect(heads).toBeGreaterThan(0);
  }, 60_000);

  it('plays 60× with trucks fetched as windows ahead of the clock, never per step', async () => {
    await page.selectOption('[data-testid="time-control"] select', '60');
    const before = requests.length;
    const t0 = Date.now();
    await page.click('[data-testid="time-control"] button.play');
    await page.waitForTimeout(12_000);
    await page.click('[data-testid="time-control"] button.play');
    const simMinutes = (Date.now() - t0) / 1000;
    const trucks = apiPaths(requests.slice(before)).filter(
      (u) => u.pathname === '/api/layers/muck-trucks/readings',
    );
    // ≤ ~13 simulated minutes at 60×: at most 3–4 five-minute windows (one prefetched), never `at=`
    expect(trucks.every((u) => u.searchParams.has('from') && !u.searchParams.has('at'))).toBe(true);
    expect(trucks.length).toBeLessThanOrEqual(Math.ceil(simMinutes / 5) + 2);
    expect(trucks.length).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'city-scale-street-played.png') });
  }, 60_000);
});

describe('city camera: aggregates, no building mask; back at the street without a model: points', () => {
  let page: Page;
  let requests: Request[];
  beforeAll(async () => {
    page = await browser.context.newPage();
    await page.route('**/models/**', (r) => r.fulfill({ status: 404, body: 'not found' }));
    requests = await open(page, CITY);
    await page.screenshot({ path: join(ARTIFACTS, 'city-scale-city.png') });
  }, 660_000);

  it('asks for grid buckets of crowds and trucks, and no building footprints', async () => {
    const api = apiPaths(requests);
    const crowd = api.filter((u) => u.pathname === '/api/layers/crowd-density/readings');
    expect(crowd.length).toBeGreaterThan(0);
    expect(
      crowd.every((u) => u.searchParams.get('bucket') === '5m' && Number(u.searchParams.get('grid')) >= 100),
    ).toBe(true);
    const trucks = api.filter((u) => u.pathname === '/api/layers/muck-trucks/readings');
    expect(trucks.every((u) => u.searchParams.get('grid') !== null)).toBe(true);
    expect(api.filter((u) => u.pathname === '/api/layers/buildings/features')).toEqual([]);
    expect(await page.locator('.layer-row[data-layer="crowd-density"] .badge.aggregated').count()).toBe(1);
  });

  it('refetches by the new bbox when the camera moves to the street, and falls back to points without a model', async () => {
    const before = requests.length;
    await page.evaluate(() => {
      type V3 = new (x: number, y: number, z: number) => unknown;
      const v = (
        window as unknown as {
          __twin: {
            viewer: {
              camera: { position: { constructor: V3 }; setView(o: unknown): void };
              scene: { requestRender(): void };
            };
          };
        }
      ).__twin.viewer;
      const Cartesian3 = v.camera.position.constructor;
      // ECEF of 121.4862 E, 31.2290 N, 1 500 m (hand-computed, WGS84)
      v.camera.setView({
        destination: new Cartesian3(-2851801.11, 4656233.41, 3288408.12),
        orientation: { heading: 0, pitch: (-45 * Math.PI) / 180, roll: 0 },
      });
      v.scene.requestRender();
    });
    await page.waitForFunction(
      () =>
        (window as unknown as { __twin: { viewScope: { scale: string } } }).__twin.viewScope.scale ===
        'street',
      undefined,
      { timeout: 30_000 },
    );
    await waitForLayers(page, 120_000);
    await page.waitForFunction(
      () =>
        (
          window as unknown as { __twin: { deck: { props: { layers: { id: string }[] } } } }
        ).__twin.deck.props.layers.some((l) => l.id === 'muck-trucks-heads'),
      undefined,
      { timeout: 60_000 },
    );
    const after = apiPaths(requests.slice(before));
    expect(
      after.some((u) => u.pathname === '/api/layers/buildings/features' && u.searchParams.get('bbox')),
    ).toBe(true);
    expect(await deckLayers(page)).toContainEqual(['muck-trucks-heads', 'ScatterplotLayer']);
    await page.screenshot({ path: join(ARTIFACTS, 'city-scale-street-points.png'), timeout: 120_000 });
  }, 200_000);
});
