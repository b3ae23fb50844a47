import { describe, expect, it } from 'vitest';
import type { LayerDefinition, StyleSpec } from '../../layers';
import type { LayerBinary } from '../data/build-layer-binary';
import { ICON_CELL, ICON_GLYPHS, iconMapping } from './icon-atlas';
import { createDeckLayers, ICON_MIN_PIXELS } from './render-kinds';

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

describe('createDeckLayers icons', () => {
  it("draws an icon layer as a tinted badge (mask) under the style's glyph (own colours), no disc", () => {
    const layers = layersOf({ kind: 'icon', icon: 'team', radiusMeters: 30, radiusMinPixels: 4 });
    expect(layers.map((l) => [l.id, l.constructor.name])).toEqual([
      ['x-badge', 'IconLayer'],
      ['x-glyph', 'IconLayer'],
    ]);
    const [badge, glyph] = layers as unknown as { props: Record<string, unknown> }[];
    const mapping = badge!.props.iconMapping as ReturnType<typeof iconMapping>;
    expect((badge!.props.getIcon as () => string)()).toBe('badge');
    expect((glyph!.props.getIcon as () => string)()).toBe('team');
    expect(mapping.badge.mask).toBe(true);
    expect(mapping.team.mask).toBe(false);
    expect(badge!.props.getSize).toBe(60);
    expect(badge!.props.sizeMinPixels).toBe(ICON_MIN_PIXELS);
  });
  it('maps every glyph to its own cell of the atlas, anchored at the centre', () => {
    const m = iconMapping();
    const xs = ['badge', ...ICON_GLYPHS].map((n) => m[n as keyof typeof m].x);
    expect(new Set(xs).size).toBe(1 + ICON_GLYPHS.length);
    for (const f of Object.values(m))
      expect([f.width, f.anchorX * 2, f.anchorY * 2]).toEqual([ICON_CELL, ICON_CELL, ICON_CELL]);
  });
});
