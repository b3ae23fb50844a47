import { Cartesian3, Math as CesiumMath, type Viewer } from 'cesium';
import { useEffect, useRef } from 'react';
import { useCesium } from 'resium';
import type { CameraPose } from '../state/view-state';

/** Moves Cesium's camera to a pose, instantly. */
export function applyCameraPose(viewer: Viewer, p: CameraPose): void {
  viewer.camera.setView({
    destination: Cartesian3.fromDegrees(p.lon, p.lat, p.height),
    orientation: { heading: CesiumMath.toRadians(p.heading), pitch: CesiumMath.toRadians(p.pitch), roll: 0 },
  });
  viewer.scene.requestRender();
}

/** Reads Cesium's camera as a pose (degrees and metres). */
export function readCameraPose(viewer: Viewer): CameraPose {
  const c = viewer.camera.positionCartographic;
  return {
    lon: CesiumMath.toDegrees(c.longitude),
    lat: CesiumMath.toDegrees(c.latitude),
    height: c.height,
    heading: CesiumMath.toDegrees(viewer.camera.heading),
    pitch: CesiumMath.toDegrees(viewer.camera.pitch),
  };
}

/**
 * Keeps Cesium's camera and the app's camera pose in step: applies `pose` when it changes from outside
 * (URL, reset) and reports the pose after every camera move.
 */
export function CameraSync({ pose, onMoved }: { pose: CameraPose; onMoved: (p: CameraPose) => void }) {
  const { viewer } = useCesium();
  const last = useRef<string>('');
  const onMovedRef = useRef(onMoved);
  onMovedRef.current = onMoved;
  useEffect(() => {
    if (!viewer) return;
    const key = JSON.stringify(pose);
    if (key === last.current) return;
    last.current = key;
    applyCameraPose(viewer, pose);
  }, [viewer, pose]);
  useEffect(() => {
    if (!viewer) return;
    return viewer.camera.moveEnd.addEventListener(() => {
      const p = readCameraPose(viewer);
      last.current = JSON.stringify(p);
      onMovedRef.current(p);
    });
  }, [viewer]);
  return null;
}
