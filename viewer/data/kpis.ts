import type { Table } from 'apache-arrow';
import { readCategories, readNumbers } from './arrow-columns';

/** The wall's KPIs at one moment; null where the data could not be read. */
export interface Kpis {
  waterlogged: number | null;
  pumpsRunning: number | null;
  pumpsTotal: number | null;
  crowdHotSpots: number | null;
  trucksInViolation: number | null;
}

/** The readings requests (layer id) the KPIs are computed from, all `at=` the clock time. */
export const KPI_LAYERS = ['waterlogging-points', 'pump-stations', 'crowd-density', 'muck-trucks'] as const;

function countWhere(values: Float64Array | null, test: (v: number) => boolean): number | null {
  if (!values) return null;
  let n = 0;
  for (let i = 0; i < values.length; i++) if (test(values[i]!)) n++;
  return n;
}

/**
 * Computes the KPIs from latest-reading tables: waterlogging points with depth ≥ 15 cm (the layer's warning
 * level), stations whose status is `running`, crowd cells with density ≥ 2 people/m² (warning), and trucks
 * whose latest position carries a violation.
 */
export function computeKpis(t: Partial<Record<(typeof KPI_LAYERS)[number], Table | null>>): Kpis {
  const w = t['waterlogging-points'];
  const p = t['pump-stations'];
  const c = t['crowd-density'];
  const m = t['muck-trucks'];
  const status = p ? readCategories(p, 'status', ['running']) : null;
  const violation = m ? readCategories(m, 'violation', []) : null;
  let running: number | null = null;
  if (status) {
    running = 0;
    for (let i = 0; i < status.length; i++) if (status[i] === 0) running++;
  }
  let violating: number | null = null;
  if (violation) {
    violating = 0;
    for (let i = 0; i < violation.length; i++) if (violation[i] !== -2) violating++;
  }
  return {
    waterlogged: w ? countWhere(readNumbers(w, 'depth_cm'), (v) => v >= 15) : null,
    pumpsRunning: running,
    pumpsTotal: p ? p.numRows : null,
    crowdHotSpots: c ? countWhere(readNumbers(c, 'density'), (v) => v >= 2) : null,
    trucksInViolation: violating,
  };
}
