import { describe, expect, it } from 'vitest';
import { findLayer, LAYERS } from '../../layers';
import type { TemporalSpec } from '../../layers/types';
import { openMemoryDuckDbForFile } from '../test-support/memory-duckdb';
import { aggregates, bucketColumnNames, buildReadingsSql, maxRawSpanSeconds } from './readings-sql';
import type { ReadingsParams } from './request-params';

const mem = openMemoryDuckDbForFile();

const label = { 'zh-CN': '', en: '' };
const SPEC = {
  table: 'r',
  time: 'ts',
  key: 'k',
  cadenceSeconds: 10,
  columns: {
    a: { type: 'float32', label },
    on: { type: 'bool', label },
    n: { type: 'int32', label },
    s: { type: 'utf8', label },
    m: { type: 'float64', label },
  },
  measures: { a: 'avg', on: 'max', n: 'sum', s: 'last', m: 'min' },
} as unknown as TemporalSpec;

// one key: (ts, a, on, n, s, m); hand-computed: avg a = (1 + 2 + 4.5) / 3 = 2.5, max on = 1 (as a double),
// sum n = 7 + 8 + 9 = 24, last s (by time, not by row order) = 'late', min m = -3
const ROWS = `(VALUES (TIMESTAMP '2024-07-01 00:00:20', 1.0::FLOAT, false, 7, 'late', 5.0::DOUBLE),
  (TIMESTAMP '2024-07-01 00:00:00', 2.0, true, 8, 'early', -3.0),
  (TIMESTAMP '2024-07-01 00:00:10', 4.5, false, 9, 'mid', 0.0)) AS r(ts, a, "on", n, s, m)`;

describe('aggregates (bucket and summary measures)', () => {
  it('compute each measure by its aggregate, on DuckDB, named <agg>_<measure>', async () => {
    const conn = await mem.instance.connect();
    const rows = (
      await conn.runAndReadAll(`SELECT ${aggregates(SPEC).join(', ')} FROM ${ROWS}`)
    ).getRowObjectsJS();
    conn.closeSync();
    expect(rows).toEqual([{ avg_a: 2.5, max_on: 1, sum_n: 24, last_s: 'late', min_m: -3 }]);
  });

  it('bucket column names per feature and per grid cell', () => {
    expect(bucketColumnNames(SPEC, false)).toEqual([
      'bucket_start',
      'k',
      'lon',
      'lat',
      'avg_a',
      'max_on',
      'sum_n',
      'last_s',
      'min_m',
      'n',
    ]);
    expect(bucketColumnNames(SPEC, true).slice(0, 5)).toEqual([
      'bucket_start',
      'cell_x',
      'cell_y',
      'lon',
      'lat',
    ]);
  });
});

describe('maxRawSpanSeconds', () => {
  it('is 720 readings at the cadence, at most 48 h', () => {
    expect(maxRawSpanSeconds({ ...SPEC, cadenceSeconds: 10 })).toBe(7200);
    expect(maxRawSpanSeconds({ ...SPEC, cadenceSeconds: 240 })).toBe(172_800);
    expect(maxRawSpanSeconds({ ...SPEC, cadenceSeconds: 300 })).toBe(172_800);
  });
});

describe('buildReadingsSql refuses what it cannot answer, naming the parameter', () => {
  const trucks = findLayer('muck-trucks')!;
  const H = 3_600_000_000n;
  const q = (over: Partial<ReadingsParams>): ReadingsParams => ({
    spatial: null,
    filters: [],
    columns: null,
    orderBy: null,
    limit: 10,
    offset: 0,
    format: 'arrow',
    encoding: 'plain',
    keys: [],
    temporal: { kind: 'range', fromUs: 0n, toUs: H },
    ...over,
  });
  const error = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    return null;
  };

  it('a raw range longer than the layer allows: 400 on `to`, with the limit in hours', () => {
    const span = BigInt(maxRawSpanSeconds(trucks.temporal!)) * 1_000_000n;
    expect(
      buildReadingsSql(trucks, q({ temporal: { kind: 'range', fromUs: 0n, toUs: span } }), null).sql,
    ).toContain('LIMIT 11 OFFSET 0');
    expect(
      error(() =>
        buildReadingsSql(trucks, q({ temporal: { kind: 'range', fromUs: 0n, toUs: span + 1n } }), null),
      ),
    ).toMatchObject({
      status: 400,
      parameter: 'to',
      message: `raw readings span at most ${maxRawSpanSeconds(trucks.temporal!) / 3600} h for muck-trucks; add bucket=5m|15m|1h|1d for longer ranges`,
    });
  });

  it('columns= with bucket: 400 on columns; a layer without readings: 404', () => {
    const bucket = { kind: 'bucket', fromUs: 0n, toUs: 48n * H, bucket: '1h', gridMetres: null } as const;
    expect(
      error(() => buildReadingsSql(trucks, q({ temporal: bucket, columns: ['ts'] }), null)),
    ).toMatchObject({
      status: 400,
      parameter: 'columns',
      message: 'columns is not supported with bucket',
    });
    const still = LAYERS.find((l) => !l.temporal)!;
    expect(error(() => buildReadingsSql(still, q({}), null))).toMatchObject({
      status: 404,
      message: `layer ${still.id} has no readings`,
    });
  });
});
