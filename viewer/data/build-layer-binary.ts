import type { Table } from 'apache-arrow';
import type { LayerDefinition, StyleSpec } from '../../layers';
import { type ColorInput, categoryKeys, computeColors, gatherRgba } from '../overlay/color-rule';
import { type LocalFrame, toLocalPositions } from '../overlay/local-frame';
import {
  type CoordList,
  hashStrings,
  type RingList,
  readCategories,
  readNumbers,
  readPaths,
  readRings,
  readSeconds,
} from './arrow-columns';
import { type BinaryFills, polygonGeometry, withColors } from './polygon-fills';
import { memoByTable } from './table-memo';

/** The Arrow tables one layer is drawn from at one moment. */
export interface LayerTables {
  /** The static feature table (`/features`). */
  features: Table | null;
  /** Latest reading per feature at the clock time (`/readings?at=`), for temporal layers. */
  readings: Table | null;
  /** Raw readings over the trail window (`/readings?from=&to=`), for `trips`. */
  trail: Table | null;
  /** Start of the trail window (ms since epoch); trip timestamps are seconds after it. */
  trailFromMs: number;
}

/** Flat paths for deck.gl binary path/trip/polygon layers: xyz per vertex, one start index per path. */
export interface BinaryPaths {
  length: number;
  startIndices: Uint32Array;
  positions: Float32Array;
  /** RGBA per vertex (deck.gl binary path attributes are per vertex). */
  colors: Uint8Array;
  /** Seconds after `trailFromMs` per vertex (trips only). */
  timestamps?: Float32Array;
  /** Source row per path (for picking). */
  rowOf: Uint32Array;
}

/** Everything deck.gl needs to draw one layer, as typed arrays; `source` tells which table rows refer to. */
export interface LayerBinary {
  source: 'features' | 'readings';
  /** Points (positions xyz), one per drawn item: points, cells, columns, truck heads. */
  points?: {
    length: number;
    positions: Float32Array;
    colors: Uint8Array;
    weights: Float32Array;
    rowOf: Uint32Array;
  };
  paths?: BinaryPaths;
  /** Polygon fills: one part per exterior ring with its holes, and their triangles (`indices`). */
  polygons?: BinaryFills;
  outlines?: BinaryPaths;
  trips?: BinaryPaths;
  /** For each row of `readings`: the matching feature row, or -1. */
  featureOfReading?: Int32Array;
}

/** The feature row of each id hash (FNV of the utf8 id), built once per features table; null without ids. */
export function featureIndex(def: LayerDefinition, features: Table): Map<number, number> | null {
  return memoByTable(features, `id-index:${def.idColumn}`, null, () => {
    const fh = hashStrings(features, def.idColumn);
    if (!fh) return null;
    const m = new Map<number, number>();
    for (let i = 0; i < fh.length; i++) m.set(fh[i]!, i);
    return m;
  });
}

/** Joins readings to features by key (FNV hash of the utf8 bytes): feature row per reading row, or -1. */
export function joinReadings(def: LayerDefinition, features: Table | null, readings: Table): Int32Array {
  const out = new Int32Array(readings.numRows).fill(-1);
  if (!features || !def.temporal) return out;
  // the features' index is built once per features table (readings change every clock step, features do not)
  const index = featureIndex(def, features);
  const rh = hashStrings(readings, def.temporal.key);
  if (!index || !rh) return out;
  for (let i = 0; i < rh.length; i++) out[i] = index.get(rh[i]!) ?? -1;
  return out;
}

/** What a style's colour rule reads from a table: category codes or numbers of its `by` column (null: constant). */
export function colorInput(style: StyleSpec, table: Table | null): ColorInput {
  const rule = style.color;
  if (rule.kind === 'constant' || !table) return null;
  if (rule.kind === 'category') {
    const codes = readCategories(table, rule.by, categoryKeys(rule));
    return codes ? { codes } : null;
  }
  const numbers = readNumbers(table, rule.by);
  return numbers ? { numbers } : null;
}

/** For a colour/size column that lives in readings: per feature row, the value of its latest reading. */
function perFeature(
  values: Float64Array | Int16Array,
  featureOf: Int32Array,
  features: number,
  empty: number,
) {
  const out = values instanceof Int16Array ? new Int16Array(features) : new Float64Array(features);
  out.fill(empty);
  for (let r = 0; r < featureOf.length; r++) if (featureOf[r]! >= 0) out[featureOf[r]!] = values[r]!;
  return out;
}

