import { Cartesian3, Math as CesiumMath } from 'cesium';
import { useEffect, useRef } from 'react';
import { useCesium } from 'resium';
import { findLayer, type Lang, type LayerDefinition } from '../../layers';
import { BuildingsTiles } from '../globe/buildings-tiles';
import { applyCameraPose } from '../globe/camera-sync';
import { OfflineGlobe } from '../globe/offline-globe';
import { BuildingOccluder } from '../overlay/building-occluder';
import { DeckLayer } from '../overlay/deck-layer';
import { DeckOverlay } from '../overlay/deck-overlay';
import { RENDER_ENGINE } from '../overlay/render-kinds';
import { LayerErrorBoundary } from '../ui/layer-error-boundary';
import type { ActiveAlert } from './alert-feed';
import { AlertPulses } from './alert-pulses';
import { DISTRICT_OWNER, type DistrictFeature, DistrictShading } from './district-shading';
import { type MapLabel, MapLabels } from './map-labels';
import { cityHeight, type WallStop } from './wall-places';

/** The layers the wall draws, bases first (no catalog: the wall shows a fixed, calm selection). */
export const WALL_LAYERS = [
  'water',
  'roads',
  'buildings',
  'metro-stations',
  'crowd-density',
  'pump-stations',
  'waterlogging-points',
] as const;

const DEFS = WALL_LAYERS.map((id) => findLayer(id)).filter((d): d is LayerDefinition => !!d);

/** Exposes the viewer for tests and the soak bench, and counts context losses. */
function ExposeViewer({ onContextLost }: { onContextLost: () => void }) {
  const { viewer } = useCesium();
  const lost = useRef(onContextLost);
  lost.current = onContextLost;
  useEffect(() => {
    if (!viewer) return;
    const w = window as unknown as { __twin?: Record<string, unknown> };
    w.__twin = { ...(w.__twin ?? {}), viewer };
    const canvas = viewer.scene.canvas;
    const onLost = (e: Event) => {
      e.preventDefault();
      lost.current();
    };
    canvas.addEventListener('webglcontextlost', onLost);
    return () => canvas.removeEventListener('webglcontextlost', onLost);
  }, [viewer]);
  return null;
}

/** Flies the camera to the current stop (instantly the first time). */
function FlyTo({ stop }: { stop: WallStop }) {
  const { viewer } = useCesium();
  const first = useRef(true);
  useEffect(() => {
    if (!viewer) return;
    const canvas = viewer.scene.canvas;
    const c =
      stop.id === 'city'
        ? { ...stop.camera, height: cityHeight(canvas.clientWidth, canvas.clientHeight) }
        : stop.camera;
    if (first.current) {
      first.current = false;
      applyCameraPose(viewer, c);
      return;
    }
    viewer.camera.flyTo({
      destination: Cartesian3.fromDegrees(c.lon, c.lat, c.height),
      orientation: {
        heading: CesiumMath.toRadians(c.heading),
        pitch: CesiumMath.toRadians(c.pitch),
        roll: 0,
      },
      duration: 3.5,
    });
    const w = window as unknown as { __twin?: Record<string, unknown> };
    w.__twin = { ...(w.__twin ?? {}), stop: stop.id };
  }, [viewer, stop]);
  return null;
}

/**
 * The wall's map: the offline globe with districts shaded by alert, the wall's fixed layers, labels, pulsing
 * alert places, and the camera at the current stop. `onContextLost` lets the page rebuild it after a lost
 * WebGL context (the page remounts this component with a new key).
 */
export function WallMap(props: {
  time: number;
  stop: WallStop;
  alerts: readonly ActiveAlert[];
  districts: readonly DistrictFeature[];
  labels: readonly MapLabel[];
  labelScale: number;
  lang: Lang;
  epoch: number;
  onContextLost: () => void;
}) {
  const { time, stop, alerts, districts, labels, labelScale, lang, epoch } = props;
  return (
    <OfflineGlobe>
      <ExposeViewer onContextLost={props.onContextLost} />
      <FlyTo stop={stop} />
      <MapLabels labels={labels} scale={labelScale} lang={lang} />
      <DeckOverlay order={[DISTRICT_OWNER, ...WALL_LAYERS]}>
        <DistrictShading districts={districts} alerts={alerts} />
        <BuildingOccluder />
        {DEFS.map((def) => (
          <LayerErrorBoundary key={`${def.id}@${epoch}`} id={def.id}>
            {RENDER_ENGINE[def.style.kind] === 'cesium' ? (
              <BuildingsTiles def={def} opacity={def.style.opacity} filters={[]} />
            ) : (
              <DeckLayer def={def} opacity={def.style.opacity} filters={[]} time={time} />
            )}
          </LayerErrorBoundary>
        ))}
      </DeckOverlay>
      <AlertPulses alerts={alerts} />
    </OfflineGlobe>
  );
}
