import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInRings } from '../../data/geo/point-in-polygon';
import type { Position } from '../../data/geo/rings';
import { LAYERS, type LayerDefinition } from '../../layers';
import { type LaunchedChromium, launchChromium } from '../../scripts/chromium';
import { REPO_ROOT } from '../../scripts/ensure-viewer-build';
import { decodePng, waitForGlobe, waitForLayers } from '../test-support/page-helpers';
import { startViewerServer, type ViewerServer } from '../test-support/viewer-server';
import { BADGE_RADIUS, ICON_CELL } from './icon-atlas';

/**
 * Shapes as drawn, judged on pixels of the demo data: a station disc on the ground is whole (the ground layers
 * under it used to write depth and cut its near half away), a polygon with a hole shows the ground through the
 * hole (the binary polygon path used to fill every ring solid), and an `icon` layer draws its glyph, not a
 * plain disc. One page; the camera moves between checks.
 */
const ARTIFACTS = join(REPO_ROOT, 'out', 'test-artifacts');
const TIME = '2013-09-13T12:00:00Z';
const M_PER_DEG_LAT = 111_320;
const layer = (id: string) => LAYERS.find((l) => l.id === id) as LayerDefinition;
const pumpStations = layer('pump-stations');
const water = layer('water');
const evacuation = layer('evacuation-points');

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

