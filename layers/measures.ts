import type { TemporalSpec } from './types';

/** One aggregate a readings measure declares (`temporal.measures`). */
export type MeasureAggregate = TemporalSpec['measures'][string];

/**
 * The output column of a bucketed measure: `<agg>_<measure>`, e.g. `avg_speed_kmh`, `max_density`. The server's
 * bucket SQL names its columns with this and the viewer reads them with it.
 */
export function measureColumn(aggregate: MeasureAggregate, measure: string): string {
  return `${aggregate}_${measure}`;
}

/** The aggregated column names of a readings table's measures, in declaration order. */
export function measureColumns(t: Pick<TemporalSpec, 'measures'>): string[] {
  return Object.entries(t.measures).map(([measure, agg]) => measureColumn(agg, measure));
}
