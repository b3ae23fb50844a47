/** A camera pose: position (degrees, metres above the ellipsoid) and orientation (degrees). */
export interface CameraPose {
  lon: number;
  lat: number;
  height: number;
  heading: number;
  pitch: number;
}

/** Looking at Lujiazui (Shanghai Tower, Jin Mao, SWFC) from above the Bund, across the Huangpu. */
export const BUND_CAMERA: CameraPose = { lon: 121.478, lat: 31.2385, height: 550, heading: 100, pitch: -12 };

/**
 * HTML of a minimal offline Cesium page (no ion, no imagery, ellipsoid terrain, no widgets) that loads one
 * tileset with the given maximumScreenSpaceError and exposes its progress as `window.__tiles`:
 * { created, tileLoads, tileFailures, initialTilesLoaded, msToFirstTile, msToInitialTilesLoaded, error }.
 */
export function renderCesiumPage(opts: {
  tilesetUrl: string;
  camera: CameraPose;
  maximumScreenSpaceError: number;
}) {
  const cfg = JSON.stringify(opts);
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>tiles test</title>
<script>window.CESIUM_BASE_URL = '/cesium/';</script>
<script src="/cesium/Cesium.js"></script>
<link rel="stylesheet" href="/cesium/Widgets/widgets.css">
<style>html,body,#c{margin:0;width:100%;height:100%;overflow:hidden;background:#000}</style>
</head><body><div id="c"></div>
<script>
const cfg = ${cfg};
const state = (window.__tiles = { created: false, tileLoads: 0, tileFailures: 0, initialTilesLoaded: false, msToFirstTile: null, msToInitialTilesLoaded: null, error: null });
const viewer = new Cesium.Viewer('c', {
  baseLayer: false, baseLayerPicker: false, geocoder: false, animation: false, timeline: false, homeButton: false,
  sceneModePicker: false, navigationHelpButton: false, infoBox: false, selectionIndicator: false,
  fullscreenButton: false, terrainProvider: new Cesium.EllipsoidTerrainProvider(),
  contextOptions: { webgl: { preserveDrawingBuffer: true } },
});
window.viewer = viewer;
const scene = viewer.scene;
scene.globe.baseColor = Cesium.Color.fromCssColorString('#0b1a2e');
scene.skyAtmosphere.show = false; scene.fog.enabled = false; scene.skyBox.show = false;
scene.backgroundColor = Cesium.Color.fromCssColorString('#05070d');
viewer.clock.currentTime = Cesium.JulianDate.fromIso8601('2026-06-21T03:00:00Z');
viewer.clock.shouldAnimate = false;
const c = cfg.camera;
scene.camera.setView({
  destination: Cesium.Cartesian3.fromDegrees(c.lon, c.lat, c.height),
  orientation: { heading: Cesium.Math.toRadians(c.heading), pitch: Cesium.Math.toRadians(c.pitch), roll: 0 },
});
const t0 = performance.now();
Cesium.Cesium3DTileset.fromUrl(cfg.tilesetUrl, { maximumScreenSpaceError: cfg.maximumScreenSpaceError })
  .then((tileset) => {
    window.tileset = tileset;
    tileset.tileLoad.addEventListener(() => {
      state.tileLoads++;
      if (state.msToFirstTile === null) state.msToFirstTile = performance.now() - t0;
    });
    tileset.tileFailed.addEventListener((e) => { state.tileFailures++; state.error = String(e.message); });
    tileset.initialTilesLoaded.addEventListener(() => {
      state.initialTilesLoaded = true;
      state.msToInitialTilesLoaded = performance.now() - t0;
    });
    scene.primitives.add(tileset);
    state.created = true;
  })
  .catch((e) => { state.error = String(e && e.message || e); });

/** Renders once and returns a coarse grid (cols × rows) of mean RGB per cell, read from the WebGL canvas. */
window.__sample = (cols, rows) => {
  scene.render();
  const src = scene.canvas;
  const cv = document.createElement('canvas');
  cv.width = src.width; cv.height = src.height;
  const g = cv.getContext('2d');
  g.drawImage(src, 0, 0);
  const { data, width, height } = g.getImageData(0, 0, cv.width, cv.height);
  const out = [];
  for (let r = 0; r < rows; r++) for (let q = 0; q < cols; q++) {
    let s0 = 0, s1 = 0, s2 = 0, n = 0;
    const x0 = Math.floor(q * width / cols), x1 = Math.floor((q + 1) * width / cols);
    const y0 = Math.floor(r * height / rows), y1 = Math.floor((r + 1) * height / rows);
    for (let y = y0; y < y1; y += 2) for (let x = x0; x < x1; x += 2) {
      const i = (y * width + x) * 4; s0 += data[i]; s1 += data[i + 1]; s2 += data[i + 2]; n++;
    }
    out.push([s0 / n, s1 / n, s2 / n]);
  }
  return { cols, rows, width: src.width, height: src.height, cells: out };
};

/** Picks at a canvas pixel and returns the picked building's metadata, or null. */
window.__pick = (x, y) => {
  scene.render();
  const f = scene.pick(new Cesium.Cartesian2(x, y));
  if (!(f instanceof Cesium.Cesium3DTileFeature)) return null;
  const get = (k) => { const v = f.getProperty(k); return typeof v === 'bigint' ? v.toString() : v; };
  return { id: get('id'), name: get('name'), height: get('height'), min_height: get('min_height'), height_source: get('height_source'),
    osm_id: get('osm_id'), levels: get('levels'), kind: get('kind'), synthetic: get('synthetic'),
    propertyIds: f.getPropertyIds() };
};
</script></body></html>`;
}
