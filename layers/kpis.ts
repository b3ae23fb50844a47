import type { AlertLevel } from './alerts';
import { t } from './text';
import type { Text } from './types';

/**
 * A city vital sign (生命体征) declared as data: it counts the features of `layer` whose latest reading (at the
 * data time) reaches `minLevel` under that layer's alert rules, evaluated by `evaluateAlert`. No threshold is
 * typed here: thresholds live in the layer's `alerts`, so the wall, the KPI strip and the incident loop agree.
 */
export interface AlertCountKpi {
  kind: 'alert-count';
  id: string;
  label: Text;
  layer: string;
  /** Count features whose alert level is at least this. */
  minLevel: AlertLevel;
  /** The alert column shown as the threshold in captions (e.g. `depth_cm`). */
  column: string;
}

/** A vital sign counting features whose latest reading has `column` equal to one of `values` (e.g. pumps running). */
export interface ValueCountKpi {
  kind: 'value-count';
  id: string;
  label: Text;
  layer: string;
  column: string;
  values: readonly (string | number | boolean)[];
  /** Also report the total number of features (e.g. "running of total"). */
  ofTotal: boolean;
}

/** One declared KPI. */
export type KpiDefinition = AlertCountKpi | ValueCountKpi;

/** The wall's vital signs over telemetry, in display order. Incident KPIs come from the event store. */
export const KPIS: readonly KpiDefinition[] = [
  {
    kind: 'alert-count',
    id: 'waterlogged',
    label: t('积水点超阈值', 'Waterlogged points'),
    layer: 'waterlogging-points',
    minLevel: 'warning',
    column: 'depth_cm',
  },
  {
    kind: 'value-count',
    id: 'pumps-running',
    label: t('泵站运行', 'Pumping stations running'),
    layer: 'pump-stations',
    column: 'status',
    values: ['running'],
    ofTotal: true,
  },
  {
    kind: 'alert-count',
    id: 'crowd-hot-spots',
    label: t('人群聚集网格', 'Crowd hot spots'),
    layer: 'crowd-density',
    minLevel: 'warning',
    column: 'density',
  },
  {
    kind: 'alert-count',
    id: 'trucks-in-violation',
    label: t('渣土车违规', 'Trucks in violation'),
    layer: 'muck-trucks',
    minLevel: 'notice',
    column: 'speed_kmh',
  },
];
