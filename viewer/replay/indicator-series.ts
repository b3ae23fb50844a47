import type { Table } from 'apache-arrow';
import { readNumbers, readSeconds } from '../data/arrow-columns';

/** One indicator over the scenario window: bucket start times (ms) and the combined value per bucket. */
export interface IndicatorSeries {
  t: number[];
  v: number[];
  max: number;
}

/**
 * Combines per-feature bucket rows (`bucket_start`, `<measure>`) into one value per bucket: the sum, mean or max
 * over the features that reported in that bucket; buckets in time order.
 */
export function combineBuckets(
  starts: ArrayLike<number>,
  values: ArrayLike<number>,
  combine: 'sum' | 'avg' | 'max',
): IndicatorSeries {
  const acc = new Map<number, { sum: number; n: number; max: number }>();
  for (let i = 0; i < starts.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    const a = acc.get(starts[i]!) ?? { sum: 0, n: 0, max: Number.NEGATIVE_INFINITY };
    a.sum += v;
    a.n++;
    a.max = Math.max(a.max, v);
    acc.set(starts[i]!, a);
  }
  const t = [...acc.keys()].sort((x, y) => x - y);
  const v = t.map((k) => {
    const a = acc.get(k)!;
    return combine === 'sum' ? a.sum : combine === 'avg' ? a.sum / a.n : a.max;
  });
  return { t, v, max: v.reduce((m, x) => Math.max(m, x), 0) };
}

/** Reads a bucket response (Arrow) into an indicator series. */
export function seriesFromBuckets(
  table: Table,
  measure: string,
  combine: 'sum' | 'avg' | 'max',
): IndicatorSeries {
  const seconds = readSeconds(table, 'bucket_start', 0);
  const values = readNumbers(table, measure);
  if (!seconds || !values) throw new Error(`bucket response lacks bucket_start or ${measure}`);
  return combineBuckets(
    seconds.map((s) => Math.round(s * 1000)),
    values,
    combine,
  );
}
