import {
  buildModuleUrl,
  type Viewer as CesiumViewer,
  Color,
  Credit,
  CreditDisplay,
  EllipsoidTerrainProvider,
  ImageryLayer,
  TileMapServiceImageryProvider,
} from 'cesium';
import { type ReactNode, useEffect, useMemo } from 'react';
import { useCesium, Viewer } from 'resium';
import { renderScale } from '../state/render-scale';
import { fixedSceneLight } from './scene-light';

/**
 * Cesium's default credit is the Cesium ion logo, though no request goes to ion: credit the library that is
 * used (CesiumJS, as text) instead. Set before any Viewer is created.
 */
CreditDisplay.cesiumCredit = new Credit('<a href="https://cesium.com/platform/cesiumjs/">CesiumJS</a>', true);

/**
 * The offline globe: no Cesium ion (no token, Bing, geocoder or base-layer picker), ellipsoid terrain, Natural
 * Earth II from Cesium's bundled assets as the far-zoom base (zoom 0–2); at city scale the vector base comes
 * from our own layers. Rendering is on request (`requestRenderMode`), with the costly effects off.
 */
export function OfflineGlobe({ children }: { children: ReactNode }) {
  const baseLayer = useMemo(
    () =>
      ImageryLayer.fromProviderAsync(
        TileMapServiceImageryProvider.fromUrl(buildModuleUrl('Assets/Textures/NaturalEarthII'), {
          maximumLevel: 2,
        }),
        { brightness: 0.35, saturation: 0.5, contrast: 1.2 },
      ),
    [],
  );
  const terrainProvider = useMemo(() => new EllipsoidTerrainProvider(), []);
  return (
    <Viewer
      full
      baseLayer={baseLayer}
      terrainProvider={terrainProvider}
      baseLayerPicker={false}
      geocoder={false}
      homeButton={false}
      sceneModePicker={false}
      navigationHelpButton={false}
      animation={false}
      timeline={false}
      fullscreenButton={false}
      infoBox={false}
      selectionIndicator={false}
      requestRenderMode
      maximumRenderTimeChange={Number.POSITIVE_INFINITY}
      msaaSamples={1}
    >
      <TuneScene />
      {children}
    </Viewer>
  );
}

function TuneScene() {
  const { viewer } = useCesium();
  useEffect(() => {
    if (!viewer) return;
    tuneScene(viewer);
  }, [viewer]);
  return null;
}

/**
 * Switches off effects that cost frames in software WebGL, darkens the globe under the vector base and applies
 * the page's render scale (`?res=`).
 */
export function tuneScene(viewer: CesiumViewer): void {
  const s = viewer.scene;
  s.fog.enabled = false;
  if (s.skyAtmosphere) s.skyAtmosphere.show = false;
  if (s.sun) s.sun.show = false;
  if (s.moon) s.moon.show = false;
  // SkyBox.show exists at run time but is missing from the 1.140 typings.
  if (s.skyBox) (s.skyBox as unknown as { show: boolean }).show = false;
  s.backgroundColor = Color.fromCssColorString('#0b1220');
  s.globe.showGroundAtmosphere = false;
  s.globe.enableLighting = false;
  s.light = fixedSceneLight();
  s.globe.baseColor = Color.fromCssColorString('#1b2433');
  s.postProcessStages.fxaa.enabled = false;
  s.highDynamicRange = false;
  viewer.resolutionScale = renderScale(window.location.search);
  s.requestRender();
}
