import { defineLayer } from '../define-layer';
import { DISTRICT_CODE_COLUMN, readingBaseColumns } from '../geometry-columns';
import { PALETTE } from '../palettes';
import { SYNTHETIC_SOURCE, t } from '../text';

/** Construction sites with their permit window and status. */
export const constructionSites = defineLayer({
  id: 'construction-sites',
  title: t('建筑工地', 'Construction sites'),
  description: t('在建工地及施工许可', 'Active construction sites and their permits'),
  group: 'construction',
  geometry: 'polygon',
  table: 'construction_sites',
  idColumn: 'id',
  nameColumn: 'name',
  columns: {
    id: { type: 'utf8', label: t('编号', 'ID') },
    name: { type: 'utf8', label: t('名称', 'Name') },
    permit_no: { type: 'utf8', label: t('许可证号', 'Permit no.') },
    permit_start: { type: 'timestamp', label: t('许可开始', 'Permit from') },
    permit_end: { type: 'timestamp', label: t('许可结束', 'Permit until') },
    status: {
      type: 'utf8',
      label: t('状态', 'Status'),
      values: {
        active: t('施工中', 'Active'),
        suspended: t('停工', 'Suspended'),
        planned: t('待开工', 'Planned'),
        completed: t('已完工', 'Completed'),
      },
    },
    night_work: { type: 'bool', label: t('夜间施工许可', 'Night work permitted') },
    district: { type: 'utf8', label: t('所属区', 'District') },
    synthetic: { type: 'bool', label: t('合成', 'Synthetic') },
    ...DISTRICT_CODE_COLUMN,
  },
  filterable: ['status', 'district', 'night_work'],
  style: {
    kind: 'polygon',
    color: {
      kind: 'category',
      by: 'status',
      colors: {
        active: PALETTE.construction,
        suspended: PALETTE.offline,
        planned: PALETTE.info,
        completed: PALETTE.offline,
      },
      fallback: PALETTE.construction,
    },
    opacity: 0.6,
    visible: true,
  },
  alerts: [],
  provenance: { synthetic: true, source: SYNTHETIC_SOURCE },
});

/** Muck (spoil) trucks: fleet register plus GPS positions every 10 s along real roads between sites and disposal points. */
export const muckTrucks = defineLayer({
  id: 'muck-trucks',
  title: t('渣土车', 'Muck trucks'),
  description: t('渣土车 GPS 轨迹（10 秒）', 'Muck-truck GPS tracks (every 10 s)'),
  group: 'construction',
  geometry: 'point',
  table: 'muck_trucks',
  idColumn: 'id',
  nameColumn: 'plate',
  columns: {
    id: { type: 'utf8', label: t('车辆编号', 'Truck ID') },
    plate: { type: 'utf8', label: t('车牌', 'Plate') },
    company: { type: 'utf8', label: t('运输企业', 'Operator') },
    site_id: { type: 'utf8', label: t('服务工地', 'Serving site') },
    synthetic: { type: 'bool', label: t('合成', 'Synthetic') },
  },
  temporal: {
    table: 'truck_positions',
    time: 'ts',
    key: 'truck_id',
    cadenceSeconds: 10,
    snapshots: { table: 'truck_positions_latest', everySeconds: 300, lookbackSeconds: 3600 },
    columns: {
      ...readingBaseColumns('truck_id', t('车辆编号', 'Truck ID')),
      speed_kmh: { type: 'float32', label: t('速度', 'Speed'), unit: 'km/h' },
      heading_deg: { type: 'float32', label: t('航向', 'Heading'), unit: '°' },
      loaded: { type: 'bool', label: t('重载', 'Loaded') },
      violation: {
        type: 'utf8',
        label: t('违规', 'Violation'),
        nullable: true,
        values: {
          speeding: t('超速', 'Speeding'),
          off_route: t('偏离核准路线', 'Off permitted route'),
          off_hours: t('非许可时段', 'Outside permitted hours'),
        },
      },
    },
    measures: { speed_kmh: 'avg', loaded: 'avg' },
  },
  filterable: ['company', 'site_id', 'loaded', 'speed_kmh', 'violation'],
  style: {
    kind: 'trips',
    color: {
      kind: 'category',
      by: 'violation',
      colors: { speeding: PALETTE.warning, off_route: PALETTE.warning, off_hours: PALETTE.notice },
      fallback: PALETTE.truck,
    },
    radiusMeters: 12,
    radiusMinPixels: 4,
    widthMinPixels: 2,
    trailSeconds: 300,
    opacity: 1,
    visible: true,
  },
  alerts: [
    { column: 'speed_kmh', op: '>', value: 60, level: 'warning', label: t('渣土车超速', 'Truck speeding') },
    {
      column: 'violation',
      op: '==',
      value: 'off_route',
      level: 'warning',
      label: t('偏离核准路线', 'Off permitted route'),
    },
    {
      column: 'violation',
      op: '==',
      value: 'off_hours',
      level: 'notice',
      label: t('非许可时段行驶', 'Driving outside permitted hours'),
    },
  ],
  provenance: { synthetic: true, source: SYNTHETIC_SOURCE },
});
