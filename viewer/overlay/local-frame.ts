/**
 * A local east-north-up (ENU) frame near the city. deck.gl draws in this frame (metres, z = local up) so that
 * Float32 positions stay small and extrusions point up; the CPU converts in Float64 from lon/lat through
 * WGS84 ECEF, so features far from the origin still sit on the curved ellipsoid (z < 0 by d²/2R).
 */

const WGS84_A = 6378137.0;
const WGS84_E2 = 6.69437999014e-3;
const DEG = Math.PI / 180;

/** The frame's origin and its rotation, precomputed. */
export interface LocalFrame {
  lon: number;
  lat: number;
  /** Origin in ECEF metres. */
  origin: [number, number, number];
  /** Rows of the ECEF → ENU rotation: east, north, up. */
  east: [number, number, number];
  north: [number, number, number];
  up: [number, number, number];
}

/** The Bund (外滩), looking across the Huangpu to Lujiazui: the viewer's default local origin. */
export const BUND = { lon: 121.4905, lat: 31.2397 } as const;

/** Converts geodetic lon/lat (degrees) and ellipsoid height (m) to WGS84 ECEF metres. */
export function lonLatToEcef(lon: number, lat: number, h = 0): [number, number, number] {
  const l = lon * DEG;
  const p = lat * DEG;
  const sp = Math.sin(p);
  const cp = Math.cos(p);
  const n = WGS84_A / Math.sqrt(1 - WGS84_E2 * sp * sp);
  return [(n + h) * cp * Math.cos(l), (n + h) * cp * Math.sin(l), (n * (1 - WGS84_E2) + h) * sp];
}

/** Builds the ENU frame tangent to the ellipsoid at lon/lat. */
export function createLocalFrame(lon: number, lat: number): LocalFrame {
  const l = lon * DEG;
  const p = lat * DEG;
  const sl = Math.sin(l);
  const cl = Math.cos(l);
  const sp = Math.sin(p);
  const cp = Math.cos(p);
  return {
    lon,
    lat,
    origin: lonLatToEcef(lon, lat, 0),
    east: [-sl, cl, 0],
    north: [-sp * cl, -sp * sl, cp],
    up: [cp * cl, cp * sl, sp],
  };
}

/** Converts one lon/lat/height to ENU metres of the frame (Float64). */
export function toLocal(frame: LocalFrame, lon: number, lat: number, h = 0): [number, number, number] {
  const [x, y, z] = lonLatToEcef(lon, lat, h);
  const dx = x - frame.origin[0];
  const dy = y - frame.origin[1];
  const dz = z - frame.origin[2];
  const { east: e, north: n, up: u } = frame;
  return [
    e[0] * dx + e[1] * dy + e[2] * dz,
    n[0] * dx + n[1] * dy + n[2] * dz,
    u[0] * dx + u[1] * dy + u[2] * dz,
  ];
}

/**
 * Converts interleaved lon/lat pairs (any numeric array, stride 2) to a Float32Array of xyz ENU metres.
 * `out` may be passed to reuse a buffer; heights default to 0 (the ground of the ellipsoid terrain).
 */
export function toLocalPositions(
  frame: LocalFrame,
  lonLat: ArrayLike<number>,
  out = new Float32Array((lonLat.length / 2) * 3),
  height = 0,
): Float32Array {
  const count = lonLat.length / 2;
  const { east: e, north: n, up: u, origin: o } = frame;
  for (let i = 0; i < count; i++) {
    const l = lonLat[2 * i]! * DEG;
    const p = lonLat[2 * i + 1]! * DEG;
    const sp = Math.sin(p);
    const cp = Math.cos(p);
    const nr = WGS84_A / Math.sqrt(1 - WGS84_E2 * sp * sp);
    const dx = (nr + height) * cp * Math.cos(l) - o[0];
    const dy = (nr + height) * cp * Math.sin(l) - o[1];
    const dz = (nr * (1 - WGS84_E2) + height) * sp - o[2];
    out[3 * i] = e[0] * dx + e[1] * dy;
    out[3 * i + 1] = n[0] * dx + n[1] * dy + n[2] * dz;
    out[3 * i + 2] = u[0] * dx + u[1] * dy + u[2] * dz;
  }
  return out;
}

/**
 * The 4×4 column-major matrix taking ENU metres of the frame to ECEF (the same as Cesium's
 * `Transforms.eastNorthUpToFixedFrame`), to be multiplied into the camera's view matrix in Float64.
 */
export function localToEcefMatrix(frame: LocalFrame): number[] {
  const { east: e, north: n, up: u, origin: o } = frame;
  return [e[0], e[1], e[2], 0, n[0], n[1], n[2], 0, u[0], u[1], u[2], 0, o[0], o[1], o[2], 1];
}
