import { defineLayer } from '../define-layer';
import { DISTRICT_CODE_COLUMN, readingBaseColumns } from '../geometry-columns';
import { BLUE_RAMP, PALETTE } from '../palettes';
import { SYNTHETIC_SOURCE, t } from '../text';

const stationStatus = {
  running: t('运行', 'Running'),
  standby: t('待命', 'Standby'),
  fault: t('故障', 'Fault'),
  offline: t('离线', 'Offline'),
};

/** Drainage pumping stations by the river and creeks, with per-5-min readings of pumps, flow and forebay level. */
export const pumpStations = defineLayer({
  id: 'pump-stations',
  title: t('排水泵站', 'Pumping stations'),
  description: t(
    '雨水泵站：运行台数、排水流量、前池水位',
    'Storm-water pumping stations: pumps running, flow, forebay level',
  ),
  group: 'drainage',
  geometry: 'point',
  table: 'pump_stations',
  idColumn: 'id',
  nameColumn: 'name',
  columns: {
    id: { type: 'utf8', label: t('编号', 'ID') },
    name: { type: 'utf8', label: t('名称', 'Name') },
    district: { type: 'utf8', label: t('所属区', 'District') },
    pumps_total: { type: 'int8', label: t('水泵台数', 'Pumps installed') },
    capacity_m3s: { type: 'float32', label: t('设计排量', 'Design capacity'), unit: 'm³/s' },
    receiving_water: { type: 'utf8', label: t('受纳水体', 'Receiving water') },
    synthetic: { type: 'bool', label: t('合成', 'Synthetic') },
    ...DISTRICT_CODE_COLUMN,
  },
  temporal: {
    table: 'pump_station_readings',
    time: 'ts',
    key: 'station_id',
    cadenceSeconds: 300,
    fixedPosition: true,
    columns: {
      ...readingBaseColumns('station_id', t('泵站编号', 'Station ID')),
      status: { type: 'utf8', label: t('状态', 'Status'), values: stationStatus },
      pumps_running: { type: 'int8', label: t('运行台数', 'Pumps running') },
      flow_m3s: { type: 'float32', label: t('排水流量', 'Flow'), unit: 'm³/s' },
      forebay_level_m: { type: 'float32', label: t('前池水位', 'Forebay level'), unit: 'm' },
    },
    measures: { pumps_running: 'avg', flow_m3s: 'avg', forebay_level_m: 'max' },
  },
  filterable: ['district', 'status', 'pumps_running', 'capacity_m3s'],
  style: {
    kind: 'scatterplot',
    color: {
      kind: 'category',
      by: 'status',
      colors: {
        running: PALETTE.ok,
        standby: PALETTE.info,
        fault: PALETTE.critical,
        offline: PALETTE.offline,
      },
      fallback: PALETTE.offline,
    },
    radiusMeters: 45,
    radiusMinPixels: 6,
    opacity: 1,
    visible: true,
  },
  alerts: [
    { column: 'status', op: '==', value: 'fault', level: 'critical', label: t('泵站故障', 'Station fault') },
    {
      column: 'forebay_level_m',
      op: '>=',
      value: 3.5,
      level: 'warning',
      label: t('前池高水位', 'High forebay level'),
    },
  ],
  provenance: { synthetic: true, source: SYNTHETIC_SOURCE },
});

/** Drainage pipe segments following the roads towards the pumping stations, with fill ratio and flow. */
export const drainagePipes = defineLayer({
  id: 'drainage-pipes',
  title: t('排水管网', 'Drainage pipes'),
  description: t(
    '沿道路敷设、汇向泵站的雨水管段',
    'Storm-water pipe segments along roads, draining to the stations',
  ),
  group: 'drainage',
  geometry: 'line',
  table: 'drainage_pipes',
  idColumn: 'id',
  columns: {
    id: { type: 'utf8', label: t('管段编号', 'Segment ID') },
    diameter_mm: { type: 'int16', label: t('管径', 'Diameter'), unit: 'mm' },
    material: {
      type: 'utf8',
      label: t('材质', 'Material'),
      values: {
        concrete: t('钢筋混凝土', 'Reinforced concrete'),
        hdpe: t('HDPE', 'HDPE'),
        cast_iron: t('铸铁', 'Cast iron'),
      },
    },
    upstream_node: { type: 'utf8', label: t('上游节点', 'Upstream node') },
    downstream_node: { type: 'utf8', label: t('下游节点', 'Downstream node') },
    station_id: { type: 'utf8', label: t('汇入泵站', 'Drains to station') },
    length_m: { type: 'float32', label: t('长度', 'Length'), unit: 'm' },
    synthetic: { type: 'bool', label: t('合成', 'Synthetic') },
    ...DISTRICT_CODE_COLUMN,
  },
  temporal: {
    table: 'pipe_readings',
    time: 'ts',
    key: 'pipe_id',
    cadenceSeconds: 900,
    fixedPosition: true,
    columns: {
      ...readingBaseColumns('pipe_id', t('管段编号', 'Segment ID')),
      fill_ratio: { type: 'float32', label: t('充满度', 'Fill ratio') },
      flow_m3s: { type: 'float32', label: t('流量', 'Flow'), unit: 'm³/s' },
    },
    measures: { fill_ratio: 'max', flow_m3s: 'avg' },
  },
  filterable: ['diameter_mm', 'material', 'station_id', 'fill_ratio'],
  overview: {
    where: { column: 'diameter_mm', op: 'ge', value: '1500' },
    label: t('城市视角仅显示干管（管径 ≥ 1500 mm）', 'City zoom shows trunk mains only (≥ 1500 mm)'),
  },
  style: {
    kind: 'path',
    color: {
      kind: 'threshold',
      by: 'fill_ratio',
      stops: [
        { value: 0, color: BLUE_RAMP[1]! },
        { value: 0.5, color: BLUE_RAMP[3]! },
        { value: 0.8, color: BLUE_RAMP[4]! },
        { value: 0.95, color: PALETTE.warning },
      ],
    },
    widthMeters: 3,
    widthMinPixels: 2,
    opacity: 0.9,
    visible: true,
  },
  alerts: [
    {
      column: 'fill_ratio',
      op: '>=',
      value: 0.95,
      level: 'warning',
      label: t('管道满流', 'Pipe surcharged'),
    },
  ],
  provenance: { synthetic: true, source: SYNTHETIC_SOURCE },
});

