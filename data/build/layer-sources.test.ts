import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../layers/registry';
import { LAYER_SOURCES, layerSource } from './layer-sources';

describe('data build registry (layer sources)', () => {
  it('has exactly one source per registry layer, with readings exactly where the layer has a temporal table', () => {
    expect(Object.keys(LAYER_SOURCES).sort()).toEqual(LAYERS.map((l) => l.id).sort());
    for (const l of LAYERS)
      expect(layerSource(l.id).readings !== undefined, l.id).toBe(l.temporal !== undefined);
  });

  it('names the layer when no source is registered', () => {
    expect(() => layerSource('no-such-layer')).toThrow(/no-such-layer/);
  });

  it('writes the bulk readings (pipes, crowd, trucks) in SQL and the small ones from JS rows', () => {
    const sql = LAYERS.filter((l) => LAYER_SOURCES[l.id]?.readings?.kind === 'sql').map(
      (l) => l.temporal!.table,
    );
    expect(sql.sort()).toEqual(['crowd_readings', 'pipe_readings', 'truck_positions']);
  });
});
