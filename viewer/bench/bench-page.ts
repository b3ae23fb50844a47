import { COORDINATE_SYSTEM, Deck } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import {
  buildModuleUrl,
  EllipsoidTerrainProvider,
  GeoJsonDataSource,
  ImageryLayer,
  TileMapServiceImageryProvider,
  Viewer,
} from 'cesium';
import 'cesium/Build/Cesium/Widgets/widgets.css';
import { applyCameraPose } from '../globe/camera-sync';
import { tuneScene } from '../globe/offline-globe';
import { CesiumView, deriveViewState } from '../overlay/cesium-view';
import { BUND, createLocalFrame, toLocalPositions } from '../overlay/local-frame';
import { DEFAULT_CAMERA } from '../state/view-state';

/** One measured run. */
export interface BenchResult {
  impl: 'deck-binary' | 'cesium-geojson';
  points: number;
  /** From the start of the run (lon/lat arrays in hand) to the first frame showing them, GPU work included. */
  firstFrameMs: number;
  longTasks: number;
  longTaskMs: number;
  timedOut?: boolean;
  /** The page crashed or threw (e.g. out of memory). */
  failed?: boolean;
}

/** Seeded points in a 12 km square around the Bund, as interleaved lon/lat. */
function makePoints(n: number): Float64Array {
  let s = 12345;
  const rnd = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    out[2 * i] = BUND.lon + (rnd() - 0.5) * 0.12;
    out[2 * i + 1] = BUND.lat + (rnd() - 0.5) * 0.1;
  }
  return out;
}

async function createViewer(): Promise<Viewer> {
  const viewer = new Viewer('globe', {
    baseLayer: ImageryLayer.fromProviderAsync(
      TileMapServiceImageryProvider.fromUrl(buildModuleUrl('Assets/Textures/NaturalEarthII'), {
        maximumLevel: 2,
      }),
      {},
    ),
    terrainProvider: new EllipsoidTerrainProvider(),
    baseLayerPicker: false,
    geocoder: false,
    homeButton: false,
    sceneModePicker: false,
    navigationHelpButton: false,
    animation: false,
    timeline: false,
    fullscreenButton: false,
    infoBox: false,
    selectionIndicator: false,
    requestRenderMode: true,
    maximumRenderTimeChange: Number.POSITIVE_INFINITY,
  });
  tuneScene(viewer);
  applyCameraPose(viewer, { ...DEFAULT_CAMERA, height: 9000, pitch: -60 });
  // Let the globe settle so the run measures the points, not the first globe tiles.
  for (let i = 0; i < 200 && !viewer.scene.globe.tilesLoaded; i++) {
    viewer.scene.requestRender();
    viewer.scene.render();
    await new Promise((r) => setTimeout(r, 50));
  }
  return viewer;
}

function finishGpu(canvas: HTMLCanvasElement) {
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGL2RenderingContext | null;
  gl?.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
}

async function runDeck(viewer: Viewer, lonLat: Float64Array): Promise<number> {
  const frame = createLocalFrame(BUND.lon, BUND.lat);
  const t0 = performance.now();
  const n = lonLat.length / 2;
  const positions = toLocalPositions(frame, lonLat);
  const colors = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) colors.set([46, 204, 113, 255], 4 * i);
  const canvas = viewer.scene.canvas;
  const vs = deriveViewState(
    viewer.camera,
    frame,
    canvas.clientHeight,
    viewer.camera.positionCartographic.height,
  );
  let deck: Deck<CesiumView[]> | null = null;
  await new Promise<void>((done) => {
    deck = new Deck({
      parent: viewer.cesiumWidget.container as HTMLDivElement,
      views: [new CesiumView({ id: 'cesium' })],
      viewState: vs as never,
      controller: false,
      style: { position: 'absolute', left: '0', top: '0', pointerEvents: 'none' },
      layers: [
        new ScatterplotLayer({
          id: 'points',
          coordinateSystem: COORDINATE_SYSTEM.CARTESIAN,
          data: {
            length: n,
            attributes: {
              getPosition: { value: positions, size: 3 },
              getFillColor: { value: colors, size: 4, normalized: true },
            },
          },
          billboard: true,
          getRadius: 10,
          radiusMinPixels: 2,
        }),
      ],
      onAfterRender: () => {
        const layer = deck?.props.layers?.[0] as { isLoaded?: boolean } | undefined;
        if (layer?.isLoaded !== false) done();
      },
    });
  });
  finishGpu(deck!.getCanvas()!);
  const ms = performance.now() - t0;
  return ms;
}

async function runCesium(viewer: Viewer, lonLat: Float64Array, timeoutMs: number): Promise<number | null> {
  const t0 = performance.now();
  const n = lonLat.length / 2;
  const features = new Array(n);
  for (let i = 0; i < n; i++)
    features[i] = {
      type: 'Feature',
      properties: { i },
      geometry: { type: 'Point', coordinates: [lonLat[2 * i], lonLat[2 * i + 1]] },
    };
  const ds = await GeoJsonDataSource.load({ type: 'FeatureCollection', features });
  await viewer.dataSources.add(ds);
  // Entities become primitives over several frames; the first frame showing them is the one after `ready`.
  for (;;) {
    viewer.scene.requestRender();
    viewer.scene.render();
    if (viewer.dataSourceDisplay.ready) break;
    if (performance.now() - t0 > timeoutMs) return null;
    await new Promise((r) => setTimeout(r, 0));
  }
  viewer.scene.requestRender();
  viewer.scene.render();
  finishGpu(viewer.scene.canvas);
  return performance.now() - t0;
}

/** Runs one benchmark case in a fresh page; resolves with timings and main-thread long tasks. */
async function runBench(
  impl: BenchResult['impl'],
  points: number,
  timeoutMs = 180_000,
): Promise<BenchResult> {
  const viewer = await createViewer();
  const lonLat = makePoints(points);
  const tasks: PerformanceEntry[] = [];
  const po = new PerformanceObserver((l) => tasks.push(...l.getEntries()));
  po.observe({ type: 'longtask', buffered: false });
  const ms =
    impl === 'deck-binary' ? await runDeck(viewer, lonLat) : await runCesium(viewer, lonLat, timeoutMs);
  await new Promise((r) => setTimeout(r, 50));
  po.disconnect();
  return {
    impl,
    points,
    firstFrameMs: ms ?? timeoutMs,
    timedOut: ms === null,
    longTasks: tasks.length,
    longTaskMs: tasks.reduce((s, t) => s + t.duration, 0),
  };
}

(window as unknown as { runBench: typeof runBench }).runBench = runBench;
