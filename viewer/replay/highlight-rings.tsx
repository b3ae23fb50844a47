import { COORDINATE_SYSTEM } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { useEffect, useState } from 'react';
import type { Scenario } from '../../scenarios';
import { fetchArrow, readingsUrl } from '../data/api';
import { readNumbers } from '../data/arrow-columns';
import { useOverlay } from '../overlay/deck-overlay';
import { toLocal } from '../overlay/local-frame';
import { NO_POLYGON_OFFSET } from '../overlay/render-kinds';
import { quantizeTime } from '../state/clock';

const OWNER = '__scenario-highlights';

/**
 * Rings round the features a story step highlights, where their latest readings at the clock time put them
 * (so moving trucks are ringed where they are), drawn over the other layers.
 */
export function HighlightRings({
  highlights,
  time,
}: {
  highlights: Scenario['steps'][number]['highlights'];
  time: number;
}) {
  const overlay = useOverlay();
  const [points, setPoints] = useState<[number, number][]>([]);
  const at = quantizeTime(time, 10_000);
  const key = JSON.stringify(highlights);
  useEffect(() => {
    const list = JSON.parse(key) as typeof highlights;
    if (list.length === 0) {
      setPoints([]);
      return;
    }
    const ac = new AbortController();
    Promise.all(
      list.map(async (h) => {
        const t = await fetchArrow(readingsUrl(h.layer, { at }, { keys: h.ids }), ac.signal);
        const lon = readNumbers(t, 'lon');
        const lat = readNumbers(t, 'lat');
        return lon && lat ? [...lon].map((x, i) => [x, lat[i]!] as [number, number]) : [];
      }),
    )
      .then((all) => setPoints(all.flat()))
      .catch(() => {});
    return () => ac.abort();
  }, [key, at]);
  useEffect(() => {
    if (!overlay) return;
    overlay.setLayers(
      OWNER,
      points.length === 0
        ? []
        : [
            new ScatterplotLayer<[number, number]>({
              id: `${OWNER}-rings`,
              data: points,
              coordinateSystem: COORDINATE_SYSTEM.CARTESIAN,
              getPolygonOffset: NO_POLYGON_OFFSET,
              getPosition: (p) => toLocal(overlay.frame, p[0], p[1], 25),
              billboard: true,
              stroked: true,
              filled: false,
              radiusUnits: 'pixels',
              getRadius: 18,
              lineWidthUnits: 'pixels',
              getLineWidth: 4,
              getLineColor: [255, 235, 59, 255],
              parameters: { depthCompare: 'always' },
            }),
          ],
    );
  }, [overlay, points]);
  useEffect(() => () => overlay?.setLayers(OWNER, []), [overlay]);
  return null;
}
