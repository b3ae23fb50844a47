import { COORDINATE_SYSTEM, type Layer } from '@deck.gl/core';
import { TripsLayer } from '@deck.gl/geo-layers';
import { ScatterplotLayer } from '@deck.gl/layers';
import { ScenegraphLayer } from '@deck.gl/mesh-layers';
import type { Table } from 'apache-arrow';
import { useEffect, useRef, useState } from 'react';
import type { LayerDefinition } from '../../layers';
import { fetchArrowPage, readingsUrl } from '../data/api';
import { createFetchAhead } from '../data/fetch-ahead';
import { createTrackFrame, interpolateTracks } from '../data/interpolate-tracks';
import {
  buildCellWindow,
  buildTrackWindowInTasks,
  type CellWindow,
  type TrackWindow,
} from '../data/track-window';
import { FEATURE_LIMIT, useLayerTables } from '../data/use-layer-tables';
import { readingsPlan, scopeKey } from '../data/view-scope';
import { useViewScope } from '../globe/view-scope-provider';
import { nextTask } from '../perf/step-queue';
import { timedStep } from '../perf/step-timing';
import type { Clock } from '../state/clock';
import { setLayerStatus } from '../state/layer-status';
import type { FilterClause } from '../state/view-state';
import { rgbaWords } from './color-rule';
import { setDrawnLayer, useLayerOwnership } from './deck-layer';
import { useOverlay } from './deck-overlay';
import { toLocalPositions } from './local-frame';
import { GROUND_PARAMETERS, NO_POLYGON_OFFSET, SOLID_PARAMETERS } from './render-kinds';
import { checkModel, orientationOfHeading, VEHICLE_MODELS } from './vehicle-models';

/** Window length of raw tracks near the ground, and of grid buckets at city zoom (ms). */
const RAW_WINDOW_MS = 5 * 60_000;
const CELL_WINDOW_MS = 30 * 60_000;

type WindowData = { raw: TrackWindow } | { cells: CellWindow };

const base = { coordinateSystem: COORDINATE_SYSTEM.CARTESIAN, getPolygonOffset: NO_POLYGON_OFFSET } as const;

/**
 * A moving layer (trucks, teams): readings fetched ahead of the clock in windows (`fetch-ahead`), positions
 * interpolated between samples on every clock tick (`interpolate-tracks`) and handed straight to deck.gl —
 * no React render per frame. At street zoom the heads are oriented 3D models (`/models/<name>.glb`, points
 * when the model is missing), further out points, at city zoom grid cells sized by the trucks in them.
 */
