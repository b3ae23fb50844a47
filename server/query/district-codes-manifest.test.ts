import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLayer } from '../../layers';
import { manifestFolders } from '../test-support/manifest-folders';
import { loadDistrictCodedTables, readingsDistrictPredicate, usesDistrictCode } from './district-codes';
import { SqlParams } from './sql-params';

/** A data folder with `manifest` as manifest.json (removed after these tests). */
const folder = manifestFolders('codes-');
const note = (over: object) => ({
  districtCodes: { column: 'district_code', ambiguous: 0, tables: ['rain_gauges', 'pump_stations'], ...over },
});

describe('loadDistrictCodedTables trusts only a clean note of the build', () => {
  it('lists the string table names of a note with no ambiguous feature; reads each folder once', () => {
    const dir = folder(note({ tables: ['rain_gauges', 7, 'pump_stations', null] }));
    const got = loadDistrictCodedTables(dir);
    expect([...got]).toEqual(['rain_gauges', 'pump_stations']);
    writeFileSync(join(dir, 'manifest.json'), '{}');
    expect(loadDistrictCodedTables(dir)).toBe(got);
  });

  it.each([
    ['no manifest', undefined],
    ['not JSON', '{"districtCodes": '],
    ['no note', { tables: {} }],
    ['another column', note({ column: 'district' })],
    ['ambiguous features', note({ ambiguous: 2 })],
    ['ambiguous not a number', note({ ambiguous: '0' })],
    ['tables not a list', note({ tables: 'rain_gauges' })],
  ])('%s: none (the polygon test answers)', (_, manifest) => {
    expect(loadDistrictCodedTables(folder(manifest)).size).toBe(0);
  });
});

describe('usesDistrictCode', () => {
  const gauges = findLayer('rain-gauges')!;
  const sites = findLayer('construction-sites')!;
  const trucks = findLayer('muck-trucks')!;
  it('features of a coded table with the column; readings only of fixed features', () => {
    const coded = new Set([gauges.table, sites.table, trucks.table]);
    expect(usesDistrictCode(gauges, coded, 'features')).toBe(true);
    expect(usesDistrictCode(gauges, coded, 'readings')).toBe(true);
    expect(usesDistrictCode(sites, coded, 'features')).toBe(true);
    expect(usesDistrictCode(sites, coded, 'readings')).toBe(false); // no readings
    expect(usesDistrictCode(trucks, coded, 'features')).toBe(false); // moving: no district_code column
    expect(usesDistrictCode(gauges, new Set([sites.table]), 'features')).toBe(false); // not vouched for
  });
});

describe('readingsDistrictPredicate', () => {
  it('bounds the Morton key (hkey) as well as lon/lat, so zone maps on hkey prune row groups', () => {
    const gauges = findLayer('rain-gauges')!;
    const p = new SqlParams();
    const sql = readingsDistrictPredicate(p, gauges, {
      kind: 'district-code',
      code: '310101',
      bbox: [121.4, 31.2, 121.5, 31.25],
    });
    expect(sql).toMatch(/^\(\("hkey" BETWEEN \$\d+ AND \$\d+ AND "lon" BETWEEN/);
    expect(sql).toContain(
      `"${gauges.temporal!.key}" IN (SELECT "${gauges.idColumn}" FROM "${gauges.table}" WHERE`,
    );
    expect(p.values).toContain('310101');
  });
});