function featureColorInput(style: StyleSpec, t: LayerTables, featureOf: Int32Array | undefined): ColorInput {
  const rule = style.color;
  if (rule.kind === 'constant' || !t.features) return null;
  if (t.features.getChild(rule.by) || !t.readings || !featureOf) return colorInput(style, t.features);
  const inReadings = colorInput(style, t.readings);
  if (!inReadings) return null;
  const n = t.features.numRows;
  return 'codes' in inReadings
    ? { codes: perFeature(inReadings.codes, featureOf, n, -2) as Int16Array }
    : { numbers: perFeature(inReadings.numbers, featureOf, n, Number.NaN) as Float64Array };
}

function buildPoints(t: Table, style: StyleSpec, frame: LocalFrame, keep: (row: number) => boolean) {
  const lon = readNumbers(t, 'lon');
  const lat = readNumbers(t, 'lat');
  if (!lon || !lat) return undefined;
  const rows: number[] = [];
  for (let i = 0; i < t.numRows; i++) if (keep(i) && !Number.isNaN(lon[i]!)) rows.push(i);
  const rowOf = Uint32Array.from(rows);
  const ll = new Float64Array(rowOf.length * 2);
  for (let k = 0; k < rowOf.length; k++) {
    ll[2 * k] = lon[rowOf[k]!]!;
    ll[2 * k + 1] = lat[rowOf[k]!]!;
  }
  const all = computeColors(style.color, t.numRows, colorInput(style, t));
  const colors = gatherRgba(all, rowOf);
  const size = style.sizeBy ? readNumbers(t, style.sizeBy) : null;
  const weights = new Float32Array(rowOf.length);
  for (let k = 0; k < rowOf.length; k++) weights[k] = size ? Math.max(0, size[rowOf[k]!]! || 0) : 1;
  return { length: rowOf.length, positions: toLocalPositions(frame, ll), colors, weights, rowOf };
}

/** Path geometry of a feature table in the local frame (no colours), computed once per table and frame. */
function featurePathGeometry(
  t: Table,
  frame: LocalFrame,
  rings: boolean,
  exteriorOnly: boolean,
): Omit<BinaryPaths, 'colors'> | undefined {
  return memoByTable(t, `paths:${rings}:${exteriorOnly}`, frame, () => {
    const list: CoordList | RingList | null = rings ? readRings(t, 'rings') : readPaths(t, 'path');
    if (!list) return undefined;
    const pathCount = list.starts.length - 1;
    const ringList = 'ringRow' in list ? (list as RingList) : null;
    const rowOfAll: Uint32Array = ringList
      ? ringList.ringRow
      : Uint32Array.from({ length: pathCount }, (_, i) => i);
    const chosen: number[] = [];
    for (let p = 0; p < pathCount; p++) {
      if (exteriorOnly && ringList && !ringList.exterior[p]) continue;
      if (list.starts[p + 1]! - list.starts[p]! < 2) continue;
      chosen.push(p);
    }
    const startIndices = new Uint32Array(chosen.length + 1);
    let total = 0;
    for (let k = 0; k < chosen.length; k++) {
      startIndices[k] = total;
      total += list.starts[chosen[k]! + 1]! - list.starts[chosen[k]!]!;
    }
    startIndices[chosen.length] = total;
    const ll = new Float64Array(total * 2);
    const rowOf = new Uint32Array(chosen.length);
    for (let k = 0; k < chosen.length; k++) {
      const p = chosen[k]!;
      ll.set(list.coords.subarray(2 * list.starts[p]!, 2 * list.starts[p + 1]!), 2 * startIndices[k]!);
      rowOf[k] = rowOfAll[p]!;
    }
    return { length: chosen.length, startIndices, positions: toLocalPositions(frame, ll), rowOf };
  });
}

function buildFeaturePaths(
  t: Table,
  colors: Uint8Array,
  frame: LocalFrame,
  rings: boolean,
  exteriorOnly: boolean,
): BinaryPaths | undefined {
  const g = featurePathGeometry(t, frame, rings, exteriorOnly);
  return g && withColors(g, colors);
}

