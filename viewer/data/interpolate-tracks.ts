/**
 * Positions and headings of moving features (trucks, teams, boats) at any time t, interpolated between their
 * samples. Framework-free and allocation-free per frame: build `Tracks` once per fetched window
 * (`tracksFromColumns`), then call `interpolateTracks(tracks, t, out)` on every animation frame with a reused
 * `TrackFrame`. Used by the viewer's moving layers and by scenario replay.
 *
 * Rules (the same as the server's `at=` instant, so a paused clock shows what `at=` would):
 * - a track is present at t when it has a sample with `ts ≤ t` no older than `maxAgeMs`;
 * - between two samples no more than `maxGapMs` apart the position is linear in lon/lat (samples are metres
 *   apart, so the error against a geodesic is far below a pixel) and the heading turns along the shorter arc;
 * - across a longer gap (the feature stopped reporting) it holds the last sample.
 */

/** Samples of many tracks, grouped by track and ascending in time within each track. */
export interface Tracks {
  /** Number of tracks. */
  count: number;
  /** First sample index of each track; `starts[count]` = number of samples. */
  starts: Uint32Array;
  /** Sample times, ms since epoch. */
  times: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  /** Reported heading per sample (degrees clockwise from north), or null to derive it from the motion. */
  heading: Float64Array | null;
  /** The source row of each sample (e.g. the Arrow row), for picking and colours. */
  row: Uint32Array;
}

/** Where every track is at one instant; reused from frame to frame. */
export interface TrackFrame {
  /** 1 when the track is present at t, else 0. */
  present: Uint8Array;
  lon: Float64Array;
  lat: Float64Array;
  /** Degrees clockwise from north, in [0, 360). */
  heading: Float64Array;
  /** The source row of the sample at or before t (for colours and picking). */
  row: Int32Array;
}

/** Options of `interpolateTracks`. */
export interface InterpolateOptions {
  /** A track older than this at t is absent (default 1 h, the server's `at=` default). */
  maxAgeMs?: number;
  /** Samples further apart than this are not interpolated: the last one is held (default 60 s). */
  maxGapMs?: number;
  /** False holds every track at its last sample (features jump from sample to sample); default true. */
  interpolate?: boolean;
}

/**
 * Groups column arrays (rows ordered by key, then time, as the server's range readings are) into Tracks.
 * `keys[i]` identifies the track of row i (e.g. an FNV hash of the id); rows with a NaN time or position are
 * skipped. Rows of one key must be consecutive; out-of-order times within a track are sorted.
 */
export function tracksFromColumns(cols: {
  keys: ArrayLike<number>;
  timesMs: ArrayLike<number>;
  lon: ArrayLike<number>;
  lat: ArrayLike<number>;
  heading?: ArrayLike<number> | null;
}): Tracks {
  const n = cols.keys.length;
  const rows: number[] = [];
  const starts: number[] = [];
  let lastKey = Number.NaN;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(cols.timesMs[i]!) || Number.isNaN(cols.lon[i]!) || Number.isNaN(cols.lat[i]!)) continue;
    if (rows.length === 0 || cols.keys[i] !== lastKey) starts.push(rows.length);
    lastKey = cols.keys[i]!;
    rows.push(i);
  }
  starts.push(rows.length);
  // Sort each track's rows by time (the server already orders them; this keeps the invariant for any source).
  for (let k = 0; k + 1 < starts.length; k++) {
    const seg = rows.slice(starts[k], starts[k + 1]);
    let sorted = true;
    for (let j = 1; j < seg.length; j++)
      if (cols.timesMs[seg[j]!]! < cols.timesMs[seg[j - 1]!]!) sorted = false;
    if (!sorted) {
      seg.sort((a, b) => cols.timesMs[a]! - cols.timesMs[b]!);
      for (let j = 0; j < seg.length; j++) rows[starts[k]! + j] = seg[j]!;
    }
  }
  const m = rows.length;
  const t: Tracks = {
    count: starts.length - 1,
    starts: Uint32Array.from(starts),
    times: new Float64Array(m),
    lon: new Float64Array(m),
    lat: new Float64Array(m),
    heading: cols.heading ? new Float64Array(m) : null,
    row: Uint32Array.from(rows),
  };
  for (let j = 0; j < m; j++) {
    const r = rows[j]!;
    t.times[j] = cols.timesMs[r]!;
    t.lon[j] = cols.lon[r]!;
    t.lat[j] = cols.lat[r]!;
    if (t.heading && cols.heading) t.heading[j] = cols.heading[r]!;
  }
  return t;
}

