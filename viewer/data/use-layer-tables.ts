import type { Table } from 'apache-arrow';
import { useEffect, useRef, useState } from 'react';
import type { LayerDefinition } from '../../layers';
import { quantizeTime } from '../state/clock';
import type { FilterClause } from '../state/view-state';
import { featuresUrl, fetchArrow, readingsUrl } from './api';
import type { LayerTables } from './build-layer-binary';

/** The tables of one layer plus where their loading stands. */
export interface LayerTablesState {
  tables: LayerTables | null;
  loading: boolean;
  error: string | null;
  truncated: boolean;
}

/** Splits a layer's filters into those the feature table answers and those of the readings table. */
export function splitFilters(def: LayerDefinition, filters: FilterClause[]) {
  const feature = filters.filter((f) => def.columns[f.column]);
  const reading = filters.filter((f) => !def.columns[f.column] && def.temporal?.columns[f.column]);
  return { feature, reading };
}

/** The largest feature request the viewer makes (the server's max `limit`). */
const FEATURE_LIMIT = 100_000;

/**
 * Loads a layer's Arrow tables from the server: features once per filter set, latest readings per clock
 * step (the layer's cadence), and for `trips` the trail window. Keeps the previous tables while the next
 * ones load, so the layer never blinks; aborts stale requests.
 */
export function useLayerTables(
  def: LayerDefinition,
  filters: FilterClause[],
  time: number,
  bbox: [number, number, number, number] | undefined,
): LayerTablesState {
  const { feature, reading } = splitFilters(def, filters);
  const fKey = JSON.stringify([feature, bbox]);
  const cadenceMs = (def.temporal?.cadenceSeconds ?? 300) * 1000;
  const step = def.style.kind === 'trips' ? Math.max(cadenceMs, 10_000) : cadenceMs;
  const at = def.temporal ? quantizeTime(time, step) : 0;
  const rKey = JSON.stringify([reading, feature, at, bbox]);
  const [features, setFeatures] = useState<Table | null>(null);
  const [readings, setReadings] = useState<{ at: Table | null; trail: Table | null; from: number } | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(0);
  const truncated = useRef(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: fKey captures feature filters and bbox
  useEffect(() => {
    const ac = new AbortController();
    setPending((n) => n + 1);
    fetchArrow(featuresUrl(def.id, { filters: feature, bbox, limit: FEATURE_LIMIT }), ac.signal)
      .then((t) => {
        truncated.current = t.numRows >= FEATURE_LIMIT;
        setFeatures(t);
        setError(null);
      })
      .catch((e: Error) => ac.signal.aborted || setError(e.message))
      .finally(() => setPending((n) => n - 1));
    return () => ac.abort();
  }, [def.id, fKey]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: rKey captures filters, time step and bbox
  useEffect(() => {
    if (!def.temporal) return;
    const ac = new AbortController();
    const trailMs = (def.style.trailSeconds ?? 300) * 1000;
    const from = at - trailMs;
    const o = { filters: reading, bbox, limit: FEATURE_LIMIT };
    setPending((n) => n + 1);
    Promise.all([
      fetchArrow(readingsUrl(def.id, { at }, o), ac.signal),
      def.style.kind === 'trips' ? fetchArrow(readingsUrl(def.id, { from, to: at }, o), ac.signal) : null,
    ])
      .then(([a, trail]) => {
        setReadings({ at: a, trail, from });
        setError(null);
      })
      .catch((e: Error) => ac.signal.aborted || setError(e.message))
      .finally(() => setPending((n) => n - 1));
    return () => ac.abort();
  }, [def.id, rKey]);

  const ready = features && (!def.temporal || readings);
  return {
    tables: ready
      ? {
          features,
          readings: readings?.at ?? null,
          trail: readings?.trail ?? null,
          trailFromMs: readings?.from ?? 0,
        }
      : null,
    loading: pending > 0,
    error,
    truncated: truncated.current,
  };
}
