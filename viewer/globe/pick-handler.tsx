import { Cesium3DTileFeature, ScreenSpaceEventHandler, ScreenSpaceEventType } from 'cesium';
import { useEffect, useRef } from 'react';
import { useCesium } from 'resium';
import { findLayer } from '../../layers';
import { findDrawnLayer } from '../overlay/deck-layer';
import { ownerOfDeckLayer } from '../overlay/deck-layer-ids';
import { useOverlay } from '../overlay/deck-overlay';
import { resolveDeckPick, type Selection, toSelection } from '../overlay/resolve-pick';
import { externalSelection } from './external-tilesets';

/** Builds a selection from a picked 3D Tiles feature's metadata properties. */
function tileSelection(feature: Cesium3DTileFeature): Selection | null {
  const def = findLayer('buildings');
  if (!def) return null;
  const values: Record<string, unknown> = {};
  for (const id of feature.getPropertyIds()) values[id] = feature.getProperty(id);
  return toSelection(def, values);
}

/**
 * Click picking: deck.gl objects first (they are drawn on top), then Cesium's 3D Tiles buildings.
 * Reports the selection (or null for empty ground) to `onSelect`.
 */
export function PickHandler({ onSelect }: { onSelect: (s: Selection | null) => void }) {
  const { viewer } = useCesium();
  const overlay = useOverlay();
  const cb = useRef(onSelect);
  cb.current = onSelect;
  useEffect(() => {
    if (!viewer || !overlay) return;
    const handler = new ScreenSpaceEventHandler(viewer.scene.canvas);
    handler.setInputAction((e: { position: { x: number; y: number } }) => {
      const info = overlay.pick(e.position.x, e.position.y);
      const owner = info?.layer?.id ? ownerOf(info.layer.id) : undefined;
      const drawn = owner ? findDrawnLayer(owner) : undefined;
      if (info && drawn) return cb.current(resolveDeckPick(info, drawn));
      const picked = viewer.scene.pick(e.position as never);
      const external = externalSelection(picked);
      if (external) return cb.current(external);
      if (picked instanceof Cesium3DTileFeature) return cb.current(tileSelection(picked));
      cb.current(null);
    }, ScreenSpaceEventType.LEFT_CLICK);
    return () => handler.destroy();
  }, [viewer, overlay]);
  return null;
}

function ownerOf(deckLayerId: string): string | undefined {
  const id = ownerOfDeckLayer(deckLayerId, (o) => findDrawnLayer(o) !== undefined);
  return findDrawnLayer(id) ? id : undefined;
}
