import { defineLayer } from '../define-layer';
import { CATEGORIES, SEVERITY_LABELS } from '../incidents/catalogue';
import { STATE_LABELS } from '../incidents/workflow';
import { PALETTE } from '../palettes';
import { t } from '../text';
import type { Rgba } from '../types';

/** Colour of each event state: red and amber only for alarm (escalated, newly reported), calm colours otherwise. */
export const STATE_COLORS: Record<keyof typeof STATE_LABELS, Rgba> = {
  reported: PALETTE.warning,
  escalated: PALETTE.critical,
  returned: PALETTE.notice,
  dispatched: PALETTE.info,
  accepted: PALETTE.info,
  in_progress: [41, 98, 255, 255],
  resolved: PALETTE.ok,
  verified: PALETTE.offline,
  archived: [120, 130, 140, 200],
};

/**
 * Events of the incident loop (一网统管事件), drawn by state, sized by severity, pulsing while open and overdue.
 * Its rows live in the event store (`source: 'events'`), not in the telemetry database: it is not part of
 * `LAYERS`, whose every entry has a DuckDB table; the viewer reads it from `/api/events`.
 */
export const incidents = defineLayer({
  id: 'incidents',
  title: t('事件', 'Incidents'),
  description: t(
    '一网统管事件：采集、分拨、处置、督办、评价、归档',
    'Incidents: captured, dispatched, handled, supervised, evaluated, archived',
  ),
  group: 'incidents',
  geometry: 'point',
  table: 'events',
  source: 'events',
  idColumn: 'id',
  nameColumn: 'title',
  columns: {
    id: { type: 'utf8', label: t('编号', 'ID') },
    title: { type: 'utf8', label: t('标题', 'Title') },
    state: { type: 'utf8', label: t('状态', 'State'), values: STATE_LABELS },
    category: {
      type: 'utf8',
      label: t('类别', 'Category'),
      values: Object.fromEntries(Object.entries(CATEGORIES).map(([k, v]) => [k, v.label])),
    },
    severity: { type: 'utf8', label: t('等级', 'Severity'), values: SEVERITY_LABELS },
    district: { type: 'utf8', label: t('所属区', 'District'), nullable: true },
    overdue: { type: 'bool', label: t('超期', 'Overdue') },
  },
  filterable: ['state', 'category', 'severity', 'district'],
  style: {
    kind: 'scatterplot',
    color: { kind: 'category', by: 'state', colors: STATE_COLORS, fallback: PALETTE.offline },
    radiusMeters: 30,
    radiusMinPixels: 6,
    opacity: 1,
    visible: true,
  },
  alerts: [
    { column: 'overdue', op: '==', value: true, level: 'warning', label: t('事件超期', 'Event overdue') },
  ],
  provenance: {
    synthetic: true,
    source: t('事件库（演示历史为合成数据）', 'Event store (demo history is synthetic)'),
  },
});