/** Feature rows of a layer from the server (Arrow), as plain objects. */
async function features(layer: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${server.url}/api/layers/${layer}/features?format=arrow`);
  expect(res.status).toBe(200);
  return tableFromIPC(new Uint8Array(await res.arrayBuffer()))
    .toArray()
    .map((r) => r.toJSON() as Record<string, unknown>);
}

/** Moves Cesium's camera (position in degrees and metres, heading and pitch in degrees) and waits for the view. */
async function setCamera(lon: number, lat: number, height: number, heading: number, pitch: number) {
  await page.evaluate(
    `(() => {
      const v = window.__twin.viewer;
      const C3 = v.camera.position.constructor;
      v.camera.setView({
        destination: C3.fromDegrees(${lon}, ${lat}, ${height}),
        orientation: { heading: ${(heading * Math.PI) / 180}, pitch: ${(pitch * Math.PI) / 180}, roll: 0 },
      });
      v.scene.requestRender();
    })()`,
  );
  await settle();
}

/** Waits for the globe, the tiles and the layers of the current view, then for a few frames. */
async function settle() {
  await page.waitForTimeout(1500);
  await waitForGlobe(page, 240_000);
  await waitForLayers(page, 120_000);
  await page.evaluate('window.__twin.viewer.scene.requestRender()');
  await page.waitForTimeout(1500);
}

/** Turns a catalog layer on or off and waits until the overlay has (or no longer has) its deck.gl layers. */
async function toggleLayer(id: string, on: boolean) {
  await page.locator(`.layer-row[data-layer="${id}"] input[type="checkbox"]`).setChecked(on);
  await page.waitForFunction(
    `window.__twin.deck.props.layers.some((l) => l.id === ${JSON.stringify(id)} || l.id.startsWith(${JSON.stringify(`${id}-`)})) === ${on}`,
    undefined,
    { timeout: 60_000, polling: 250 },
  );
  await waitForLayers(page, 120_000);
  await page.evaluate('window.__twin.viewer.scene.requestRender()');
  await page.waitForTimeout(1000);
}

/** Window pixel (CSS px) of a point as deck.gl projects it. */
async function project(lon: number, lat: number, h = 0): Promise<[number, number]> {
  const p = (await page.evaluate(`window.__twin.projectBoth(${lon}, ${lat}, ${h})`)) as {
    deck: [number, number] | null;
  };
  expect(p.deck).not.toBeNull();
  return p.deck!;
}

/** The whole window as RGBA (1280 × 720), also saved as `name.png` for a look. */
async function frame(name: string): Promise<{ px: Buffer; width: number }> {
  const png = await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  return { px: await decodePng(page, png), width: page.viewportSize()!.width };
}

const rgbAt = (f: { px: Buffer; width: number }, x: number, y: number): [number, number, number] => {
  const i = 4 * (Math.round(y) * f.width + Math.round(x));
  return [f.px[i]!, f.px[i + 1]!, f.px[i + 2]!];
};
const dist = (a: readonly number[], b: readonly number[]) =>
  Math.max(Math.abs(a[0]! - b[0]!), Math.abs(a[1]! - b[1]!), Math.abs(a[2]! - b[2]!));

describe('shapes as drawn', () => {
  it('a station disc on the ground is a whole disc at a low camera: near and far halves filled', async () => {
    const stations = await features('pump-stations');
    const s = stations.find((r) => r.id === 'ps-0006');
    expect(s).toBeDefined();
    const lon = s!.lon as number;
    const lat = s!.lat as number;
    // from 450 m south, 60 m up, looking north and slightly down at the station (pitch ≈ −7.6°)
    await page.goto(
      `${server.url}/?cam=${lon},${lat - 450 / M_PER_DEG_LAT},60,0,-7.6&layers=roads,water,pump-stations&t=${TIME}&lang=zh-CN&mode=analyst`,
    );
    await settle();
    const f = await frame('shapes-station-disc');
    const [cx, cy] = await project(lon, lat);
    // a billboard disc: its pixel radius is the station radius (45 m) seen across the view at its distance
    const east = 45 / (M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180));
    const [ex, ey] = await project(lon + east, lat);
    const r = Math.max(Math.hypot(ex - cx, ey - cy), pumpStations.style.radiusMinPixels ?? 0);
    expect(r).toBeGreaterThan(8);
    const legend = Object.values((pumpStations.style.color as { colors: Record<string, number[]> }).colors);
    const centre = rgbAt(f, cx, cy);
    const colour = legend.find((c) => dist(c, centre) <= 12);
    expect(colour, `centre ${centre} is a legend colour`).toBeDefined();
    let near = 0;
    let far = 0;
    let nearIn = 0;
    let farIn = 0;
    // every pixel within 0.8 r, split at the centre: far half above it on screen, near half below
    for (let dy = -0.8 * r; dy <= 0.8 * r; dy++)
      for (let dx = -0.8 * r; dx <= 0.8 * r; dx++) {
        if (dx * dx + dy * dy > 0.64 * r * r || Math.abs(dy) < 1) continue;
        const hit = dist(rgbAt(f, cx + dx, cy + dy), colour!) <= 12;
        if (dy < 0) {
          far++;
          if (hit) farIn++;
        } else {
          near++;
          if (hit) nearIn++;
        }
      }
    expect(farIn / far, 'far half filled').toBeGreaterThan(0.98);
    expect(nearIn / near, 'near half filled').toBeGreaterThan(0.98);
  }, 600_000);

  it('a polygon with a hole shows the ground through the hole and its colour around it', async () => {
    // Huxinting's island in the Yu Garden pond: a water polygon (real OSM) with one hole
    const pond = (await features('water')).find((r) => r.id === 'osm-0-3');
    expect(pond).toBeDefined();
    const rings = [...(pond!.rings as Iterable<Iterable<number>>)].map((r) => [...r]);
    expect(rings).toHaveLength(2);
    const hole = rings[1]!;
    const xs = hole.filter((_, k) => k % 2 === 0);
    const ys = hole.filter((_, k) => k % 2 === 1);
    const hx = (Math.min(...xs) + Math.max(...xs)) / 2;
    const hy = (Math.min(...ys) + Math.max(...ys)) / 2;
    expect(inRing(hole, hx, hy)).toBe(true);
    // top-down from 90 m: the 6 × 9 m hole is tens of pixels across
    await setCamera(hx, hy, 90, 0, -90);
    // footpaths cross the pond (drawn over the water): off, so the ring samples see water over ground only
    await toggleLayer('roads', false);
    const on = await frame('shapes-hole-on');
    await toggleLayer('water', false);
    const off = await frame('shapes-hole-off');
    const [px, py] = await project(hx, hy);
    const wc = (water.style.color as { color: number[] }).color;
    // the ring: points 2.5 m outside the hole's box in eight directions that lie in the pond and outside the
    // hole are tinted towards the water colour (the layer is drawn at opacity 0.6 over the ground)
    const mLon = M_PER_DEG_LAT * Math.cos((hy * Math.PI) / 180);
    const halfW = ((Math.max(...xs) - Math.min(...xs)) / 2) * mLon + 2.5;
    const halfH = ((Math.max(...ys) - Math.min(...ys)) / 2) * M_PER_DEG_LAT + 2.5;
    const ring = Array.from({ length: 8 }, (_, k) => [
      hx + (Math.cos((k * Math.PI) / 4) * halfW) / mLon,
      hy + (Math.sin((k * Math.PI) / 4) * halfH) / M_PER_DEG_LAT,
    ]).filter(([x, y]) => inRing(rings[0]!, x!, y!) && !inRing(hole, x!, y!));
    expect(ring.length).toBeGreaterThanOrEqual(3);
    const ringOn: [number, number, number][] = [];
    for (const [x, y] of ring) {
      const [sx, sy] = await project(x!, y!);
      const lit = rgbAt(on, sx, sy);
      const bare = rgbAt(off, sx, sy);
      expect(dist(lit, wc), `ring pixel ${lit} (bare ${bare}) at ${x},${y}`).toBeLessThan(
        dist(bare, wc) - 40,
      );
      ringOn.push(lit);
    }
    // the hole's centre: the same pixel with the water on and off, and unlike the water around it
    const centreOn = rgbAt(on, px, py);
    expect(dist(centreOn, rgbAt(off, px, py)), `hole centre ${centreOn}`).toBeLessThanOrEqual(6);
    for (const c of ringOn)
      expect(dist(centreOn, c), `hole centre ${centreOn} vs ring ${c}`).toBeGreaterThan(40);
  }, 600_000);
  it('an icon layer draws its glyph on a badge: a white house with a dark door, not a plain disc', async () => {
    expect(evacuation.style.kind).toBe('icon');
    const p = (await features('evacuation-points')).find((r) => r.id === 'ev-0015');
    expect(p).toBeDefined();
    const lon = p!.lon as number;
    const lat = p!.lat as number;
    await setCamera(lon, lat, 150, 0, -90);
    await toggleLayer('evacuation-points', true);
    const f = await frame('shapes-icon');
    const [cx, cy] = await project(lon, lat);
    // 70 m across at 150 m is far above the icon's largest size: it is drawn at sizeMaxPixels (72 px)
    const east = (evacuation.style.radiusMeters ?? 30) / (M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180));
    const [ex, ey] = await project(lon + east, lat);
    expect(2 * Math.hypot(ex - cx, ey - cy)).toBeGreaterThan(72);
    const k = 72 / ICON_CELL; // screen pixels per atlas pixel
    const at = (u: number, v: number) => rgbAt(f, cx + (u - ICON_CELL / 2) * k, cy + (v - ICON_CELL / 2) * k);
    const teal = (evacuation.style.color as { color: number[] }).color;
    // the badge: eight points at 0.8 of its radius, outside the house, are the layer's colour
    for (let a = 0; a < 8; a++) {
      const u = ICON_CELL / 2 + 0.8 * BADGE_RADIUS * Math.cos((a * Math.PI) / 4);
      const v = ICON_CELL / 2 + 0.8 * BADGE_RADIUS * Math.sin((a * Math.PI) / 4);
      expect(dist(at(u, v), teal), `badge at ${a * 45}°: ${at(u, v)}`).toBeLessThanOrEqual(12);
    }
    // the glyph: the house's wall at the centre is white, its door (atlas 28–36 × 38–48) dark
    const wall = at(32, 33);
    expect(Math.min(...wall), `wall ${wall}`).toBeGreaterThan(215);
    const door = at(32, 44);
    expect(Math.max(...door), `door ${door}`).toBeLessThan(70);
  }, 600_000);
});

/** A flat [lon, lat, …] ring as positions. */
const positions = (flat: number[]): Position[] =>
  Array.from({ length: flat.length / 2 }, (_, k) => [flat[2 * k]!, flat[2 * k + 1]!]);
const inRing = (flat: number[], x: number, y: number) => pointInRings(x, y, [positions(flat)]);
