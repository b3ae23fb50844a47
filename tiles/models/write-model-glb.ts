import { Document, NodeIO } from '@gltf-transform/core';
import type { BufferGeometry } from 'three';
import { mergeGeometries } from 'three/addons/utils/BufferGeometryUtils.js';
import { alignGlbBufferViews } from '../glb-binary';
import { linearRgb, type ModelPart } from './model-parts';

const io = new NodeIO();

/** Non-indexed copy with only POSITION and NORMAL, so parts of any three.js geometry kind merge together. */
function positionsAndNormals(g: BufferGeometry): BufferGeometry {
  const flat = g.index ? g.toNonIndexed() : g.clone();
  for (const name of Object.keys(flat.attributes)) {
    if (name !== 'position' && name !== 'normal') flat.deleteAttribute(name);
  }
  flat.computeVertexNormals(); // flat shading: each triangle its own normals (non-indexed)
  return flat;
}

/**
 * Writes a model's parts as a GLB with @gltf-transform: one primitive per material (parts of the same material
 * merged with three's `mergeGeometries`), flat non-metallic colours, every buffer view 8-byte aligned. The bytes
 * depend only on the parts, so builds are deterministic.
 */
export async function writeModelGlb(name: string, parts: readonly ModelPart[]): Promise<Uint8Array> {
  const doc = new Document();
  doc.getRoot().getAsset().generator = 'city-ops-twin models (three.js + glTF-Transform)';
  const buffer = doc.createBuffer();
  const mesh = doc.createMesh(name);
  const byMaterial = new Map<string, ModelPart[]>();
  for (const p of parts) byMaterial.set(p.material, [...(byMaterial.get(p.material) ?? []), p]);
  for (const [material, group] of byMaterial) {
    const colors = new Set(group.map((p) => p.color));
    if (colors.size !== 1) throw new Error(`${name}: material ${material} has ${colors.size} colours`);
    const merged = mergeGeometries(group.map((p) => positionsAndNormals(p.geometry)));
    if (!merged) throw new Error(`${name}: could not merge the ${material} parts`);
    const position = doc
      .createAccessor()
      .setType('VEC3')
      .setArray(Float32Array.from(merged.getAttribute('position').array))
      .setBuffer(buffer);
    const normal = doc
      .createAccessor()
      .setType('VEC3')
      .setArray(Float32Array.from(merged.getAttribute('normal').array))
      .setBuffer(buffer);
    const mat = doc
      .createMaterial(material)
      .setBaseColorFactor([...linearRgb(group[0]!.color), 1])
      .setMetallicFactor(0)
      .setRoughnessFactor(0.8);
    mesh.addPrimitive(
      doc
        .createPrimitive()
        .setAttribute('POSITION', position)
        .setAttribute('NORMAL', normal)
        .setMaterial(mat),
    );
  }
  const node = doc.createNode(name).setMesh(mesh);
  doc.getRoot().setDefaultScene(doc.createScene(name).addChild(node));
  return alignGlbBufferViews(await io.writeBinary(doc));
}
