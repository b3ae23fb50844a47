import { Cartesian3, Math as CesiumMath } from 'cesium';
import { useEffect, useRef } from 'react';
import { useCesium } from 'resium';
import type { ScenarioCamera as Pose } from '../../scenarios';

/** Flies Cesium's camera to `pose` whenever it changes (smooth camera flights between briefing steps). */
export function ScenarioCamera({ pose, seconds = 2.5 }: { pose: Pose | null; seconds?: number }) {
  const { viewer } = useCesium();
  const last = useRef('');
  useEffect(() => {
    if (!viewer || !pose) return;
    const key = JSON.stringify(pose);
    if (key === last.current) return;
    last.current = key;
    viewer.camera.cancelFlight();
    viewer.camera.flyTo({
      destination: Cartesian3.fromDegrees(pose.lon, pose.lat, pose.height),
      orientation: {
        heading: CesiumMath.toRadians(pose.heading),
        pitch: CesiumMath.toRadians(pose.pitch),
        roll: 0,
      },
      duration: seconds,
    });
  }, [viewer, pose, seconds]);
  return null;
}
