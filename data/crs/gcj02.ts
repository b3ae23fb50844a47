/**
 * WGS84 ↔ GCJ-02 ("Mars coordinates", the datum Chinese web maps publish in). The forward transform is the
 * widely published one (eviltransform / coordtransform); the inverse iterates the forward transform until the
 * round trip is below 1e-9°. Points outside China's rough bounding box are returned unchanged, as there.
 */

const A = 6378245.0;
const EE = 0.006693421622965943;

/** The coordinate reference systems an importer accepts. */
export type Crs = 'wgs84' | 'gcj02';

/** True when a point lies outside the box where GCJ-02 applies (it is then identical to WGS84). */
export function isOutsideChina(lon: number, lat: number): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function transformLon(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** Returns the GCJ-02 offset [dLon, dLat] in degrees at a WGS84 point. */
function offsetAt(lon: number, lat: number): [number, number] {
  let dLat = transformLat(lon - 105.0, lat - 35.0);
  let dLon = transformLon(lon - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLon = (dLon * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [dLon, dLat];
}

/** Converts a WGS84 [lon, lat] to GCJ-02. */
export function wgs84ToGcj02(lon: number, lat: number): [number, number] {
  if (isOutsideChina(lon, lat)) return [lon, lat];
  const [dLon, dLat] = offsetAt(lon, lat);
  return [lon + dLon, lat + dLat];
}

/** Converts a GCJ-02 [lon, lat] to WGS84 by fixed-point iteration of the forward transform (error < 1e-9°). */
export function gcj02ToWgs84(lon: number, lat: number): [number, number] {
  if (isOutsideChina(lon, lat)) return [lon, lat];
  let wLon = lon;
  let wLat = lat;
  for (let i = 0; i < 30; i++) {
    const [gLon, gLat] = wgs84ToGcj02(wLon, wLat);
    const eLon = gLon - lon;
    const eLat = gLat - lat;
    if (Math.abs(eLon) < 1e-10 && Math.abs(eLat) < 1e-10) break;
    wLon -= eLon;
    wLat -= eLat;
  }
  return [wLon, wLat];
}

/** Returns a function converting [lon, lat] in `crs` to WGS84 (identity for `wgs84`). */
export function toWgs84From(crs: Crs): (lon: number, lat: number) => [number, number] {
  return crs === 'gcj02' ? gcj02ToWgs84 : (lon, lat) => [lon, lat];
}

/** Parses a `--crs` flag value, throwing on anything but `wgs84` or `gcj02`. */
export function parseCrs(value: string | undefined): Crs {
  if (value === undefined || value === 'wgs84') return 'wgs84';
  if (value === 'gcj02') return 'gcj02';
  throw new Error(`unknown CRS "${value}" (expected wgs84 or gcj02)`);
}