/** A TrackFrame sized for `count` tracks. */
export function createTrackFrame(count: number): TrackFrame {
  return {
    present: new Uint8Array(count),
    lon: new Float64Array(count),
    lat: new Float64Array(count),
    heading: new Float64Array(count),
    row: new Int32Array(count).fill(-1),
  };
}

/** Index of the last sample in [a, b) with time ≤ t, or a − 1 when none. */
function lastAtOrBefore(times: Float64Array, a: number, b: number, t: number): number {
  let lo = a;
  let hi = b;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

const DEG = Math.PI / 180;

/** Initial great-circle bearing from (lon1, lat1) to (lon2, lat2), degrees clockwise from north in [0, 360). */
export function bearingDeg(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const p1 = lat1 * DEG;
  const p2 = lat2 * DEG;
  const dl = (lon2 - lon1) * DEG;
  const y = Math.sin(dl) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
  return normalizeDeg(Math.atan2(y, x) / DEG);
}

/** An angle in degrees brought into [0, 360). */
export function normalizeDeg(a: number): number {
  const r = a % 360;
  return r < 0 ? r + 360 : r;
}

/** Interpolates from heading a to heading b (degrees) by fraction f along the shorter arc. */
export function lerpHeading(a: number, b: number, f: number): number {
  let d = normalizeDeg(b - a);
  if (d > 180) d -= 360;
  return normalizeDeg(a + d * f);
}

/**
 * Writes every track's position and heading at time `t` (ms) into `out` (see the module rules). Without
 * reported headings, the heading is the bearing of the segment being travelled (or of the last segment when
 * holding); a track with a single sample faces north.
 */
export function interpolateTracks(
  tracks: Tracks,
  t: number,
  out: TrackFrame,
  options: InterpolateOptions = {},
): TrackFrame {
  const maxAge = options.maxAgeMs ?? 3_600_000;
  const maxGap = options.maxGapMs ?? 60_000;
  const lerp = options.interpolate ?? true;
  const { starts, times, lon, lat, heading } = tracks;
  for (let k = 0; k < tracks.count; k++) {
    const a = starts[k]!;
    const b = starts[k + 1]!;
    const i = lastAtOrBefore(times, a, b, t);
    if (i < a || t - times[i]! > maxAge) {
      out.present[k] = 0;
      out.row[k] = -1;
      continue;
    }
    out.present[k] = 1;
    out.row[k] = tracks.row[i]!;
    const j = i + 1;
    const moving = lerp && j < b && times[j]! - times[i]! <= maxGap && times[j]! > times[i]!;
    if (moving) {
      const f = (t - times[i]!) / (times[j]! - times[i]!);
      out.lon[k] = lon[i]! + (lon[j]! - lon[i]!) * f;
      out.lat[k] = lat[i]! + (lat[j]! - lat[i]!) * f;
      out.heading[k] = heading
        ? lerpHeading(heading[i]!, heading[j]!, f)
        : segmentBearing(lon, lat, i, j, a, b);
    } else {
      out.lon[k] = lon[i]!;
      out.lat[k] = lat[i]!;
      out.heading[k] = heading
        ? normalizeDeg(heading[i]!)
        : i > a
          ? segmentBearing(lon, lat, i - 1, i, a, b)
          : 0;
    }
  }
  return out;
}

/** Bearing of segment i→j; when the feature did not move over it, the nearest earlier moving segment's. */
function segmentBearing(lon: Float64Array, lat: Float64Array, i: number, j: number, a: number, _b: number) {
  let p = i;
  let q = j;
  while (p >= a && lon[p] === lon[q] && lat[p] === lat[q]) {
    p--;
    q--;
  }
  return p >= a ? bearingDeg(lon[p]!, lat[p]!, lon[q]!, lat[q]!) : 0;
}
