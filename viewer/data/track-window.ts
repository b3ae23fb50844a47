import type { Table } from 'apache-arrow';
import type { LayerDefinition } from '../../layers';
import { computeColors, gatherRgba } from '../overlay/color-rule';
import type { LocalFrame } from '../overlay/local-frame';
import { toLocalPositions } from '../overlay/local-frame';
import { hashStrings, readNumbers } from './arrow-columns';
import { type BinaryPaths, colorInput, featureIndex } from './build-layer-binary';
import { type Tracks, tracksFromColumns } from './interpolate-tracks';

/** One fetched window of a moving layer, ready to draw at any t inside it. */
export interface TrackWindow {
  /** Raw readings of the window (rows ordered by key, time). */
  table: Table;
  tracks: Tracks;
  /** Trails for deck.gl's TripsLayer: timestamps in seconds after `trailFromMs`. */
  trips: BinaryPaths | undefined;
  trailFromMs: number;
  /** RGBA per reading row (the layer's colour rule on that reading). */
  rowColors: Uint8Array;
  /** Feature-register row per reading row (-1 when none), for the inspector. */
  featureOfReading: Int32Array;
  truncated: boolean;
}

/**
 * Builds a TrackWindow from a raw readings table (`from`/`to`) of a moving layer: tracks for interpolation
 * (reported `heading_deg` when the table has it), trails, and per-row colours.
 */
export function buildTrackWindow(
  def: LayerDefinition,
  table: Table,
  features: Table | null,
  trailFromMs: number,
  frame: LocalFrame,
  truncated: boolean,
): TrackWindow | null {
  const phases = trackWindowPhases(def, table, features, trailFromMs, frame, truncated);
  let r = phases.next();
  while (!r.done) r = phases.next();
  return r.value;
}

/**
 * `buildTrackWindow` in three tasks (tracks, trails, the join to the register), yielding to the browser between
 * them through `pause`: a window of a few hundred trucks over five minutes is some 20k readings, and built in one
 * go it was the longest task of ours while playing. `measure` wraps each phase (step timing).
 */
export async function buildTrackWindowInTasks(
  def: LayerDefinition,
  table: Table,
  features: Table | null,
  trailFromMs: number,
  frame: LocalFrame,
  truncated: boolean,
  pause: () => Promise<void>,
  measure: <T>(phase: number, run: () => T) => T = (_, run) => run(),
): Promise<TrackWindow | null> {
  const phases = trackWindowPhases(def, table, features, trailFromMs, frame, truncated);
  for (let phase = 1; ; phase++) {
    const r = measure(phase, () => phases.next());
    if (r.done) return r.value;
    await pause();
  }
}

function* trackWindowPhases(
  def: LayerDefinition,
  table: Table,
  features: Table | null,
  trailFromMs: number,
  frame: LocalFrame,
  truncated: boolean,
): Generator<void, TrackWindow | null, void> {
  const temporal = def.temporal;
  if (!temporal) return null;
  const keys = hashStrings(table, temporal.key);
  const us = readNumbers(table, temporal.time);
  const lon = readNumbers(table, 'lon');
  const lat = readNumbers(table, 'lat');
  if (!keys || !us || !lon || !lat) return null;
  const timesMs = new Float64Array(us.length);
  for (let i = 0; i < us.length; i++) timesMs[i] = us[i]! / 1000;
  const tracks = tracksFromColumns({ keys, timesMs, lon, lat, heading: readNumbers(table, 'heading_deg') });
  yield;
  const rowColors = computeColors(def.style.color, table.numRows, colorInput(def.style, table));
  const trips = tripsOfTracks(tracks, rowColors, trailFromMs, frame);
  yield;
  return {
    table,
    tracks,
    trips,
    trailFromMs,
    rowColors,
    featureOfReading: featureOfTrackRows(def, features, tracks, keys, table.numRows),
    truncated,
  };
}

/**
 * Trails for deck.gl's TripsLayer from the tracks: a path per track through its samples in time order, timestamps
 * in seconds after `trailFromMs`, each vertex in the colour of its reading.
 */
function tripsOfTracks(
  tracks: Tracks,
  rowColors: Uint8Array,
  trailFromMs: number,
  frame: LocalFrame,
): BinaryPaths {
  const m = tracks.starts[tracks.count]!;
  const ll = new Float64Array(2 * m);
  const timestamps = new Float32Array(m);
  for (let j = 0; j < m; j++) {
    ll[2 * j] = tracks.lon[j]!;
    ll[2 * j + 1] = tracks.lat[j]!;
    timestamps[j] = (tracks.times[j]! - trailFromMs) / 1000;
  }
  const rowOf = new Uint32Array(tracks.count);
  for (let k = 0; k < tracks.count; k++) rowOf[k] = tracks.row[tracks.starts[k]!]!;
  return {
    length: tracks.count,
    startIndices: tracks.starts,
    positions: toLocalPositions(frame, ll),
    colors: gatherRgba(rowColors, tracks.row),
    timestamps,
    rowOf,
  };
}

/**
 * The register row of each reading row that lies on a track (-1 otherwise): one lookup per track, as all
 * samples of a track share its key.
 */
function featureOfTrackRows(
  def: LayerDefinition,
  features: Table | null,
  tracks: Tracks,
  keys: Uint32Array,
  rows: number,
): Int32Array {
  const out = new Int32Array(rows).fill(-1);
  const index = features ? featureIndex(def, features) : null;
  if (!index) return out;
  for (let k = 0; k < tracks.count; k++) {
    const a = tracks.starts[k]!;
    const b = tracks.starts[k + 1]!;
    const f = index.get(keys[tracks.row[a]!]!) ?? -1;
    for (let j = a; j < b; j++) out[tracks.row[j]!] = f;
  }
  return out;
}

/** City-zoom aggregate of a moving layer: grid-cell buckets (`bucket=5m&grid=…`) of one window. */
export interface CellWindow {
  table: Table;
  /** Bucket start (ms) per row. */
  bucketMs: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  /** Readings per cell and bucket. */
  n: Float64Array;
  truncated: boolean;
}

/** Reads a grid-bucket table of a moving layer into a CellWindow. */
export function buildCellWindow(table: Table, truncated: boolean): CellWindow | null {
  const us = readNumbers(table, 'bucket_start');
  const lon = readNumbers(table, 'lon');
  const lat = readNumbers(table, 'lat');
  const n = readNumbers(table, 'n');
  if (!us || !lon || !lat || !n) return null;
  const bucketMs = new Float64Array(us.length);
  for (let i = 0; i < us.length; i++) bucketMs[i] = us[i]! / 1000;
  return { table, bucketMs, lon, lat, n, truncated };
}
