import { defineLayer } from '../define-layer';
import { DISTRICT_CODE_COLUMN, readingBaseColumns } from '../geometry-columns';
import { CALM_RAMP, PALETTE } from '../palettes';
import { SYNTHETIC_SOURCE, t } from '../text';

/** Crowd counts on a regular grid around metro stations and hot spots (the Bund, Nanjing Road, Yuyuan), per 5 min. */
export const crowdDensity = defineLayer({
  id: 'crowd-density',
  title: t('人群密度', 'Crowd density'),
  description: t('重点区域网格人流（5 分钟）', 'People per grid cell around hot spots, every 5 minutes'),
  group: 'crowd',
  geometry: 'cell',
  table: 'crowd_cells',
  idColumn: 'cell_id',
  nameColumn: 'area_name',
  columns: {
    cell_id: { type: 'utf8', label: t('网格编号', 'Cell ID') },
    area_name: { type: 'utf8', label: t('区域', 'Area'), nullable: true },
    capacity: { type: 'int32', label: t('安全容量', 'Safe capacity'), unit: '人' },
    synthetic: { type: 'bool', label: t('合成', 'Synthetic') },
    ...DISTRICT_CODE_COLUMN,
  },
  temporal: {
    table: 'crowd_readings',
    time: 'ts',
    key: 'cell_id',
    cadenceSeconds: 300,
    fixedPosition: true,
    columns: {
      ...readingBaseColumns('cell_id', t('网格编号', 'Cell ID')),
      count: { type: 'int32', label: t('人数', 'People'), unit: '人' },
      density: { type: 'float32', label: t('密度', 'Density'), unit: '人/m²' },
    },
    measures: { count: 'avg', density: 'max' },
  },
  filterable: ['area_name', 'count', 'density'],
  style: {
    kind: 'grid',
    color: {
      kind: 'threshold',
      by: 'density',
      // Densities are averages over a 100 m cell: most cells sit well under 0.1 p/m² and would tint the whole
      // city, so that band is transparent and only real gatherings show.
      stops: [
        { value: 0, color: [0, 0, 0, 0] },
        // Below the warning density the cells are calm violets; amber and red start at the alert levels.
        { value: 0.1, color: CALM_RAMP[0]! },
        { value: 0.3, color: CALM_RAMP[1]! },
        { value: 0.6, color: CALM_RAMP[3]! },
        { value: 1, color: PALETTE.warning },
        { value: 2, color: PALETTE.critical },
      ],
    },
    sizeBy: 'count',
    cellSizeMeters: 100,
    opacity: 0.55,
    visible: true,
  },
  alerts: [
    { column: 'density', op: '>=', value: 1, level: 'warning', label: t('人群聚集', 'Crowding') },
    { column: 'density', op: '>=', value: 2, level: 'critical', label: t('踩踏风险', 'Crush risk') },
  ],
  provenance: { synthetic: true, source: SYNTHETIC_SOURCE },
});
