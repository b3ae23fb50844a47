import type { LayerDefinition } from '../../layers/types';

/** Name of the snapshot time column that precedes the readings columns in a snapshot table. */
export const SNAPSHOT_TIME = 'snapshot_ts';

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * SQL creating a layer's latest-state snapshot table `target` from its readings `source`
 * (`TemporalSpec.snapshots`): for every slot end `s` (multiples of `everySeconds` since the epoch) from the
 * first reading on, one row per key holding its latest reading with `ts` in `(s − lookbackSeconds, s]`, with
 * `snapshot_ts = s` first; ordered by (snapshot_ts, hkey, key) so zone maps find one snapshot's viewport. Built in
 * two hash aggregations: the last reading of each key in each slot `(s − every, s]`, then the latest of those over
 * the `lookback / every` slots ending at each `s`.
 */
export function latestSnapshotsSql(layer: LayerDefinition, source: string, target: string): string {
  const t = layer.temporal;
  const snap = t?.snapshots;
  if (!t || !snap) throw new Error(`layer ${layer.id} declares no snapshots`);
  if (snap.lookbackSeconds % snap.everySeconds !== 0)
    throw new Error(`layer ${layer.id}: snapshots.lookbackSeconds must be a multiple of everySeconds`);
  const cols = Object.keys(t.columns);
  const every = `INTERVAL '${snap.everySeconds} seconds'`;
  const time = q(t.time);
  const key = q(t.key);
  const row = `{${cols.map((c) => `${q(c)}: ${q(c)}`).join(', ')}}`;
  const unpack = cols.map((c) => `r.${q(c)} AS ${q(c)}`).join(', ');
  return `
CREATE TABLE ${target} AS
WITH slot_last AS (
  SELECT ${key} AS k, time_bucket(${every}, ${time} - INTERVAL '1 microsecond') + ${every} AS slot_end,
    arg_max(${row}, ${time}) AS r, max(${time}) AS last_ts
  FROM ${source} GROUP BY 1, 2
), spread AS (
  SELECT k, slot_end + o.o * ${every} AS s, r, last_ts
  FROM slot_last CROSS JOIN range(0, ${snap.lookbackSeconds / snap.everySeconds}) o(o)
), latest AS (
  SELECT s, k, arg_max(r, last_ts) AS r FROM spread GROUP BY 1, 2
)
SELECT s AS ${q(SNAPSHOT_TIME)}, ${unpack} FROM latest
ORDER BY s, r.hkey, k;`;
}
