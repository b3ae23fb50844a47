import { describe, expect, it } from 'vitest';
import type { LayerDefinition, StyleSpec } from '../../layers';
import type { LayerBinary } from '../data/build-layer-binary';
import { createDeckLayers } from './render-kinds';

const points: NonNullable<LayerBinary['points']> = {
  length: 1,
  positions: new Float32Array([0, 0, 0]),
  colors: new Uint8Array([255, 0, 0, 255]),
  weights: new Float32Array([1]),
} as NonNullable<LayerBinary['points']>;

function layersOf(style: Partial<StyleSpec>) {
  const s = { color: { kind: 'constant', color: [255, 0, 0, 255] }, ...style } as StyleSpec;
  const def = { id: 'x', style: s } as unknown as LayerDefinition;
  return createDeckLayers(def, s, { points } as LayerBinary, { opacity: 1, tripTime: 0 });
}

describe('createDeckLayers depth', () => {
  it('gives deck layers no per-layer-index polygon offset (it pulled flat layers in front of the occluder)', () => {
    for (const kind of ['grid', 'hexagon', 'scatterplot', 'column'] as const) {
      for (const l of layersOf({ kind })) {
        const off = (l.props.getPolygonOffset as (u: { layerIndex: number }) => number[])({ layerIndex: 12 });
        expect(
          off.map((v) => Math.abs(v)),
          kind,
        ).toEqual([0, 0]);
      }
    }
  });
  it('flat crowd cells test depth against buildings but write none; extruded ones write depth', () => {
    const [flat] = layersOf({ kind: 'grid' });
    expect(flat?.props.parameters).toMatchObject({ depthCompare: 'less-equal', depthWriteEnabled: false });
    const [tall] = layersOf({ kind: 'grid', elevationScale: 2 });
    expect(tall?.props.parameters).toMatchObject({ depthCompare: 'less-equal', depthWriteEnabled: true });
  });
});
