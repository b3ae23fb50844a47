import type { ColumnMap, GeometryKind } from './types';

const lonLat: ColumnMap = {
  lon: { type: 'float64', label: { 'zh-CN': '经度', en: 'Longitude' }, unit: '°' },
  lat: { type: 'float64', label: { 'zh-CN': '纬度', en: 'Latitude' }, unit: '°' },
};

const bbox: ColumnMap = {
  xmin: { type: 'float64', label: { 'zh-CN': '最小经度', en: 'West' }, unit: '°' },
  ymin: { type: 'float64', label: { 'zh-CN': '最小纬度', en: 'South' }, unit: '°' },
  xmax: { type: 'float64', label: { 'zh-CN': '最大经度', en: 'East' }, unit: '°' },
  ymax: { type: 'float64', label: { 'zh-CN': '最大纬度', en: 'North' }, unit: '°' },
};

/**
 * Space-filling-curve key for sorting/pruning: Morton (Z-order) interleave of lon/lat, each quantised to 16 bits
 * over the FIXED Shanghai extent 120.8–122.2 E, 30.6–31.95 N (lon bits even, lat bits odd), so keys agree across
 * tables, scales and builds. Written by data/geo/morton.ts (JS and the SQL macro `hkey(lon, lat)`).
 */
export const HKEY_COLUMN: ColumnMap = {
  hkey: { type: 'int64', label: { 'zh-CN': '空间排序键', en: 'Spatial sort key' } },
};

/** Name of the column holding the code of the district a fixed feature lies in (see `DISTRICT_CODE_COLUMN`). */
export const DISTRICT_CODE = 'district_code';

/**
 * The district a feature with a fixed position lies in (`districts.code`, e.g. `310101`; null outside every
 * district), assigned by the data build with the point-in-polygon rule of `district=` (even-odd, boundary points
 * inside) on the feature's `lon`/`lat`, so the server can answer `district=` by key instead of by geometry.
 */
export const DISTRICT_CODE_COLUMN: ColumnMap = {
  [DISTRICT_CODE]: {
    type: 'utf8',
    label: { 'zh-CN': '区划代码', en: 'District code' },
    nullable: true,
  },
};

/**
 * Returns the geometry columns every table of a geometry kind carries, appended after its attribute columns:
 * points get lon/lat; lines get path + bbox + representative lon/lat; polygons rings + bbox + lon/lat;
 * cells their centre and size. All get `hkey`.
 */
export function geometryColumns(kind: GeometryKind): ColumnMap {
  switch (kind) {
    case 'point':
      return { ...lonLat, ...HKEY_COLUMN };
    case 'line':
      return {
        path: { type: 'list<float64>', label: { 'zh-CN': '线坐标', en: 'Path' } },
        ...bbox,
        ...lonLat,
        ...HKEY_COLUMN,
      };
    case 'polygon':
      return {
        rings: { type: 'list<list<float64>>', label: { 'zh-CN': '面坐标', en: 'Rings' } },
        ...bbox,
        ...lonLat,
        ...HKEY_COLUMN,
      };
    case 'cell':
      return {
        cell_size_m: { type: 'float32', label: { 'zh-CN': '网格边长', en: 'Cell size' }, unit: 'm' },
        ...lonLat,
        ...HKEY_COLUMN,
      };
  }
}

/** The columns every readings table starts with: time, feature key, position and spatial key. */
export function readingBaseColumns(key: string, keyLabel: { 'zh-CN': string; en: string }): ColumnMap {
  return {
    ts: { type: 'timestamp', label: { 'zh-CN': '时间', en: 'Time' } },
    [key]: { type: 'utf8', label: keyLabel },
    ...lonLat,
    ...HKEY_COLUMN,
  };
}
