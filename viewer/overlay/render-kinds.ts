import { GridLayer, HeatmapLayer, HexagonLayer } from '@deck.gl/aggregation-layers';
import { COORDINATE_SYSTEM, type Layer } from '@deck.gl/core';
import { TripsLayer } from '@deck.gl/geo-layers';
import { ColumnLayer, IconLayer, PathLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { ColorRule, LayerDefinition, RenderKind, Rgba, StyleSpec } from '../../layers';
import type { BinaryPaths, LayerBinary } from '../data/build-layer-binary';
import { iconAtlas, iconMapping } from './icon-atlas';

/** Options that come from outside the layer's own data: clock, opacity, highlight. */
export interface RenderOptions {
  opacity: number;
  /** Seconds after the trail start at which `trips` are drawn (the clock time). */
  tripTime: number;
}

/** Which engine draws a render kind: deck.gl classes over the globe, or Cesium itself (3D Tiles). */
export const RENDER_ENGINE: Record<RenderKind, 'deck' | 'cesium'> = {
  tiles3d: 'cesium',
  scatterplot: 'deck',
  path: 'deck',
  column: 'deck',
  polygon: 'deck',
  heatmap: 'deck',
  hexagon: 'deck',
  grid: 'deck',
  trips: 'deck',
  icon: 'deck',
};

/**
 * No per-layer polygon offset. deck.gl's default pulls each layer `100 × layerIndex` depth units toward the
 * camera; with the overlay's near plane at focal/1000 that is tens of metres at a 1.5 km view per layer, so a
 * flat layer late in the stack (the crowd grid) passed the depth test in front of the building occluder and
 * painted over tower bases. Depth must be true depth here: the occluder and every layer use none.
 */
export const NO_POLYGON_OFFSET = (): [number, number] => [0, 0];
const base = {
  coordinateSystem: COORDINATE_SYSTEM.CARTESIAN,
  pickable: true,
  getPolygonOffset: NO_POLYGON_OFFSET,
} as const;
/**
 * Flat layers on the ground test depth (so towers hide them) but write none: otherwise a road or the river,
 * being nearer the camera than the lower half of a billboarded station disc, would cut the disc in half.
 * Writing no depth, ground layers also cannot z-fight one another; they draw in stack order.
 */
export const GROUND_PARAMETERS = { depthWriteEnabled: false, depthCompare: 'less-equal' } as const;
const ground = { parameters: GROUND_PARAMETERS } as const;
/** Solids (extruded columns, models) test and write depth. */
export const SOLID_PARAMETERS = { depthWriteEnabled: true, depthCompare: 'less-equal' } as const;
/**
 * Depth without colour: the occluder is drawn with blending that keeps the destination colour (source factor
 * zero, destination factor one) while it writes depth. `colorMask` is not a per-draw parameter in luma.gl 9 (it
 * belongs to the render pass), so a layer's `colorMask: 0` was not applied as meant and the occluder wrote no
 * usable depth: the crowd grid painted over Lujiazui's towers.
 */
export const DEPTH_ONLY_PARAMETERS = {
  ...SOLID_PARAMETERS,
  blend: true,
  blendColorOperation: 'add',
  blendColorSrcFactor: 'zero',
  blendColorDstFactor: 'one',
  blendAlphaOperation: 'add',
  blendAlphaSrcFactor: 'zero',
  blendAlphaDstFactor: 'one',
} as const;
const colorAttr = (value: Uint8Array) => ({ value, size: 4, normalized: true });
const posAttr = (value: Float32Array) => ({ value, size: 3 });

function pointData(p: NonNullable<LayerBinary['points']>) {
  return {
    length: p.length,
    attributes: {
      getPosition: posAttr(p.positions),
      getFillColor: colorAttr(p.colors),
      getLineColor: colorAttr(p.colors),
    },
  };
}

function pathData(p: BinaryPaths, extra: Record<string, unknown> = {}) {
  return {
    length: p.length,
    startIndices: p.startIndices,
    attributes: { getPath: posAttr(p.positions), getColor: colorAttr(p.colors), ...extra },
  };
}

function thresholdIndexRange(rule: ColorRule): { range: Rgba[]; domain: [number, number] } | null {
  if (rule.kind !== 'threshold') return null;
  return { range: rule.stops.map((s) => s.color), domain: [0, rule.stops.length] };
}

function scatter(id: string, s: StyleSpec, b: LayerBinary, o: RenderOptions): Layer[] {
  if (!b.points) return [];
  return [
    new ScatterplotLayer({
      ...base,
      id,
      data: pointData(b.points),
      billboard: true,
      radiusUnits: 'meters',
      getRadius: s.radiusMeters ?? 30,
      radiusMinPixels: s.radiusMinPixels ?? 3,
      opacity: o.opacity,
      parameters: { depthCompare: 'less-equal' },
    }),
  ];
}

/** Smallest icon on screen in pixels: a glyph below this size cannot be read. */
export const ICON_MIN_PIXELS = 22;

/**
 * Icons: a badge disc tinted per feature by the colour rule (`<id>-badge`, the atlas's mask cell) and the
 * style's glyph on it with a dark rim (`<id>-glyph`, drawn in the atlas's own colours), both billboards sized
 * like the disc they replace (diameter 2 × radiusMeters) and never below `ICON_MIN_PIXELS`.
 */
function icons(id: string, s: StyleSpec, b: LayerBinary, o: RenderOptions): Layer[] {
  if (!b.points) return [];
  const p = b.points;
  const common = {
    ...base,
    iconAtlas: iconAtlas() as never,
    iconMapping: iconMapping(),
    billboard: true,
    sizeUnits: 'meters' as const,
    getSize: 2 * (s.radiusMeters ?? 30),
    sizeMinPixels: Math.max(ICON_MIN_PIXELS, 2 * (s.radiusMinPixels ?? 0)),
    sizeMaxPixels: 72,
    opacity: o.opacity,
    parameters: { depthCompare: 'less-equal' as const },
  };
  const data = {
    length: p.length,
    attributes: { getPosition: posAttr(p.positions), getColor: colorAttr(p.colors) },
  };
  const glyph = s.icon ?? 'shelter';
  return [
    new IconLayer({ ...common, id: `${id}-badge`, data, getIcon: () => 'badge' }),
    new IconLayer({ ...common, id: `${id}-glyph`, data, getIcon: () => glyph }),
  ];
}

function aggregation(
  kind: 'grid' | 'hexagon' | 'heatmap',
  id: string,
  s: StyleSpec,
  b: LayerBinary,
  o: RenderOptions,
) {
  if (!b.points) return [];
  const p = b.points;
  // Colour bins follow the ColorRule exactly: each point's weight is its threshold band index + 0.5.
  const t = thresholdIndexRange(s.color);
  const band = new Float32Array(p.length);
  if (t && s.color.kind === 'threshold') {
    const c = p.colors;
    const stops = s.color.stops;
    for (let i = 0; i < p.length; i++) {
      let k = 0;
      for (let j = 0; j < stops.length; j++) {
        const sc = stops[j]!.color;
        if (sc[0] === c[4 * i] && sc[1] === c[4 * i + 1] && sc[2] === c[4 * i + 2]) k = j;
      }
      band[i] = k + 0.5;
    }
  }
  const data = {
    length: p.length,
    attributes: {
      getPosition: posAttr(p.positions),
      getColorWeight: { value: band, size: 1 },
      getElevationWeight: { value: p.weights, size: 1 },
      getWeight: { value: p.weights, size: 1 },
    },
  };
  // Keep alpha: a band may be transparent on purpose (e.g. the crowd layer's background densities).
  const rgb = (t?.range ?? [[253, 141, 60, 255]]).map(
    (c) => [c[0], c[1], c[2], c[3] ?? 255] as [number, number, number, number],
  );
  if (kind === 'heatmap') {
    return [new HeatmapLayer({ ...base, pickable: false, id, data, colorRange: rgb, opacity: o.opacity })];
  }
  const common = {
    ...base,
    id,
    data,
    gpuAggregation: false,
    colorAggregation: 'MAX' as const,
    // MAX: a deck bin overlaps up to four 100 m data cells; summing them would inflate the count per cell.
    elevationAggregation: 'MAX' as const,
    colorScaleType: 'quantize' as const,
    colorDomain: t?.domain ?? null,
    colorRange: rgb,
    extruded: (s.elevationScale ?? 0) > 0,
    elevationScale: s.elevationScale ?? 1,
    opacity: o.opacity,
    // Flat cells lie on the ground like polygons; extruded columns are solids and write depth.
    parameters: (s.elevationScale ?? 0) > 0 ? SOLID_PARAMETERS : GROUND_PARAMETERS,
  };
  return kind === 'grid'
    ? [new GridLayer({ ...common, cellSize: s.cellSizeMeters ?? 100 })]
    : [new HexagonLayer({ ...common, radius: (s.cellSizeMeters ?? 100) / 2 })];
}

/**
 * Maps one layer's render kind to deck.gl layers — the single place where the vocabulary of render kinds
 * meets deck.gl classes (`tiles3d` is drawn by Cesium, see RENDER_ENGINE). All data is binary: typed arrays
 * for positions (ENU metres, COORDINATE_SYSTEM.CARTESIAN) and normalized Uint8 colours.
 */
export function createDeckLayers(
  def: LayerDefinition,
  s: StyleSpec,
  b: LayerBinary,
  o: RenderOptions,
): Layer[] {
  const id = def.id;
  switch (s.kind) {
    case 'tiles3d':
      return [];
    case 'scatterplot':
      return scatter(id, s, b, o);
    case 'icon':
      return icons(id, s, b, o);
    case 'column':
      if (!b.points) return [];
      return [
        new ColumnLayer({
          ...base,
          id,
          data: {
            length: b.points.length,
            attributes: {
              getPosition: posAttr(b.points.positions),
              getFillColor: colorAttr(b.points.colors),
              getElevation: { value: b.points.weights, size: 1 },
            },
          },
          radius: s.radiusMeters ?? 25,
          extruded: true,
          elevationScale: s.elevationScale ?? 1,
          diskResolution: 12,
          opacity: o.opacity,
        }),
      ];
    case 'path':
      if (!b.paths) return [];
      return [
        new PathLayer({
          ...base,
          id,
          ...ground,
          data: pathData(b.paths),
          _pathType: 'open',
          widthUnits: 'meters',
          getWidth: s.widthMeters ?? 3,
          widthMinPixels: s.widthMinPixels ?? 1,
          opacity: o.opacity,
        }),
      ];
    case 'polygon': {
      const out: Layer[] = [];
      if (b.polygons)
        out.push(
          new SolidPolygonLayer({
            ...base,
            ...ground,
            id: `${id}-fill`,
            data: {
              length: b.polygons.length,
              startIndices: b.polygons.startIndices,
              attributes: {
                getPolygon: posAttr(b.polygons.positions),
                getFillColor: colorAttr(b.polygons.colors),
                // pre-triangulated with holes cut out (deck.gl would fill each ring solid)
                indices: b.polygons.indices,
              },
            },
            _normalize: false,
            opacity: o.opacity,
          }),
        );
      if (b.outlines)
        out.push(
          new PathLayer({
            ...base,
            ...ground,
            id: `${id}-outline`,
            data: pathData(b.outlines),
            _pathType: 'open',
            widthUnits: 'pixels',
            getWidth: s.widthMinPixels ?? 1,
            opacity: Math.min(1, o.opacity * 2),
          }),
        );
      return out;
    }
    case 'grid':
    case 'hexagon':
    case 'heatmap':
      return aggregation(s.kind, id, s, b, o);
    case 'trips': {
      const out: Layer[] = [];
      if (b.trips)
        out.push(
          new TripsLayer({
            ...base,
            ...ground,
            id: `${id}-trails`,
            data: pathData(b.trips, { getTimestamps: { value: b.trips.timestamps, size: 1 } }),
            _pathType: 'open',
            widthUnits: 'pixels',
            getWidth: s.widthMinPixels ?? 2,
            currentTime: o.tripTime,
            trailLength: s.trailSeconds ?? 300,
            fadeTrail: true,
            opacity: o.opacity,
          }),
        );
      out.push(...scatter(`${id}-heads`, s, b, o));
      return out;
    }
  }
}
