import { useEffect, useMemo, useState } from 'react';
import type { LayerDefinition } from '../../layers';
import { buildLayerBinary, type LayerBinary } from '../data/build-layer-binary';
import { splitFilters, useLayerTables } from '../data/use-layer-tables';
import { readingsPlan } from '../data/view-scope';
import { useViewScope } from '../globe/view-scope-provider';
import { queueStep } from '../perf/step-queue';
import { timedStep } from '../perf/step-timing';
import type { Clock } from '../state/clock';
import { setLayerStatus } from '../state/layer-status';
import type { FilterClause } from '../state/view-state';
import { useOverlay } from './deck-overlay';
import { MovingLayer } from './moving-layer';
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

/** Records (or with null, forgets) what a layer drew, for picking. */
export function setDrawnLayer(id: string, d: DrawnLayer | null): void {
  if (d) drawn.set(id, d);
  else drawn.delete(id);
}

function countRows(b: LayerBinary): number {
  return b.points?.length ?? b.paths?.length ?? b.polygons?.length ?? b.trips?.length ?? 0;
}

/** Props of a deck.gl-drawn registry layer. */
export interface DeckLayerProps {
  def: LayerDefinition;
  opacity: number;
  filters: FilterClause[];
  /** The clock time, quantized by the app (moving layers follow the clock themselves). */
  time: number;
  /** The clock, for layers that animate every frame without React (moving vehicles). */
  clock?: Clock;
  /** Moving layers: interpolate between samples (default) or hold each sample (`?interp=0`). */
  interpolate?: boolean;
}

/**
 * One registry layer drawn by deck.gl. Moving things (`trips`) follow the clock frame by frame outside React
 * (`MovingLayer`); the others load their tables for the view, turn them into binary attributes and hand the
 * deck.gl layers to the overlay. Reports loading/ready/error (and truncation) to the catalog. No DOM.
 */
export function DeckLayer(props: DeckLayerProps) {
  if (props.def.style.kind === 'trips' && props.clock)
    return (
      <MovingLayer
        def={props.def}
        opacity={props.opacity}
        filters={props.filters}
        clock={props.clock}
        interpolate={props.interpolate}
      />
    );
  return <StaticDeckLayer {...props} />;
}

function StaticDeckLayer(props: DeckLayerProps) {
  const { def, opacity, filters, time } = props;
  const overlay = useOverlay();
  const scope = useViewScope();
  const { tables, error, truncated, aggregated, overview } = useLayerTables(def, filters, time, scope);
  const featureFiltered = splitFilters(def, filters).feature.length > 0;
  const plan = readingsPlan(def.style.kind, scope.scale);
  const cellSize = aggregated && plan.kind === 'grid' ? plan.gridMetres : 0;
  const style = useMemo(
    () => (cellSize ? { ...def.style, cellSizeMeters: cellSize } : def.style),
    [def.style, cellSize],
  );
  // The binary is rebuilt in its own task (queueStep) when the tables change: a clock step that gives every
  // layer new readings becomes one short task per layer, not one long render. Until it lands the layer keeps
  // drawing its previous binary (no flashing); `built.tables` are the tables it was built from, for picking.
  const [built, setBuilt] = useState<{ binary: LayerBinary; tables: NonNullable<typeof tables> } | null>(
    null,
  );
  const [buildError, setBuildError] = useState<string | null>(null);
  useEffect(() => {
    if (!tables || !overlay) return;
    return queueStep(
      () =>
        timedStep(`build ${def.id}`, () =>
          buildLayerBinary(def, style, tables, overlay.frame, featureFiltered),
        ),
      (binary) => {
        setBuildError(null);
        setBuilt({ binary, tables });
      },
      (e) => setBuildError(e instanceof Error ? e.message : String(e)),
    );
  }, [tables, overlay, def, style, featureFiltered]);
  // while new tables load (no tables yet) the layer counts as loading, as before the queue
  const binary = tables ? (built?.binary ?? null) : null;
  useEffect(() => {
    if (!overlay || !built) return;
    setDrawnLayer(def.id, { def, binary: built.binary, tables: built.tables });
    overlay.setLayers(def.id, createDeckLayers(def, style, built.binary, { opacity, tripTime: 0 }));
  }, [overlay, built, def, style, opacity]);
  useLayerOwnership(overlay, def.id);
  useEffect(() => {
    if (error || buildError) setLayerStatus(def.id, { state: 'error', message: (error ?? buildError)! });
    // no binary yet (tables on their way, or built in a queued task): still loading, so nobody takes the layer
    // for drawn before it is
    else if (!binary) setLayerStatus(def.id, { state: 'loading' });
    else setLayerStatus(def.id, { state: 'ready', rows: countRows(binary), truncated, aggregated, overview });
  }, [error, buildError, binary, def.id, truncated, aggregated, overview]);
  return null;
}

/**
 * The overlay side of one layer's lifetime: render errors of its deck.gl layers become its catalog status, and on
 * unmount its layers, its drawn data (for picking) and its status are cleared.
 */
export function useLayerOwnership(overlay: ReturnType<typeof useOverlay>, id: string): void {
  useEffect(() => {
    if (!overlay) return;
    const off = overlay.onLayerError((owner, e) => {
      if (owner === id) setLayerStatus(id, { state: 'error', message: e.message });
    });
    return () => {
      off();
      overlay.setLayers(id, []);
      setDrawnLayer(id, null);
      setLayerStatus(id, { state: 'idle' });
    };
  }, [overlay, id]);
}
