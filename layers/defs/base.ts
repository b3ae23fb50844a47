import { defineLayer } from '../define-layer';
import { PALETTE } from '../palettes';
import { OSM_SOURCE, t } from '../text';

/** OSM building footprints (merged by OSM id; outlines with parts replaced by their parts, each from min_height to height) with measured or estimated heights; drawn as 3D Tiles. */
export const buildings = defineLayer({
  id: 'buildings',
  title: t('建筑', 'Buildings'),
  description: t(
    'OSM 建筑轮廓与高度（部分为估算），以 3D Tiles 呈现',
    'OSM footprints with heights (some estimated), as 3D Tiles',
  ),
  group: 'base',
  geometry: 'polygon',
  table: 'buildings',
  idColumn: 'id',
  nameColumn: 'name',
  columns: {
    id: { type: 'utf8', label: t('编号', 'ID') },
    osm_id: { type: 'int64', label: t('OSM 编号', 'OSM id') },
    name: { type: 'utf8', label: t('名称', 'Name'), nullable: true },
    height: { type: 'float32', label: t('高度', 'Height'), unit: 'm' },
    min_height: { type: 'float32', label: t('底部高度', 'Base height'), unit: 'm' },
    height_source: {
      type: 'utf8',
      label: t('高度来源', 'Height source'),
      values: { measured: t('实测', 'Measured'), estimated: t('估算', 'Estimated') },
    },
    levels: { type: 'int16', label: t('层数', 'Levels'), nullable: true },
    kind: { type: 'utf8', label: t('类型', 'Kind') },
    synthetic: { type: 'bool', label: t('合成', 'Synthetic') },
  },
  filterable: ['height', 'height_source', 'kind', 'synthetic'],
  style: {
    kind: 'tiles3d',
    color: {
      kind: 'category',
      by: 'height_source',
      colors: { measured: PALETTE.building, estimated: [190, 198, 210, 255] },
      fallback: PALETTE.building,
    },
    opacity: 1,
    visible: true,
  },
  alerts: [],
  provenance: { synthetic: false, source: OSM_SOURCE, licence: 'ODbL-1.0' },
});

/** OSM road centrelines, used by the base map and as the skeleton of the generated pipe network and truck routes. */
export const roads = defineLayer({
  id: 'roads',
  title: t('道路', 'Roads'),
  description: t('OSM 道路中心线', 'OSM road centrelines'),
  group: 'base',
  geometry: 'line',
  table: 'roads',
  idColumn: 'id',
  nameColumn: 'name',
  columns: {
    id: { type: 'utf8', label: t('编号', 'ID') },
    name: { type: 'utf8', label: t('名称', 'Name'), nullable: true },
    kind: {
      type: 'utf8',
      label: t('道路等级', 'Road class'),
      values: {
        major_road: t('主干道', 'Major road'),
        minor_road: t('支路', 'Minor road'),
        path: t('步行道', 'Path'),
        rail: t('铁路', 'Rail'),
        ferry: t('轮渡', 'Ferry'),
      },
    },
    is_bridge: { type: 'bool', label: t('桥梁', 'Bridge') },
    is_tunnel: { type: 'bool', label: t('隧道/下穿', 'Tunnel/underpass') },
    length_m: { type: 'float32', label: t('长度', 'Length'), unit: 'm' },
    synthetic: { type: 'bool', label: t('合成', 'Synthetic') },
  },
  filterable: ['kind', 'is_bridge', 'is_tunnel', 'synthetic'],
  overview: {
    where: { column: 'kind', op: 'eq', value: 'major_road' },
    label: t('城市视角仅显示主干道', 'City zoom shows major roads only'),
  },
  style: {
    kind: 'path',
    color: {
      kind: 'category',
      by: 'kind',
      colors: {
        major_road: [214, 208, 190, 255],
        minor_road: [200, 200, 200, 220],
        path: [160, 160, 160, 160],
        rail: [120, 120, 140, 255],
        ferry: [90, 160, 220, 200],
      },
      fallback: PALETTE.road,
    },
    widthMeters: 4,
    widthMinPixels: 1,
    opacity: 0.7,
    visible: true,
  },
  alerts: [],
  provenance: { synthetic: false, source: OSM_SOURCE, licence: 'ODbL-1.0' },
});

/** OSM water bodies (Huangpu River, Suzhou Creek…) as polygons. */
export const water = defineLayer({
  id: 'water',
  title: t('水系', 'Water'),
  description: t('黄浦江、苏州河等水体', 'Huangpu River, Suzhou Creek and other water bodies'),
  group: 'base',
  geometry: 'polygon',
  table: 'water',
  idColumn: 'id',
  nameColumn: 'name',
  columns: {
    id: { type: 'utf8', label: t('编号', 'ID') },
    name: { type: 'utf8', label: t('名称', 'Name'), nullable: true },
    kind: { type: 'utf8', label: t('类型', 'Kind') },
  },
  filterable: ['kind'],
  style: { kind: 'polygon', color: { kind: 'constant', color: PALETTE.water }, opacity: 0.6, visible: true },
  alerts: [],
  provenance: { synthetic: false, source: OSM_SOURCE, licence: 'ODbL-1.0' },
});

/** Shanghai district polygons (pre-2015 boundaries) with administrative codes; used for district queries. */
export const districts = defineLayer({
  id: 'districts',
  title: t('行政区', 'Districts'),
  description: t('上海市区县边界（2015 年前版本）', 'Shanghai district boundaries (pre-2015 edition)'),
  group: 'base',
  geometry: 'polygon',
  table: 'districts',
  idColumn: 'code',
  nameColumn: 'name',
  columns: {
    code: { type: 'utf8', label: t('行政区划代码', 'Admin code') },
    name: { type: 'utf8', label: t('名称', 'Name') },
    name_en: { type: 'utf8', label: t('英文名', 'English name') },
    area_km2: { type: 'float32', label: t('面积', 'Area'), unit: 'km²' },
  },
  filterable: ['code', 'name'],
  style: {
    kind: 'polygon',
    color: { kind: 'constant', color: PALETTE.district },
    widthMinPixels: 2,
    opacity: 0.35,
    visible: true,
  },
  alerts: [],
  provenance: {
    synthetic: false,
    source: t('上海区县边界（MIT 许可）', 'Shanghai district boundaries (MIT licence)'),
    licence: 'MIT',
  },
});

/** OSM metro stations of central Shanghai; anchors of the crowd-density generator. */
export const metroStations = defineLayer({
  id: 'metro-stations',
  title: t('地铁站', 'Metro stations'),
  description: t('上海中心城区地铁站（OSM）', 'Metro stations of central Shanghai (OSM)'),
  group: 'base',
  geometry: 'point',
  table: 'metro_stations',
  idColumn: 'id',
  nameColumn: 'name',
  columns: {
    id: { type: 'utf8', label: t('编号', 'ID') },
    name: { type: 'utf8', label: t('站名', 'Name') },
    name_en: { type: 'utf8', label: t('英文站名', 'English name'), nullable: true },
    lines: { type: 'utf8', label: t('线路', 'Lines'), nullable: true },
  },
  filterable: ['name'],
  style: {
    kind: 'scatterplot',
    color: { kind: 'constant', color: PALETTE.metro },
    radiusMeters: 18,
    radiusMinPixels: 3,
    opacity: 1,
    visible: true,
  },
  alerts: [],
  provenance: { synthetic: false, source: OSM_SOURCE, licence: 'ODbL-1.0' },
});
