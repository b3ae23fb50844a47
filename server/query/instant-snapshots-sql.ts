import { SNAPSHOT_TIME } from '../../data/build/latest-snapshots';
import type { LayerDefinition } from '../../layers';
import { partsRelation, type ReadingsPart } from './readings-parts';
import type { TemporalSelector } from './request-params';
import { quoteIdent, type SqlParams } from './sql-params';

type Instant = Extract<TemporalSelector, { kind: 'instant' }>;

/** Whether an instant can be answered from the layer's latest-state snapshots (`maxAge` within their lookback). */
export function canUseSnapshots(layer: LayerDefinition, t: TemporalSelector): t is Instant {
  const snap = layer.temporal?.snapshots;
  return !!snap && t.kind === 'instant' && t.maxAgeSeconds <= snap.lookbackSeconds;
}

/**
 * The body of the `latest` relation of an instant `at=T` from snapshots (same rows as ranking every reading in
 * `(T − maxAge, T]`): with `s` the last snapshot time ≤ T, a key's latest reading ≤ T is its latest in `(s, T]`
 * when it has one, else its snapshot row at `s` (its latest in `(s − lookback, s]`); either is kept only when
 * newer than `T − maxAge`, which `maxAge ≤ lookback` makes exact. Reads one snapshot and one time slot of
 * readings (zone maps on `snapshot_ts` / `ts` and `hkey` prune the rest). For an area, in three steps: each key's
 * last time in the slot (two narrow columns), then the slot's rows at those times and the snapshot rows of keys
 * with no newer reading. `candidates` (a spatial predicate on reading columns, which the caller applies again to the result) is
 * applied to those rows themselves, so with a bbox only the area's row groups are read in full; `keyFilter`
 * restricts keys (`key=`).
 */
export function latestFromSnapshotsSql(
  layer: LayerDefinition,
  t: Instant,
  p: SqlParams,
  opts: {
    parts?: readonly ReadingsPart[];
    candidates: ((p: SqlParams) => string) | null;
    keyFilter: string | null;
  },
): string {
  const spec = layer.temporal!;
  const snap = spec.snapshots!;
  const everyUs = BigInt(snap.everySeconds) * 1_000_000n;
  const sUs = t.atUs - (((t.atUs % everyUs) + everyUs) % everyUs);
  const cols = Object.keys(spec.columns).map(quoteIdent).join(', ');
  const time = quoteIdent(spec.time);
  const key = quoteIdent(spec.key);
  const raw =
    partsRelation(opts.parts, { kind: 'range', fromUs: sUs + 1n, toUs: t.atUs + 1n }) ??
    quoteIdent(spec.table);
  const snapRel = quoteIdent(snap.table);
  const sSnap = () => `${quoteIdent(SNAPSHOT_TIME)} = ${p.timestamp(sUs)}`;
  const sRaw = () => `${time} > ${p.timestamp(sUs)} AND ${time} <= ${p.timestamp(t.atUs)}`;
  const keys = opts.keyFilter ? ` AND ${opts.keyFilter}` : '';
  const rows = () => `${keys}${opts.candidates ? ` AND ${opts.candidates(p)}` : ''}`;
  const lo = p.timestamp(t.atUs - BigInt(t.maxAgeSeconds) * 1_000_000n);
  if (!opts.candidates) {
    // every key: one hash aggregation (arg_max of the row by time, per key) over the snapshot and the slot reads
    // each row once, faster here than the three steps below, which pay off when an area prunes row groups
    const row = `{${Object.keys(spec.columns)
      .map((c) => `${quoteIdent(c)}: ${quoteIdent(c)}`)
      .join(', ')}} AS u_, ${key} AS k_`;
    const union = `SELECT ${row} FROM ${snapRel} WHERE ${sSnap()}${keys} UNION ALL SELECT ${row} FROM ${raw} WHERE ${sRaw()}${keys}`;
    return `SELECT ${cols} FROM (SELECT unnest(r_) FROM (SELECT arg_max(u_, u_.${time}) AS r_ FROM (${union}) GROUP BY k_)) WHERE ${time} > ${lo}`;
  }
  // each key's last reading time in the slot: only the key and time columns of the slot are read
  const last = `SELECT ${key} AS k_, max(${time}) AS t_ FROM ${raw} WHERE ${sRaw()}${keys} GROUP BY ${key}`;
  const newer = `SELECT ${cols} FROM ${raw} AS r_ SEMI JOIN last_ ON r_.${key} = last_.k_ AND r_.${time} = last_.t_ WHERE ${sRaw()}${rows()}`;
  const older = `SELECT ${cols} FROM ${snapRel} AS s_ ANTI JOIN last_ ON s_.${key} = last_.k_ WHERE ${sSnap()}${rows()}`;
  return `WITH last_ AS MATERIALIZED (${last}) SELECT ${cols} FROM (${newer} UNION ALL ${older}) WHERE ${time} > ${lo}`;
}
