import type { Table } from 'apache-arrow';
import type { LayerDefinition } from '../../layers';
import type { LocalFrame } from '../overlay/local-frame';
import { hashStrings, readNumbers } from './arrow-columns';
import { type BinaryPaths, buildLayerBinary, joinReadings } from './build-layer-binary';
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
  const b = buildLayerBinary(
    def,
    def.style,
    { features: null, readings: null, trail: table, trailFromMs },
    frame,
    false,
  );
  yield;
  // buildTrips keeps every row in order, so trail vertex k is reading row k.
  const rowColors = b.trips?.colors ?? new Uint8Array(table.numRows * 4);
  return {
    table,
    tracks,
    trips: b.trips,
    trailFromMs,
    rowColors,
    featureOfReading: joinReadings(def, features, table),
    truncated,
  };
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
