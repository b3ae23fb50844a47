import * as turf from '@turf/turf';
import type { Crs } from '../crs/gcj02';
import { type PolygonGeometry, polygonColumns } from '../geo/geometry-row';
import { createRingsTester, pointInFeature } from '../geo/point-in-polygon';
import { orientPolygon, type Position } from '../geo/rings';
import { readGeoJsonFeatures, stringProp } from './read-geojson';

/** English names of Shanghai's (pre-2015) districts. */
export const DISTRICT_NAMES_EN: Readonly<Record<string, string>> = {
  黄浦区: 'Huangpu',
  卢湾区: 'Luwan',
  徐汇区: 'Xuhui',
  长宁区: 'Changning',
  静安区: "Jing'an",
  普陀区: 'Putuo',
  闸北区: 'Zhabei',
  虹口区: 'Hongkou',
  杨浦区: 'Yangpu',
  闵行区: 'Minhang',
  宝山区: 'Baoshan',
  嘉定区: 'Jiading',
  浦东新区: 'Pudong New Area',
  金山区: 'Jinshan',
  松江区: 'Songjiang',
  青浦区: 'Qingpu',
  奉贤区: 'Fengxian',
  崇明县: 'Chongming County',
};

/** A district row, matching the `districts` layer columns (before `hkey`), plus its polygons for lookups. */
export interface DistrictRow extends PolygonGeometry {
  code: string;
  name: string;
  name_en: string;
  area_km2: number;
  polygons: Position[][][];
}

/** Loads district polygons (`NAME`, `ADMINCODE`), adding English names and areas; sorted by code. */
export function loadDistricts(path: string, crs: Crs = 'wgs84'): DistrictRow[] {
  const rows: DistrictRow[] = [];
  for (const f of readGeoJsonFeatures(path, crs)) {
    const g = f.geometry;
    const polygons = (
      g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : []
    ).map((p) => orientPolygon(p));
    if (polygons.length === 0) continue;
    const name = stringProp(f.properties, 'NAME') ?? '';
    rows.push({
      code: stringProp(f.properties, 'ADMINCODE') ?? String(f.properties.ADMINCODE ?? ''),
      name,
      name_en: DISTRICT_NAMES_EN[name] ?? name,
      area_km2: turf.area(turf.multiPolygon(polygons)) / 1e6,
      ...polygonColumns(polygons),
      polygons,
    });
  }
  return rows.sort((a, b) => a.code.localeCompare(b.code));
}

/** Returns a function naming the district containing a point ('' when none; nearest-bbox fallback is not tried). */
export function createDistrictLookup(districts: DistrictRow[]): (lon: number, lat: number) => string {
  return (lon, lat) => {
    for (const d of districts) if (pointInFeature(lon, lat, d)) return d.name;
    return '';
  };
}

/**
 * Returns a function giving the code of the district containing a point (null when none), by the rule the server
 * applies to `district=` (even-odd over all the district's rings, boundary points inside); districts are tried in
 * code order. Also counts points that more than one district claims (on a shared boundary), which a stored code
 * cannot answer exactly: `ambiguous()`.
 */
export function createDistrictCodeLookup(districts: DistrictRow[]): {
  codeOf: (lon: number, lat: number) => string | null;
  ambiguous: () => number;
} {
  const testers = districts.map((d) => ({
    d,
    inside: createRingsTester(d.polygons.flat()),
  }));
  let ambiguous = 0;
  return {
    codeOf: (lon, lat) => {
      let code: string | null = null;
      for (const { d, inside } of testers) {
        if (lon < d.xmin || lon > d.xmax || lat < d.ymin || lat > d.ymax || !inside(lon, lat)) continue;
        if (code === null) code = d.code;
        else ambiguous++;
      }
      return code;
    },
    ambiguous: () => ambiguous,
  };
}
