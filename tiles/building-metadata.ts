import type { BuildingFootprint } from '../data/building-footprint';

/** Id of the EXT_structural_metadata schema written into every building tile. */
export const BUILDING_SCHEMA_ID = 'city_ops_buildings';
/** Class name of a building in the property tables. */
export const BUILDING_CLASS = 'building';

/** One property of the building class: metadata type plus how to read it from a footprint. */
export interface BuildingPropertyDef {
  type: 'STRING' | 'SCALAR' | 'BOOLEAN';
  componentType?: 'INT64' | 'FLOAT32' | 'INT16';
  required?: boolean;
  noData?: string | number;
  description: string;
}

/**
 * The building class, matching the `buildings` layer columns (layers/defs/base.ts): id, osm_id, name, height,
 * min_height, height_source, levels, kind, synthetic. Nullable columns use a `noData` sentinel ("" for name, −1 for levels).
 */
export const BUILDING_PROPERTIES: Record<string, BuildingPropertyDef> = {
  id: { type: 'STRING', required: true, description: 'Stable building id (osm-… or syn-…)' },
  osm_id: { type: 'SCALAR', componentType: 'INT64', required: true, description: 'OSM id, 0 when synthetic' },
  name: { type: 'STRING', noData: '', description: 'Name, if any' },
  height: {
    type: 'SCALAR',
    componentType: 'FLOAT32',
    required: true,
    description: 'Height of the top above ground, m',
  },
  min_height: {
    type: 'SCALAR',
    componentType: 'FLOAT32',
    required: true,
    description: 'Height of the bottom above ground, m (0 unless a raised building part)',
  },
  height_source: { type: 'STRING', required: true, description: 'measured or estimated' },
  levels: { type: 'SCALAR', componentType: 'INT16', noData: -1, description: 'Number of levels, if known' },
  kind: { type: 'STRING', required: true, description: 'OSM kind / kind_detail' },
  synthetic: { type: 'BOOLEAN', required: true, description: 'True for generated buildings' },
};

/** Encodes one column of the property table as the bytes EXT_structural_metadata expects (values, offsets). */
export function encodeBuildingProperty(
  key: string,
  buildings: readonly BuildingFootprint[],
): { values: Uint8Array; stringOffsets?: Uint8Array } {
  const n = buildings.length;
  const bytes = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  switch (key) {
    case 'id':
      return encodeStrings(buildings.map((b) => b.id));
    case 'name':
      return encodeStrings(buildings.map((b) => b.name ?? ''));
    case 'height_source':
      return encodeStrings(buildings.map((b) => b.heightSource));
    case 'kind':
      return encodeStrings(buildings.map((b) => b.kind));
    case 'osm_id':
      return { values: bytes(BigInt64Array.from(buildings, (b) => BigInt(Math.trunc(b.osmId)))) };
    case 'height':
      return { values: bytes(Float32Array.from(buildings, (b) => b.height)) };
    case 'min_height':
      return { values: bytes(Float32Array.from(buildings, (b) => b.minHeight)) };
    case 'levels':
      return { values: bytes(Int16Array.from(buildings, (b) => b.levels ?? -1)) };
    case 'synthetic': {
      const bits = new Uint8Array(Math.ceil(n / 8));
      buildings.forEach((b, i) => {
        if (b.synthetic) bits[i >> 3]! |= 1 << (i & 7);
      });
      return { values: bits };
    }
    default:
      throw new Error(`unknown building property ${key}`);
  }
}

function encodeStrings(strings: string[]): { values: Uint8Array; stringOffsets: Uint8Array } {
  const enc = new TextEncoder();
  const parts = strings.map((s) => enc.encode(s));
  const offsets = new Uint32Array(strings.length + 1);
  let total = 0;
  parts.forEach((p, i) => {
    offsets[i] = total;
    total += p.length;
  });
  offsets[strings.length] = total;
  const values = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    values.set(p, o);
    o += p.length;
  }
  return { values, stringOffsets: new Uint8Array(offsets.buffer) };
}
