import { Cartesian3, SceneTransforms } from 'cesium';
import { useEffect, useRef } from 'react';
import { useCesium } from 'resium';
import type { ActiveAlert } from './alert-feed';
import { levelCss } from './level-color';

/**
 * Pulsing rings over the places of active alerts (one per place, most severe first, at most `max`). The rings
 * are DOM elements placed after each Cesium frame and animated by CSS, so the pulse costs no WebGL frames.
 */
export function AlertPulses({ alerts, max = 24 }: { alerts: readonly ActiveAlert[]; max?: number }) {
  const { viewer } = useCesium();
  const host = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const el = host.current;
    if (!viewer || !el) return;
    const seen = new Set<string>();
    const spots: { pos: Cartesian3; node: HTMLDivElement }[] = [];
    el.replaceChildren();
    for (const a of alerts) {
      const k = `${a.layer}|${a.place}`;
      if (seen.has(k) || !Number.isFinite(a.lon) || !Number.isFinite(a.lat) || spots.length >= max) continue;
      seen.add(k);
      const node = document.createElement('div');
      node.className = `pulse level-${a.level}`;
      node.dataset.alert = a.id;
      node.style.setProperty('--pulse', levelCss(a.level));
      el.appendChild(node);
      spots.push({ pos: Cartesian3.fromDegrees(a.lon, a.lat, 20), node });
    }
    const place = () => {
      for (const s of spots) {
        const p = SceneTransforms.worldToWindowCoordinates(viewer.scene, s.pos);
        if (!p) {
          s.node.style.display = 'none';
          continue;
        }
        s.node.style.display = '';
        s.node.style.transform = `translate(${p.x.toFixed(0)}px, ${p.y.toFixed(0)}px)`;
      }
    };
    place();
    viewer.scene.requestRender();
    const off = viewer.scene.postRender.addEventListener(place);
    return () => {
      off();
      el.replaceChildren();
    };
  }, [viewer, alerts, max]);
  return <div className="pulses" ref={host} data-testid="alert-pulses" />;
}
