import { describe, expect, it } from 'vitest';
import { DISTRICT_CODE, DISTRICT_CODE_COLUMN, geometryColumns, readingBaseColumns } from './geometry-columns';
import { LAYERS } from './registry';
import { t } from './text';
import type { ColumnMap } from './types';

/** name → [type, unit] of a column map, for comparing with the tables below (written from API.md by hand). */
const shape = (cols: ColumnMap) =>
  Object.fromEntries(Object.entries(cols).map(([k, c]) => [k, [c.type, c.unit ?? null]]));

const DEG = ['float64', '°'];
const BBOX = { xmin: DEG, ymin: DEG, xmax: DEG, ymax: DEG };
const LONLAT_HKEY = { lon: DEG, lat: DEG, hkey: ['int64', null] };

describe('geometry columns (the wire contract of API.md)', () => {
  it('gives each geometry kind its typed columns, degrees for coordinates', () => {
    expect(shape(geometryColumns('point'))).toEqual(LONLAT_HKEY);
    expect(shape(geometryColumns('line'))).toEqual({
      path: ['list<float64>', null],
      ...BBOX,
      ...LONLAT_HKEY,
    });
    expect(shape(geometryColumns('polygon'))).toEqual({
      rings: ['list<list<float64>>', null],
      ...BBOX,
      ...LONLAT_HKEY,
    });
    expect(shape(geometryColumns('cell'))).toEqual({ cell_size_m: ['float32', 'm'], ...LONLAT_HKEY });
  });

  it('labels the coordinate columns in both languages', () => {
    const line = geometryColumns('line');
    expect(Object.fromEntries(Object.entries(line).map(([k, c]) => [k, c.label.en]))).toEqual({
      path: 'Path',
      xmin: 'West',
      ymin: 'South',
      xmax: 'East',
      ymax: 'North',
      lon: 'Longitude',
      lat: 'Latitude',
      hkey: 'Spatial sort key',
    });
  });

  it('starts every readings table with time, a text key, position and spatial key', () => {
    expect(shape(readingBaseColumns('station_id', t('泵站编号', 'Station ID')))).toEqual({
      ts: ['timestamp', null],
      station_id: ['utf8', null],
      ...LONLAT_HKEY,
    });
  });

  it('gives fixed features a nullable text district code (null outside every district)', () => {
    expect(DISTRICT_CODE).toBe('district_code');
    expect(DISTRICT_CODE_COLUMN).toEqual({
      district_code: { type: 'utf8', label: t('区划代码', 'District code'), nullable: true },
    });
    // the fixed-position feature tables of the registry (stations, points, gauges, pipes, cells, sites, …)
    const coded = LAYERS.filter((l) => l.columns[DISTRICT_CODE]).map((l) => l.id);
    expect(coded).toEqual(
      expect.arrayContaining(['pump-stations', 'waterlogging-points', 'rain-gauges', 'crowd-density']),
    );
    for (const id of coded)
      expect(LAYERS.find((l) => l.id === id)!.columns[DISTRICT_CODE]!.nullable).toBe(true);
  });
});
