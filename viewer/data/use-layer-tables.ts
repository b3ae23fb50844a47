import type { Table } from 'apache-arrow';
import { useEffect, useMemo, useState } from 'react';
import type { LayerDefinition } from '../../layers';
import { quantizeTime } from '../state/clock';
import type { FilterClause } from '../state/view-state';
import { featuresUrl, readingsUrl } from './api';
import { cachedArrowPage } from './arrow-cache';
import type { LayerTables } from './build-layer-binary';
import { nameGridAggregates } from './grid-readings';
import { readingsPlan, type ViewScale, type ViewScope } from './view-scope';

/** The tables of one layer plus where their loading stands. */
export interface LayerTablesState {
  tables: LayerTables | null;
  loading: boolean;
  error: string | null;
  /** True when the server cut a response at `limit` (`X-Truncated`): the layer shows part of the view. */
  truncated: boolean;
  /** The readings are city-zoom grid aggregates (cell centres, `n` per cell), not features. */
  aggregated: boolean;
  /** Only the layer's overview subset is fetched (city zoom, `def.overview`). */
  overview: boolean;
}

/** Splits a layer's filters into those the feature table answers and those of the readings table. */
export function splitFilters(def: LayerDefinition, filters: FilterClause[]) {
  const feature = filters.filter((f) => def.columns[f.column]);
  const reading = filters.filter((f) => !def.columns[f.column] && def.temporal?.columns[f.column]);
  return { feature, reading };
}

/**
 * The filters a layer's requests carry at a zoom class: the user's, split by table, plus the layer's overview
 * subset at city zoom (`def.overview`, e.g. trunk mains only) on both tables' requests; `overview` says whether
 * that subset applies.
 */
export function scopedFilters(def: LayerDefinition, filters: FilterClause[], scale: ViewScale) {
  const { feature, reading } = splitFilters(def, filters);
  const where = scale === 'city' ? def.overview?.where : undefined;
  // readings requests select their keys through the feature table, so the subset applies to them too (when
  // the layer has readings)
  return {
    feature: where ? [...feature, where] : feature,
    reading: where && def.temporal ? [...reading, where] : reading,
    overview: !!where,
  };
}

/** The largest request the viewer makes (the server's max `limit`). */
export const FEATURE_LIMIT = 100_000;

/** Whether a layer's feature table is fetched by the view's bbox (not the fleet register of moving things). */
export function featuresByBbox(def: LayerDefinition): boolean {
  return def.style.kind !== 'trips';
}

/**
 * Loads a layer's Arrow tables for the view: features of the view's bbox once per filter set and scope,
 * readings per clock step (the layer's cadence) — the latest reading per feature near the ground, grid
 * buckets at city zoom (`readingsPlan`). Keeps the previous tables on screen while the next ones load (no
 * flashing), aborts stale requests, and reuses responses through the Arrow cache.
 */
export function useLayerTables(
  def: LayerDefinition,
  filters: FilterClause[],
  time: number,
  scope: ViewScope,
): LayerTablesState {
  const { feature, reading, overview } = scopedFilters(def, filters, scope.scale);
  const bbox = scope.bbox ?? undefined;
  const fBbox = featuresByBbox(def) ? bbox : undefined;
  const fKey = JSON.stringify([feature, fBbox]);
  const plan = readingsPlan(def.style.kind, scope.scale);
  const cadenceMs = (def.temporal?.cadenceSeconds ?? 300) * 1000;
  const step = plan.kind === 'grid' ? 300_000 : cadenceMs;
  const at = def.temporal ? quantizeTime(time, step) : 0;
  const rKey = JSON.stringify([reading, feature, at, bbox, plan]);
  const [features, setFeatures] = useState<{ t: Table; truncated: boolean } | null>(null);
  const [readings, setReadings] = useState<{ at: Table | null; truncated: boolean; grid: boolean } | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: fKey captures feature filters and bbox
  useEffect(() => {
    const ac = new AbortController();
    setPending((n) => n + 1);
    cachedArrowPage(featuresUrl(def.id, { filters: feature, bbox: fBbox, limit: FEATURE_LIMIT }), ac.signal)
      .then((p) => {
        setFeatures({ t: p.table, truncated: p.truncated });
        setError(null);
      })
      .catch((e: Error) => ac.signal.aborted || setError(e.message))
      .finally(() => setPending((n) => n - 1));
    return () => ac.abort();
  }, [def.id, fKey]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: rKey captures filters, time step, bbox and plan
  useEffect(() => {
    if (!def.temporal || def.style.kind === 'trips') return;
    const ac = new AbortController();
    const o = { filters: reading, bbox, limit: FEATURE_LIMIT };
    const url =
      plan.kind === 'grid'
        ? readingsUrl(def.id, { from: at, to: at + step, bucket: plan.bucket, grid: plan.gridMetres }, o)
        : readingsUrl(def.id, { at }, o);
    setPending((n) => n + 1);
    cachedArrowPage(url, ac.signal)
      .then((p) => {
        const grid = plan.kind === 'grid';
        setReadings({ at: grid ? nameGridAggregates(def, p.table) : p.table, truncated: p.truncated, grid });
        setError(null);
      })
      .catch((e: Error) => ac.signal.aborted || setError(e.message))
      .finally(() => setPending((n) => n - 1));
    return () => ac.abort();
  }, [def.id, rKey]);

  const needsReadings = !!def.temporal && def.style.kind !== 'trips';
  // one object per (features, readings) pair: the layer rebuilds its binary when this identity changes
  const tables = useMemo(
    () =>
      features && (!needsReadings || readings)
        ? { features: features.t, readings: readings?.at ?? null, trail: null, trailFromMs: 0 }
        : null,
    [features, readings, needsReadings],
  );
  return {
    tables,
    loading: pending > 0,
    error,
    truncated: !!(features?.truncated || readings?.truncated),
    aggregated: !!readings?.grid,
    overview: !!overview,
  };
}
