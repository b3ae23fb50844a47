/** WGS84 semi-major axis in metres. */
export const WGS84_A = 6378137;
/** WGS84 first eccentricity squared. */
export const WGS84_E2 = 6.69437999014e-3;

/** A 4×4 matrix in column-major order, as glTF and 3D Tiles store them. */
export type Mat4 = number[];

/** Converts degrees to radians. */
export function toRadians(deg: number): number {
  return (deg * Math.PI) / 180;
}

/** Converts WGS84 longitude/latitude (degrees) and ellipsoidal height (metres) to ECEF metres. */
export function toEcef(lon: number, lat: number, h: number): [number, number, number] {
  const lam = toRadians(lon);
  const phi = toRadians(lat);
  const sinPhi = Math.sin(phi);
  const cosPhi = Math.cos(phi);
  const n = WGS84_A / Math.sqrt(1 - WGS84_E2 * sinPhi * sinPhi);
  return [
    (n + h) * cosPhi * Math.cos(lam),
    (n + h) * cosPhi * Math.sin(lam),
    (n * (1 - WGS84_E2) + h) * sinPhi,
  ];
}

/** A local east-north-up frame: its origin in ECEF and unit axes, with a converter from lon/lat/height to ENU. */
export interface EnuFrame {
  origin: [number, number, number];
  east: [number, number, number];
  north: [number, number, number];
  up: [number, number, number];
}

/** Creates the east-north-up frame tangent to the ellipsoid at lon/lat (degrees) and height 0. */
export function createEnuFrame(lon: number, lat: number): EnuFrame {
  const lam = toRadians(lon);
  const phi = toRadians(lat);
  const sl = Math.sin(lam);
  const cl = Math.cos(lam);
  const sp = Math.sin(phi);
  const cp = Math.cos(phi);
  return {
    origin: toEcef(lon, lat, 0),
    east: [-sl, cl, 0],
    north: [-sp * cl, -sp * sl, cp],
    up: [cp * cl, cp * sl, sp],
  };
}

/** Projects a WGS84 position (degrees, metres) into the frame's east/north/up metres. */
export function projectToEnu(frame: EnuFrame, lon: number, lat: number, h: number): [number, number, number] {
  const p = toEcef(lon, lat, h);
  const dx = p[0] - frame.origin[0];
  const dy = p[1] - frame.origin[1];
  const dz = p[2] - frame.origin[2];
  const { east: e, north: n, up: u } = frame;
  return [
    e[0] * dx + e[1] * dy + e[2] * dz,
    n[0] * dx + n[1] * dy + n[2] * dz,
    u[0] * dx + u[1] * dy + u[2] * dz,
  ];
}

/** Returns the column-major matrix that maps ENU coordinates of the frame to ECEF. */
export function buildFrameMatrix(frame: EnuFrame): Mat4 {
  const { east: e, north: n, up: u, origin: o } = frame;
  return [e[0], e[1], e[2], 0, n[0], n[1], n[2], 0, u[0], u[1], u[2], 0, o[0], o[1], o[2], 1];
}

/** Multiplies two column-major 4×4 matrices (a · b). */
export function multiplyMatrices(a: Mat4, b: Mat4): Mat4 {
  const out: number[] = new Array(16).fill(0);
  for (let col = 0; col < 4; col++) {
    for (let row = 0; row < 4; row++) {
      let s = 0;
      for (let k = 0; k < 4; k++) s += (a[k * 4 + row] ?? 0) * (b[col * 4 + k] ?? 0);
      out[col * 4 + row] = s;
    }
  }
  return out;
}

/** Inverts a rigid transform (rotation + translation) given column-major. */
export function invertRigid(m: Mat4): Mat4 {
  const r = (row: number, col: number): number => m[col * 4 + row] ?? 0;
  const t = [r(0, 3), r(1, 3), r(2, 3)];
  const out: number[] = new Array(16).fill(0);
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) out[col * 4 + row] = r(col, row);
    out[12 + row] = -(r(0, row) * (t[0] ?? 0) + r(1, row) * (t[1] ?? 0) + r(2, row) * (t[2] ?? 0));
  }
  out[15] = 1;
  return out;
}

/** Applies a column-major 4×4 matrix to a point. */
export function transformPoint(m: Mat4, p: [number, number, number]): [number, number, number] {
  const x = p[0];
  const y = p[1];
  const z = p[2];
  const g = (i: number): number => m[i] ?? 0;
  return [
    g(0) * x + g(4) * y + g(8) * z + g(12),
    g(1) * x + g(5) * y + g(9) * z + g(13),
    g(2) * x + g(6) * y + g(10) * z + g(14),
  ];
}

/** Converts ECEF metres to WGS84 [lon, lat] in radians and ellipsoidal height in metres (iterative). */
export function fromEcef(x: number, y: number, z: number): [number, number, number] {
  const lon = Math.atan2(y, x);
  const p = Math.hypot(x, y);
  let lat = Math.atan2(z, p * (1 - WGS84_E2));
  let h = 0;
  for (let i = 0; i < 6; i++) {
    const s = Math.sin(lat);
    const n = WGS84_A / Math.sqrt(1 - WGS84_E2 * s * s);
    h = p / Math.cos(lat) - n;
    lat = Math.atan2(z, p * (1 - (WGS84_E2 * n) / (n + h)));
  }
  return [lon, lat, h];
}
