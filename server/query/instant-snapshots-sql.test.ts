import { describe, expect, it } from 'vitest';
import { findLayer } from '../../layers';
import { canUseSnapshots, latestFromSnapshotsSql } from './instant-snapshots-sql';
import { SqlParams } from './sql-params';

// The rows of these SQL texts are checked against the full ranking on the demo in instant-snapshots.test.ts;
// here the choices that do not change rows but decide what is read: which layers and selectors use snapshots,
// which strategy (one aggregation for every key, the three steps for an area), and which hourly files.
const trucks = findLayer('muck-trucks')!; // snapshots every 300 s, lookback 3600 s
const us = (iso: string) => BigInt(Date.parse(iso)) * 1000n;
const at = (iso: string, maxAgeSeconds = 300) => ({ kind: 'instant' as const, atUs: us(iso), maxAgeSeconds });

describe('canUseSnapshots', () => {
  it('only instants of a layer with snapshots whose maxAge is within the lookback', () => {
    expect(canUseSnapshots(trucks, at('2013-09-13T03:17:43Z', 3600))).toBe(true);
    expect(canUseSnapshots(trucks, at('2013-09-13T03:17:43Z', 3601))).toBe(false);
    const range = { kind: 'range' as const, fromUs: 0n, toUs: 1n };
    expect(canUseSnapshots(trucks, range)).toBe(false);
    expect(canUseSnapshots(findLayer('rain-gauges')!, at('2013-09-13T03:17:43Z'))).toBe(false); // no snapshots
    expect(canUseSnapshots(findLayer('construction-sites')!, at('2013-09-13T03:17:43Z'))).toBe(false); // no readings
  });
});

describe('latestFromSnapshotsSql', () => {
  const count = (s: string, part: string) => s.split(part).length - 1;
  it('every key: one aggregation by key over the snapshot and the slot, no joins', () => {
    const sql = latestFromSnapshotsSql(trucks, at('2013-09-13T03:17:43Z'), new SqlParams(), {
      candidates: null,
      keyFilter: null,
    });
    expect(sql).toContain('arg_max(');
    expect(sql).not.toContain('JOIN');
  });
  it('an area: the area predicate is applied to the slot rows and to the snapshot rows (three steps)', () => {
    const sql = latestFromSnapshotsSql(trucks, at('2013-09-13T03:17:43Z'), new SqlParams(), {
      candidates: () => 'AREA_',
      keyFilter: 'KEYS_',
    });
    expect(sql).not.toContain('arg_max(');
    expect(count(sql, 'SEMI JOIN')).toBe(1);
    expect(count(sql, 'ANTI JOIN')).toBe(1);
    expect(count(sql, ' AND AREA_')).toBe(2); // newer slot rows, older snapshot rows
    expect(count(sql, ' AND KEYS_')).toBe(3); // last times, newer, older
  });
  it('reads only the hourly files that overlap the slot (s, T]', () => {
    const parts = [
      { file: '/d/hour=16.parquet', fromUs: us('2013-09-12T16:00:00Z'), toUs: us('2013-09-12T17:00:00Z') },
      { file: '/d/hour=17.parquet', fromUs: us('2013-09-12T17:00:00Z'), toUs: us('2013-09-12T18:00:00Z') },
      { file: '/d/hour=18.parquet', fromUs: us('2013-09-12T18:00:00Z'), toUs: us('2013-09-12T19:00:00Z') },
    ];
    // T = 17:07, s = 17:05: the slot (17:05, 17:07] lies in the 17 h file only (maxAge reaches back into 16 h,
    // but those readings come from the snapshot at s)
    const sql = latestFromSnapshotsSql(trucks, at('2013-09-12T17:07:00Z', 3600), new SqlParams(), {
      parts,
      candidates: null,
      keyFilter: null,
    });
    expect(sql).toContain("read_parquet(['/d/hour=17.parquet'], hive_partitioning = false)");
    expect(sql).not.toContain('hour=16');
    expect(sql).not.toContain('hour=18');
    // T = 17:02, s = 17:00: the 16 h file ends at s and holds nothing of (s, T]
    const atHour = latestFromSnapshotsSql(trucks, at('2013-09-12T17:02:00Z'), new SqlParams(), {
      parts,
      candidates: null,
      keyFilter: null,
    });
    expect(atHour).toContain("read_parquet(['/d/hour=17.parquet'], hive_partitioning = false)");
  });
});
