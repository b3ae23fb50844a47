import { validateBytes } from 'gltf-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSyntheticBuildings } from '../data/generate/synthetic-buildings';
import { checkGlbBinary } from './check-glb-binary';
import { createMeshBuilder, extrudeBuilding, finishMesh } from './extrude';
import { createEnuFrame } from './geodesy';
import { CHUNK_BIN, CHUNK_JSON, type GltfJsonLayout, parseGlb } from './glb-binary';
import { writeBuildingGlb } from './write-glb';

let glb: Uint8Array;

interface MetaJson {
  propertyTables: { properties: Record<string, { values: number; stringOffsets?: number }> }[];
}
const metaOf = (json: GltfJsonLayout): MetaJson =>
  (json.extensions as { EXT_structural_metadata: MetaJson }).EXT_structural_metadata;

/** Writes a GLB by hand (header + chunks exactly as given, no padding added), for mutations. */
function rawGlb(jsonBytes: Uint8Array, bin: Uint8Array, headerLength?: number): Uint8Array {
  const total = 12 + 8 + jsonBytes.byteLength + 8 + bin.byteLength;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0x46546c67, true);
  dv.setUint32(4, 2, true);
  dv.setUint32(8, headerLength ?? total, true);
  dv.setUint32(12, jsonBytes.byteLength, true);
  dv.setUint32(16, CHUNK_JSON, true);
  out.set(jsonBytes, 20);
  const at = 20 + jsonBytes.byteLength;
  dv.setUint32(at, bin.byteLength, true);
  dv.setUint32(at + 4, CHUNK_BIN, true);
  out.set(bin, at + 8);
  return out;
}

const spacePadded = (json: unknown, fill = 0x20): Uint8Array => {
  const text = new TextEncoder().encode(JSON.stringify(json));
  const out = new Uint8Array((text.byteLength + 3) & ~3).fill(fill);
  out.set(text);
  return out;
};

/** Moves every buffer view from `index` on by `shift` bytes (bytes moved with them), keeping the file valid else. */
function shiftViewsFrom(bytes: Uint8Array, index: number, shift: number): Uint8Array {
  const { json, bin } = parseGlb(bytes);
  const views = json.bufferViews!;
  const from = views[index]!.byteOffset ?? 0;
  const next = new Uint8Array(((bin!.byteLength + shift + 3) & ~3) >>> 0);
  next.set(bin!.subarray(0, from));
  next.set(bin!.subarray(from), from + shift);
  for (const v of views) if ((v.byteOffset ?? 0) >= from) v.byteOffset = (v.byteOffset ?? 0) + shift;
  json.buffers![0]!.byteLength += shift;
  return rawGlb(spacePadded(json), next);
}

beforeAll(async () => {
  const buildings = generateSyntheticBuildings({ count: 2000, seed: 3 }).slice(0, 60);
  const origin = buildings[0]!.polygons[0]![0]![0]!;
  const builder = createMeshBuilder();
  const frame = createEnuFrame(origin[0]!, origin[1]!);
  buildings.forEach((b, i) => {
    extrudeBuilding(builder, b, frame, i);
  });
  glb = await writeBuildingGlb(finishMesh(builder), buildings);
});

describe('building GLBs on raw bytes', () => {
  it('start every buffer view at a multiple of 8 and pass the binary checks and the glTF validator', async () => {
    const { json } = parseGlb(glb);
    const offsets = json.bufferViews!.map((v) => v.byteOffset ?? 0);
    expect(offsets.length).toBeGreaterThan(10);
    expect(offsets.filter((o) => o % 8 !== 0)).toEqual([]);
    const osm = metaOf(json).propertyTables[0]!.properties.osm_id!;
    expect((json.bufferViews![osm.values]!.byteOffset ?? 0) % 8).toBe(0);
    expect(checkGlbBinary(glb, 'tile')).toEqual([]);
    const report = await validateBytes(glb);
    expect(report.issues.numErrors).toBe(0);
  });

  it('finds a property-table view moved off its alignment (INT64 osm_id 4 bytes late)', () => {
    const { json } = parseGlb(glb);
    const osmView = metaOf(json).propertyTables[0]!.properties.osm_id!.values;
    const bad = shiftViewsFrom(glb, osmView, 4);
    const problems = checkGlbBinary(bad, 'tile');
    expect(problems.some((p) => p.includes('osm_id.values') && p.includes('not aligned to 8 bytes'))).toBe(
      true,
    );
    // Same shift by 8 keeps it aligned: the check is about alignment, not about the move.
    expect(checkGlbBinary(shiftViewsFrom(glb, osmView, 8), 'tile')).toEqual([]);
  });

  it('finds an accessor that starts off its component size', () => {
    const { json } = parseGlb(glb);
    const pos = json.accessors!.findIndex((a) => a.componentType === 5126);
    const problems = checkGlbBinary(shiftViewsFrom(glb, json.accessors![pos]!.bufferView!, 2), 'tile');
    expect(problems.some((p) => p.includes(`accessor ${pos} `) && p.includes('not aligned'))).toBe(true);
  });

  it('finds broken chunk padding: JSON padded with NULs, BIN padded with non-zeros, odd chunk length', () => {
    const { json, bin } = parseGlb(glb);
    let jsonText = new TextEncoder().encode(JSON.stringify(json));
    if (jsonText.byteLength % 4 === 0) jsonText = new TextEncoder().encode(`${JSON.stringify(json)} `);
    const nulPadded = new Uint8Array((jsonText.byteLength + 3) & ~3); // padding needed, left as NULs
    nulPadded.set(jsonText);
    expect(checkGlbBinary(rawGlb(nulPadded, bin!), 't').some((p) => p.includes('JSON chunk'))).toBe(true);

    const json2 = structuredClone(json);
    json2.buffers![0]!.byteLength -= 2; // last two bytes of BIN become padding…
    const bin2 = bin!.slice();
    bin2[bin2.byteLength - 1] = 7; // …and one of them is not zero
    expect(checkGlbBinary(rawGlb(spacePadded(json2), bin2), 't')).toContain(
      't: BIN chunk padding is not zeros',
    );

    const odd = checkGlbBinary(rawGlb(jsonText, bin!), 't');
    expect(odd.some((p) => p.includes('chunk 0 length') && p.includes('not a multiple of 4'))).toBe(true);
  });

  it('finds a buffer view that runs past its buffer and a header length that lies', () => {
    const { json, bin } = parseGlb(glb);
    const last = json.bufferViews!.length - 1;
    json.bufferViews![last]!.byteLength += 16;
    const problems = checkGlbBinary(rawGlb(spacePadded(json), bin!), 't');
    expect(
      problems.some((p) => p.startsWith(`t: bufferView ${last} `) && p.includes('outside buffer 0')),
    ).toBe(true);
    const { json: j2 } = parseGlb(glb);
    const lying = rawGlb(spacePadded(j2), bin!, glb.byteLength + 4);
    expect(checkGlbBinary(lying, 't').some((p) => p.includes('header length'))).toBe(true);
  });
});
