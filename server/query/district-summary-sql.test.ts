import { describe, expect, it } from 'vitest';
import { findLayer } from '../../layers';
import { ApiError } from '../errors';
import { buildDistrictSummarySql, districtSummaryColumns, parseSummary } from './district-summary-sql';
import { parseReadingsParams, type RawQuery } from './request-params';

// The rows of a summary are checked against the readings grouped in JS on the demo (district-summary.test.ts);
// here the parameters it refuses, without a database.
const pumps = findLayer('pump-stations')!;
const q = (raw: Readonly<Record<string, readonly string[]>>) =>
  parseReadingsParams(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, [...v]])) as RawQuery, null);
const refused = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('not refused');
};

describe('parseSummary', () => {
  it('absent or empty: none; exactly "district": district; anything else: 400 naming summary', () => {
    expect(parseSummary({})).toBeNull();
    expect(parseSummary({ summary: [] })).toBeNull();
    expect(parseSummary({ summary: ['district'] })).toBe('district');
    for (const summary of [['city'], ['district', 'district'], ['district', 'city'], ['']]) {
      const e = refused(() => parseSummary({ summary }));
      expect(e).toBeInstanceOf(ApiError);
      expect(e).toMatchObject({ status: 400, parameter: 'summary', message: 'summary must be "district"' });
    }
  });
});

describe('districtSummaryColumns', () => {
  it("the documented columns: (bucket_start,) district_code, features, n, the layer's measures, alert counts", () => {
    const tail = ['avg_pumps_running', 'avg_flow_m3s', 'max_forebay_level_m'];
    const alerts = ['alert_notice', 'alert_warning', 'alert_critical'];
    expect(districtSummaryColumns(pumps, false)).toEqual([
      'district_code',
      'features',
      'n',
      ...tail,
      ...alerts,
    ]);
    expect(districtSummaryColumns(pumps, true)).toEqual([
      'bucket_start',
      'district_code',
      'features',
      'n',
      ...tail,
      ...alerts,
    ]);
  });
});

describe('buildDistrictSummarySql refuses what it cannot answer', () => {
  const at = { at: ['2013-09-12T22:00:00Z'] };
  it.each([
    ['moving things', findLayer('muck-trucks')!, at, true, 400, 'summary', /muck-trucks has none/],
    [
      'moving features that store district codes',
      { ...pumps, temporal: { ...pumps.temporal!, fixedPosition: false } },
      at,
      true,
      400,
      'summary',
      /pump-stations has none/,
    ],
    ['a dataset without codes', pumps, at, false, 503, 'summary', /no district codes for pump-stations/],
    ['columns=', pumps, { ...at, columns: ['flow_m3s'] }, true, 400, 'columns', /not supported/],
    [
      'grid=',
      pumps,
      { from: ['2013-09-12T16:00:00Z'], to: ['2013-09-13T16:00:00Z'], bucket: ['1h'], grid: ['500'] },
      true,
      400,
      'grid',
      /not supported/,
    ],
  ] as const)('%s', (_, layer, raw, coded, status, parameter, message) => {
    const params = q(raw); // parsed outside: only the builder may refuse
    const e = refused(() => buildDistrictSummarySql(layer, params, null, undefined, false, coded));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status, parameter });
    expect(e.message).toMatch(message);
  });
});
