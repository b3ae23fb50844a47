import { useEffect, useMemo } from 'react';
import type { LayerDefinition } from '../../layers';
import { buildLayerBinary, type LayerBinary } from '../data/build-layer-binary';
import { splitFilters, useLayerTables } from '../data/use-layer-tables';
import { setLayerStatus } from '../state/layer-status';
import type { FilterClause } from '../state/view-state';
import { useOverlay } from './deck-overlay';
import { createDeckLayers } from './render-kinds';

/** The drawn state of a layer, kept for picking: its binary data and the tables the rows refer to. */
export interface DrawnLayer {
  def: LayerDefinition;
  binary: LayerBinary;
  tables: NonNullable<ReturnType<typeof useLayerTables>['tables']>;
}

const drawn = new Map<string, DrawnLayer>();

/** The drawn state of a layer by id (for the inspector's picking), if it is on screen. */
export function findDrawnLayer(id: string): DrawnLayer | undefined {
  return drawn.get(id);
}

function countRows(b: LayerBinary): number {
  return b.points?.length ?? b.paths?.length ?? b.polygons?.length ?? b.trips?.length ?? 0;
}

/**
 * One registry layer drawn by deck.gl: loads its Arrow tables, turns them into binary attributes and hands
 * the deck.gl layers to the overlay; reports loading/ready/error to the catalog. Renders no DOM.
 */
export function DeckLayer(props: {
  def: LayerDefinition;
  opacity: number;
  filters: FilterClause[];
  time: number;
  bbox?: [number, number, number, number];
}) {
  const { def, opacity, filters, time, bbox } = props;
  const overlay = useOverlay();
  const { tables, loading, error, truncated } = useLayerTables(def, filters, time, bbox);
  const featureFiltered = splitFilters(def, filters).feature.length > 0;
  const binary = useMemo(
    () =>
      tables && overlay ? buildLayerBinary(def, def.style, tables, overlay.frame, featureFiltered) : null,
    [tables, overlay, def, featureFiltered],
  );
  const tripTime = tables && def.style.kind === 'trips' ? (time - tables.trailFromMs) / 1000 : 0;
  useEffect(() => {
    if (!overlay || !binary || !tables) return;
    drawn.set(def.id, { def, binary, tables });
    overlay.setLayers(def.id, createDeckLayers(def, def.style, binary, { opacity, tripTime }));
  }, [overlay, binary, tables, def, opacity, tripTime]);
  useEffect(() => {
    if (!overlay) return;
    const off = overlay.onLayerError((owner, e) => {
      if (owner === def.id) setLayerStatus(def.id, { state: 'error', message: e.message });
    });
    return () => {
      off();
      overlay.setLayers(def.id, []);
      drawn.delete(def.id);
      setLayerStatus(def.id, { state: 'idle' });
    };
  }, [overlay, def.id]);
  useEffect(() => {
    if (error) setLayerStatus(def.id, { state: 'error', message: error });
    else if (loading && !binary) setLayerStatus(def.id, { state: 'loading' });
    else if (binary) setLayerStatus(def.id, { state: 'ready', rows: countRows(binary), truncated });
  }, [error, loading, binary, def.id, truncated]);
  return null;
}
