import { describe, expect, it } from 'vitest';
import { defineLayer, LayerDefinitionError } from './define-layer';
import { EVENT_LAYERS, expectedTables, findLayer, GROUPS, LAYERS } from './registry';

describe('layer registry', () => {
  it('has unique ids and tables, and every group is known', () => {
    const ids = LAYERS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    const tables = expectedTables();
    expect(new Set(tables).size).toBe(tables.length);
    const groups = new Set(GROUPS.map((g) => g.id));
    for (const l of LAYERS) expect(groups.has(l.group)).toBe(true);
  });

  it('covers the layers the product needs', () => {
    for (const id of [
      'buildings',
      'roads',
      'districts',
      'metro-stations',
      'pump-stations',
      'drainage-pipes',
      'waterlogging-points',
      'rain-gauges',
      'crowd-density',
      'construction-sites',
      'muck-trucks',
      'evacuation-points',
      'flood-teams',
    ]) {
      expect(findLayer(id), id).toBeDefined();
    }
  });

  it('appends geometry columns and derives legends', () => {
    const pumps = findLayer('pump-stations')!;
    expect(Object.keys(pumps.columns)).toEqual(expect.arrayContaining(['lon', 'lat', 'hkey']));
    expect(pumps.legend.entries.map((e) => e.label.en)).toEqual(['Running', 'Standby', 'Fault', 'Offline']);
    const pipes = findLayer('drainage-pipes')!;
    expect(Object.keys(pipes.columns)).toEqual(expect.arrayContaining(['path', 'xmin', 'ymax']));
    expect(pipes.legend.title.en).toBe('Fill ratio');
    expect(pipes.legend.entries.at(-1)!.label.en).toBe('≥ 0.95');
  });

  it('rejects a definition that styles by a missing column', () => {
    const base = findLayer('metro-stations')!;
    expect(() =>
      defineLayer({
        ...base,
        id: 'broken',
        style: { ...base.style, color: { kind: 'threshold', by: 'nope', stops: [] } },
      }),
    ).toThrow(LayerDefinitionError);
  });

  it('rejects a threshold colour on a text column', () => {
    const base = findLayer('metro-stations')!;
    expect(() =>
      defineLayer({
        ...base,
        id: 'broken',
        style: { ...base.style, color: { kind: 'threshold', by: 'name', stops: [] } },
      }),
    ).toThrow(/numeric/);
  });

  it('lists feature, readings and snapshot tables, and a group for the event layer too', () => {
    const tables = expectedTables();
    // by hand from the definitions: a feature table, its readings, trucks' latest-position snapshots
    expect(tables).toEqual(
      expect.arrayContaining([
        'pump_stations',
        'pump_station_readings',
        'truck_positions',
        'truck_positions_latest',
      ]),
    );
    expect(tables).not.toContain('events');
    expect(tables).toHaveLength(LAYERS.length + LAYERS.filter((l) => l.temporal).length + 1);
    expect(GROUPS.map((g) => g.id)).toEqual([
      'base',
      'drainage',
      'crowd',
      'construction',
      'emergency',
      'incidents',
    ]);
    for (const l of EVENT_LAYERS) expect(GROUPS.map((g) => g.id)).toContain(l.group);
  });
});
