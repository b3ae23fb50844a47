import { describe, expect, it } from 'vitest';
import { FILTER_PATTERN, findLayer, LAYERS } from '../../layers';
import { scopedFilters } from './use-layer-tables';

describe('scopedFilters: the overview subset at city zoom', () => {
  const pipes = findLayer('drainage-pipes')!;
  const user = [
    { column: 'material', op: 'eq' as const, value: 'hdpe' },
    { column: 'fill_ratio', op: 'ge' as const, value: '0.8' },
  ];

  it('adds trunk mains only (diameter ≥ 1500 mm) to the pipes’ feature filters at city zoom', () => {
    const s = scopedFilters(pipes, user, 'city');
    expect(s.feature).toEqual([
      { column: 'material', op: 'eq', value: 'hdpe' },
      { column: 'diameter_mm', op: 'ge', value: '1500' },
    ]);
    expect(s.reading).toEqual([
      { column: 'fill_ratio', op: 'ge', value: '0.8' },
      { column: 'diameter_mm', op: 'ge', value: '1500' },
    ]);
    expect(s.overview).toBe(true);
  });

  it('keeps every pipe at street and district zoom, and layers without an overview at every zoom', () => {
    for (const scale of ['street', 'district'] as const) {
      const s = scopedFilters(pipes, user, scale);
      expect(s.feature).toEqual([{ column: 'material', op: 'eq', value: 'hdpe' }]);
      expect(s.reading).toEqual([{ column: 'fill_ratio', op: 'ge', value: '0.8' }]);
      expect(s.overview).toBe(false);
    }
    const stations = findLayer('pump-stations')!;
    expect(stations.overview).toBeUndefined();
    expect(scopedFilters(stations, [], 'city')).toEqual({ feature: [], reading: [], overview: false });
  });

  it('shows major roads only at city zoom, every road class nearer', () => {
    const roads = findLayer('roads')!;
    const bridges = [{ column: 'is_bridge', op: 'eq' as const, value: 'true' }];
    expect(scopedFilters(roads, bridges, 'city')).toEqual({
      feature: [...bridges, { column: 'kind', op: 'eq', value: 'major_road' }],
      reading: [],
      overview: true,
    });
    expect(scopedFilters(roads, bridges, 'district')).toEqual({
      feature: bridges,
      reading: [],
      overview: false,
    });
  });

  it('every declared overview filters a filterable feature column with a value the server parses', () => {
    const withOverview = LAYERS.filter((l) => l.overview);
    expect(withOverview.map((l) => l.id)).toEqual(expect.arrayContaining(['drainage-pipes', 'roads']));
    for (const l of withOverview) {
      const w = l.overview!.where;
      expect(l.columns[w.column], l.id).toBeDefined();
      expect(l.filterable, l.id).toContain(w.column);
      expect(FILTER_PATTERN.test(`${w.column}:${w.op}:${w.value}`), l.id).toBe(true);
      expect(l.overview!.label['zh-CN'].length).toBeGreaterThan(3);
    }
  });
});