function buildTrips(
  def: LayerDefinition,
  t: LayerTables,
  frame: LocalFrame,
  keepReading: (row: number) => boolean,
) {
  const trail = t.trail;
  if (!trail || !def.temporal) return undefined;
  const keys = hashStrings(trail, def.temporal.key);
  const secs = readSeconds(trail, def.temporal.time, t.trailFromMs);
  const lon = readNumbers(trail, 'lon');
  const lat = readNumbers(trail, 'lat');
  if (!keys || !secs || !lon || !lat) return undefined;
  // kept rows in order, a path per run of one key
  const rows = new Uint32Array(trail.numRows);
  const starts = new Uint32Array(trail.numRows + 1);
  let m = 0;
  let paths = 0;
  for (let i = 0; i < trail.numRows; i++) {
    if (!keepReading(i)) continue;
    if (m === 0 || keys[i] !== keys[rows[m - 1]!]) starts[paths++] = m;
    rows[m++] = i;
  }
  starts[paths] = m;
  const kept = rows.subarray(0, m);
  const ll = new Float64Array(m * 2);
  const timestamps = new Float32Array(m);
  for (let k = 0; k < m; k++) {
    const r = kept[k]!;
    ll[2 * k] = lon[r]!;
    ll[2 * k + 1] = lat[r]!;
    timestamps[k] = secs[r]!;
  }
  const rowColors = computeColors(def.style.color, trail.numRows, colorInput(def.style, trail));
  const rowOf = new Uint32Array(paths);
  for (let p = 0; p < paths; p++) rowOf[p] = kept[starts[p]!]!;
  return {
    length: paths,
    startIndices: starts.slice(0, paths + 1),
    positions: toLocalPositions(frame, ll),
    colors: gatherRgba(rowColors, kept),
    timestamps,
    rowOf,
  };
}

/**
 * Builds the binary attributes of one layer from its Arrow tables: points from the readings (temporal
 * points/cells) or features, paths and polygon rings from features coloured by their latest reading, and
 * trips grouped by key from the trail window. `featureFiltered` drops readings with no matching feature
 * (the feature table was filtered on the server).
 */
export function buildLayerBinary(
  def: LayerDefinition,
  style: StyleSpec,
  t: LayerTables,
  frame: LocalFrame,
  featureFiltered: boolean,
): LayerBinary {
  const featureOf = t.readings ? joinReadings(def, t.features, t.readings) : undefined;
  const keepReading = (r: number) => !featureFiltered || !featureOf || featureOf[r]! >= 0;
  const all = () => true;
  const out: LayerBinary = { source: 'features', featureOfReading: featureOf };
  if (def.geometry === 'point' || def.geometry === 'cell') {
    const fromReadings = !!(t.readings && def.temporal);
    out.source = fromReadings ? 'readings' : 'features';
    const table = fromReadings ? t.readings : t.features;
    if (table) out.points = buildPoints(table, style, frame, fromReadings ? keepReading : all);
    if (style.kind === 'trips') {
      const trailKeep = featureFiltered && t.trail ? tripKeep(def, t) : all;
      out.trips = buildTrips(def, t, frame, trailKeep);
    }
    return out;
  }
  if (!t.features) return out;
  const n = t.features.numRows;
  const stroked = def.geometry === 'polygon' && style.widthMinPixels !== undefined;
  const colors = computeColors(style.color, n, featureColorInput(style, t, featureOf));
  if (def.geometry === 'line') {
    out.paths = buildFeaturePaths(t.features, colors, frame, false, false);
  } else {
    const fillColors = stroked
      ? computeColors(style.color, n, featureColorInput(style, t, featureOf), 0.25)
      : colors;
    const features = t.features;
    const fills = memoByTable(features, 'fills', frame, () => {
      const rings = readRings(features, 'rings');
      return rings ? polygonGeometry(rings, frame, all) : undefined;
    });
    if (fills) out.polygons = withColors(fills, fillColors);
    if (stroked) out.outlines = buildFeaturePaths(features, colors, frame, true, false);
  }
  return out;
}

function tripKeep(def: LayerDefinition, t: LayerTables): (row: number) => boolean {
  const j = joinReadings(def, t.features, t.trail!);
  return (r) => j[r]! >= 0;
}