/** Waterlogging-prone points (underpasses, low junctions) with water depth readings. */
export const waterloggingPoints = defineLayer({
  id: 'waterlogging-points',
  title: t('易积水点', 'Waterlogging points'),
  description: t('下立交与低洼路口的积水监测', 'Water depth at underpasses and low-lying junctions'),
  group: 'drainage',
  geometry: 'point',
  table: 'waterlogging_points',
  idColumn: 'id',
  nameColumn: 'name',
  columns: {
    id: { type: 'utf8', label: t('编号', 'ID') },
    name: { type: 'utf8', label: t('名称', 'Name') },
    kind: {
      type: 'utf8',
      label: t('类型', 'Kind'),
      values: { underpass: t('下立交', 'Underpass'), junction: t('低洼路口', 'Low junction') },
    },
    district: { type: 'utf8', label: t('所属区', 'District') },
    station_id: { type: 'utf8', label: t('服务泵站', 'Serving station') },
    synthetic: { type: 'bool', label: t('合成', 'Synthetic') },
    ...DISTRICT_CODE_COLUMN,
  },
  temporal: {
    table: 'waterlogging_readings',
    time: 'ts',
    key: 'point_id',
    cadenceSeconds: 300,
    fixedPosition: true,
    columns: {
      ...readingBaseColumns('point_id', t('积水点编号', 'Point ID')),
      depth_cm: { type: 'float32', label: t('积水深度', 'Water depth'), unit: 'cm' },
    },
    measures: { depth_cm: 'max' },
  },
  filterable: ['kind', 'district', 'depth_cm'],
  style: {
    kind: 'column',
    color: {
      kind: 'threshold',
      by: 'depth_cm',
      stops: [
        { value: 0, color: PALETTE.ok },
        { value: 5, color: BLUE_RAMP[2]! },
        { value: 15, color: PALETTE.warning },
        { value: 30, color: PALETTE.critical },
      ],
    },
    sizeBy: 'depth_cm',
    elevationScale: 10,
    radiusMeters: 25,
    radiusMinPixels: 5,
    opacity: 0.9,
    visible: true,
  },
  alerts: [
    { column: 'depth_cm', op: '>=', value: 15, level: 'warning', label: t('道路积水', 'Road waterlogged') },
    {
      column: 'depth_cm',
      op: '>=',
      value: 30,
      level: 'critical',
      label: t('严重积水', 'Severe waterlogging'),
    },
  ],
  provenance: { synthetic: true, source: SYNTHETIC_SOURCE },
});

/** Rain gauges; their hourly readings are the real UCI Shanghai rainfall, spread with seeded local variation. */
export const rainGauges = defineLayer({
  id: 'rain-gauges',
  title: t('雨量站', 'Rain gauges'),
  description: t(
    '雨量监测（真实小时降雨 + 合成空间差异）',
    'Rainfall (real hourly series + synthetic spatial variation)',
  ),
  group: 'drainage',
  geometry: 'point',
  table: 'rain_gauges',
  idColumn: 'id',
  nameColumn: 'name',
  columns: {
    id: { type: 'utf8', label: t('编号', 'ID') },
    name: { type: 'utf8', label: t('名称', 'Name') },
    district: { type: 'utf8', label: t('所属区', 'District') },
    synthetic: { type: 'bool', label: t('合成', 'Synthetic') },
    ...DISTRICT_CODE_COLUMN,
  },
  temporal: {
    table: 'rain_readings',
    time: 'ts',
    key: 'gauge_id',
    cadenceSeconds: 300,
    fixedPosition: true,
    columns: {
      ...readingBaseColumns('gauge_id', t('雨量站编号', 'Gauge ID')),
      rain_mm_h: { type: 'float32', label: t('雨强', 'Rain rate'), unit: 'mm/h' },
    },
    measures: { rain_mm_h: 'avg' },
  },
  filterable: ['district', 'rain_mm_h'],
  style: {
    kind: 'scatterplot',
    color: {
      kind: 'threshold',
      by: 'rain_mm_h',
      stops: [
        { value: 0, color: [200, 200, 200, 160] },
        { value: 2.5, color: BLUE_RAMP[1]! },
        { value: 8, color: BLUE_RAMP[2]! },
        { value: 16, color: PALETTE.warning },
        { value: 30, color: PALETTE.critical },
      ],
    },
    radiusMeters: 60,
    radiusMinPixels: 6,
    opacity: 0.9,
    visible: true,
  },
  alerts: [
    { column: 'rain_mm_h', op: '>=', value: 16, level: 'warning', label: t('暴雨', 'Rainstorm') },
    {
      column: 'rain_mm_h',
      op: '>=',
      value: 30,
      level: 'critical',
      label: t('短时强降雨', 'Intense downpour'),
    },
  ],
  provenance: {
    synthetic: true,
    source: {
      'zh-CN': 'UCI 上海逐时降雨（CC BY 4.0）+ 合成空间差异',
      en: 'UCI Shanghai hourly rainfall (CC BY 4.0) + synthetic spatial variation',
    },
    licence: 'CC-BY-4.0',
  },
});
