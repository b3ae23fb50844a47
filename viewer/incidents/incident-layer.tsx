import { COORDINATE_SYSTEM } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { useEffect, useMemo, useState } from 'react';
import { useCesium } from 'resium';
import { OPEN_STATES } from '../../layers';
import { STATE_COLORS } from '../../layers/defs/incidents';
import { useOverlay } from '../overlay/deck-overlay';
import { toLocal } from '../overlay/local-frame';
import { NO_POLYGON_OFFSET } from '../overlay/render-kinds';
import type { IncidentEvent } from './events-api';

const SEVERITY_RADIUS = { low: 22, medium: 30, high: 40, critical: 55 } as const;

/** Whether an event pulses on the map: open events, and overdue ones more strongly. */
export function pulses(e: Pick<IncidentEvent, 'state' | 'overdue'>): boolean {
  return e.overdue || OPEN_STATES.includes(e.state);
}

/**
 * The incident layer on the map: one disc per event, coloured by state (`STATE_COLORS` of the layer definition),
 * sized by severity, pulsing (once a second, no animation frame loop) while open or overdue; the selected event
 * gets a white ring. Registers its deck.gl layers with the overlay under the owner id `incidents`.
 */
export function IncidentLayer(props: { events: readonly IncidentEvent[]; selectedId: string | null }) {
  const overlay = useOverlay();
  const { viewer } = useCesium();
  const [phase, setPhase] = useState(0);
  const anyPulse = props.events.some(pulses);
  useEffect(() => {
    if (!anyPulse) return;
    // One step a second, and none while the page is hidden: each step costs a globe frame (software GL on walls).
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') setPhase((p) => (p + 1) % 2);
    }, 1000);
    return () => clearInterval(id);
  }, [anyPulse]);
  const data = useMemo(
    () =>
      overlay ? props.events.map((e) => ({ e, position: toLocal(overlay.frame, e.lon, e.lat, 2) })) : [],
    [overlay, props.events],
  );
  useEffect(() => {
    if (!overlay) return;
    overlay.setLayers('incidents', [
      new ScatterplotLayer<(typeof data)[number]>({
        id: 'incidents-events',
        data,
        coordinateSystem: COORDINATE_SYSTEM.CARTESIAN,
        getPolygonOffset: NO_POLYGON_OFFSET,
        pickable: true,
        billboard: true,
        radiusUnits: 'meters',
        radiusMinPixels: 6,
        stroked: true,
        lineWidthMinPixels: 2,
        getPosition: (d) => d.position,
        getRadius: (d) =>
          SEVERITY_RADIUS[d.e.severity] * (pulses(d.e) && phase === 1 ? (d.e.overdue ? 1.6 : 1.3) : 1),
        getFillColor: (d) => STATE_COLORS[d.e.state],
        getLineColor: (d) =>
          d.e.id === props.selectedId
            ? [255, 255, 255, 255]
            : d.e.overdue
              ? [231, 76, 60, 255]
              : [10, 20, 30, 200],
        updateTriggers: { getRadius: phase, getLineColor: props.selectedId },
        parameters: { depthCompare: 'always' },
      }),
    ]);
    viewer?.scene.requestRender();
  }, [overlay, data, phase, props.selectedId, viewer]);
  useEffect(() => () => overlay?.setLayers('incidents', []), [overlay]);
  return null;
}