export function MovingLayer(props: {
  def: LayerDefinition;
  opacity: number;
  filters: FilterClause[];
  clock: Clock;
  /** False holds each feature at its last sample and redraws only when the clock passes a sample step. */
  interpolate?: boolean;
}) {
  const { def, opacity, filters, clock } = props;
  const interpolate = props.interpolate ?? true;
  const overlay = useOverlay();
  const scope = useViewScope();
  const register = useLayerTables(def, filters, clock.get().time, scope);
  // The register joins readings to features for the inspector; it must not restart the window fetches.
  const featuresRef = useRef<Table | null>(null);
  featuresRef.current = register.tables?.features ?? null;
  const registerTruncated = useRef(false);
  registerTruncated.current = register.truncated;
  const modelName = VEHICLE_MODELS[def.id];
  const [model, setModel] = useState<string | null | undefined>(modelName ? undefined : null);
  useEffect(() => {
    if (modelName) checkModel(modelName).then(setModel);
  }, [modelName]);
  const key = `${scopeKey(scope)}|${JSON.stringify(filters)}`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: key captures scope and filters
  useEffect(() => {
    if (!overlay || model === undefined || !def.temporal) return;
    const plan = readingsPlan(def.style.kind, scope.scale);
    const bbox = scope.bbox ?? undefined;
    const trailMs = (def.style.trailSeconds ?? 300) * 1000;
    const cadenceMs = def.temporal.cadenceSeconds * 1000;
    const frame = overlay.frame;
    let truncated = false;
    let failed = false;
    // Only what drawing needs: key, time, position, heading and the colour column.
    const columns = [def.temporal.key, def.temporal.time, 'lon', 'lat'];
    if (def.temporal.columns.heading_deg) columns.push('heading_deg');
    if (def.style.color.kind !== 'constant' && def.temporal.columns[def.style.color.by])
      columns.push(def.style.color.by);
    const fa = createFetchAhead<WindowData>({
      windowMs: plan.kind === 'grid' ? CELL_WINDOW_MS : RAW_WINDOW_MS,
      load: async (w, _scope, signal) => {
        const o = { filters, bbox, limit: FEATURE_LIMIT };
        if (plan.kind === 'grid') {
          const url = readingsUrl(def.id, { ...w, bucket: plan.bucket, grid: plan.gridMetres }, o);
          const p = await fetchArrowPage(url, signal);
          const cells = timedStep(`cells ${def.id}`, () => buildCellWindow(p.table, p.truncated));
          if (!cells) throw new Error('grid readings without bucket_start/lon/lat/n');
          return { cells };
        }
        // The window starts a trail earlier and ends two samples later, so trails and interpolation run
        // across window edges without waiting for the neighbour.
        const from = w.from - trailMs;
        const url = readingsUrl(def.id, { from, to: w.to + 2 * cadenceMs }, { ...o, columns });
        const p = await fetchArrowPage(url, signal);
        const raw = await buildTrackWindowInTasks(
          def,
          p.table,
          featuresRef.current,
          from,
          frame,
          p.truncated,
          nextTask,
          (phase, run) => timedStep(`tracks ${def.id} ${phase}/3`, run),
        );
        if (!raw) throw new Error('readings without key/time/lon/lat');
        return { raw };
      },
      onLoad: () => draw(clock.get().time),
      onError: (e) => {
        failed = true;
        setLayerStatus(def.id, { state: 'error', message: e.message });
      },
    });
    fa.setScope(`${def.id}|${key}|${plan.kind}`);
    let shown: WindowData | null = null;
    let heads = new Float32Array(0);
    let headColors = new Uint8Array(0);
    let rowOf = new Uint32Array(0);
    let ll = new Float64Array(0);
    let yaw = new Float64Array(0);
    // Without interpolation the picture changes only when the clock passes a sample step (or new data lands).
    let drawnStep = Number.NaN;
    let drawnData: WindowData | null = null;
    const draw = (time: number) => {
      const step = Math.floor(time / cadenceMs);
      const t = interpolate ? time : step * cadenceMs;
      const loaded = fa.at(t);
      if (loaded) shown = loaded.data;
      if (!interpolate && shown && shown === drawnData && step === drawnStep) return;
      drawnStep = step;
      drawnData = shown;
      if (!shown) {
        if (!failed) setLayerStatus(def.id, { state: 'loading' });
        return;
      }
      const layers: Layer[] = [];
      let count = 0;
      if ('raw' in shown) {
        const w = shown.raw;
        truncated = w.truncated || registerTruncated.current;
        const tf = createTrackFrameCached(w.tracks.count);
        interpolateTracks(w.tracks, t, tf, { maxGapMs: 6 * cadenceMs, maxAgeMs: 15 * 60_000, interpolate });
        if (ll.length < 2 * w.tracks.count) {
          ll = new Float64Array(2 * w.tracks.count);
          yaw = new Float64Array(w.tracks.count);
          heads = new Float32Array(3 * w.tracks.count);
          headColors = new Uint8Array(4 * w.tracks.count);
          rowOf = new Uint32Array(w.tracks.count);
        }
        const rowWords = rgbaWords(w.rowColors);
        const headWords = new Uint32Array(headColors.buffer, 0, w.tracks.count);
        for (let k = 0; k < w.tracks.count; k++) {
          if (!tf.present[k]) continue;
          ll[2 * count] = tf.lon[k]!;
          ll[2 * count + 1] = tf.lat[k]!;
          yaw[count] = tf.heading[k]!;
          const r = tf.row[k]!;
          rowOf[count] = r;
          headWords[count] = rowWords[r]!;
          count++;
        }
        toLocalPositions(frame, ll.subarray(0, 2 * count), heads.subarray(0, 3 * count), 0.5);
        if (w.trips)
          layers.push(
            new TripsLayer({
              ...base,
              id: `${def.id}-trails`,
              data: {
                length: w.trips.length,
                startIndices: w.trips.startIndices,
                attributes: {
                  getPath: { value: w.trips.positions, size: 3 },
                  getColor: { value: w.trips.colors, size: 4, normalized: true },
                  getTimestamps: { value: w.trips.timestamps!, size: 1 },
                },
              },
              _pathType: 'open',
              widthUnits: 'pixels',
              getWidth: def.style.widthMinPixels ?? 2,
              currentTime: (t - w.trailFromMs) / 1000,
              trailLength: def.style.trailSeconds ?? 300,
              fadeTrail: true,
              opacity,
              pickable: true,
              parameters: GROUND_PARAMETERS,
            }),
          );
        const positions = heads.slice(0, 3 * count);
        const colors = headColors.slice(0, 4 * count);
        const yaws = yaw.slice(0, count);
        const asModels = model && scope.scale === 'street';
        layers.push(
          asModels
            ? new ScenegraphLayer({
                ...base,
                id: `${def.id}-heads`,
                data: { length: count, attributes: { getPosition: { value: positions, size: 3 } } },
                scenegraph: model,
                getOrientation: (_: unknown, info: { index: number }) =>
                  orientationOfHeading(yaws[info.index]!),
                getColor: [255, 255, 255, 255],
                sizeScale: 1,
                sizeMinPixels: 1.5,
                _lighting: 'flat',
                opacity,
                pickable: true,
                updateTriggers: { getOrientation: t },
                parameters: SOLID_PARAMETERS,
              })
            : headsAsPoints(def, positions, colors, count, opacity),
        );
        setDrawnLayer(def.id, {
          def,
          binary: {
            source: 'readings',
            points: {
              length: count,
              positions,
              colors,
              weights: new Float32Array(count),
              rowOf: rowOf.slice(0, count),
            },
            trips: w.trips,
            featureOfReading: w.featureOfReading,
          },
          tables: {
            features: featuresRef.current,
            readings: w.table,
            trail: w.table,
            trailFromMs: w.trailFromMs,
          },
        });
      } else {
        const c = shown.cells;
        truncated = c.truncated || registerTruncated.current;
        const bucket = Math.floor(t / 300_000) * 300_000;
        const rows: number[] = [];
        for (let i = 0; i < c.bucketMs.length; i++) if (c.bucketMs[i] === bucket) rows.push(i);
        count = rows.length;
        const cll = new Float64Array(2 * count);
        const radius = new Float32Array(count);
        const perTruck = (def.temporal?.cadenceSeconds ? 300 / def.temporal.cadenceSeconds : 1) || 1;
        rows.forEach((r, k) => {
          cll[2 * k] = c.lon[r]!;
          cll[2 * k + 1] = c.lat[r]!;
          radius[k] = Math.min(450, 60 * Math.sqrt(c.n[r]! / perTruck));
        });
        const colors = new Uint8Array(4 * count);
        const fallback =
          def.style.color.kind === 'category' ? def.style.color.fallback : [200, 200, 200, 255];
        for (let k = 0; k < count; k++) colors.set([fallback[0]!, fallback[1]!, fallback[2]!, 200], 4 * k);
        layers.push(
          new ScatterplotLayer({
            ...base,
            id: `${def.id}-cells`,
            data: {
              length: count,
              attributes: {
                getPosition: { value: toLocalPositions(frame, cll), size: 3 },
                getFillColor: { value: colors, size: 4, normalized: true },
                getRadius: { value: radius, size: 1 },
              },
            },
            billboard: false,
            radiusUnits: 'meters',
            radiusMinPixels: 2,
            opacity,
            pickable: false,
            parameters: GROUND_PARAMETERS,
          }),
        );
        setDrawnLayer(def.id, null);
      }
      overlay.setLayers(def.id, layers);
      setLayerStatus(def.id, {
        state: 'ready',
        rows: count,
        truncated,
        aggregated: 'cells' in shown,
      });
    };
    let tfCache = createTrackFrame(0);
    const createTrackFrameCached = (n: number) => {
      if (tfCache.present.length !== n) tfCache = createTrackFrame(n);
      return tfCache;
    };
    const off = clock.subscribe((s) => timedStep(`draw ${def.id}`, () => draw(s.time)));
    draw(clock.get().time);
    const w = window as unknown as { __twin?: Record<string, unknown> };
    w.__twin = { ...(w.__twin ?? {}), [`fetchAhead:${def.id}`]: fa };
    return () => {
      off();
      fa.dispose();
    };
  }, [overlay, def, key, model, opacity, interpolate]);

  useEffect(() => {
    if (register.error) setLayerStatus(def.id, { state: 'error', message: register.error });
  }, [register.error, def.id]);
  useLayerOwnership(overlay, def.id);
  return null;
}

function headsAsPoints(
  def: LayerDefinition,
  positions: Float32Array,
  colors: Uint8Array,
  count: number,
  opacity: number,
): Layer {
  return new ScatterplotLayer({
    ...base,
    id: `${def.id}-heads`,
    data: {
      length: count,
      attributes: {
        getPosition: { value: positions, size: 3 },
        getFillColor: { value: colors, size: 4, normalized: true },
      },
    },
    billboard: true,
    radiusUnits: 'meters',
    getRadius: def.style.radiusMeters ?? 12,
    radiusMinPixels: def.style.radiusMinPixels ?? 3,
    opacity,
    pickable: true,
    parameters: { depthCompare: 'less-equal' },
  });
}
