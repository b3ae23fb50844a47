import { Document, NodeIO } from '@gltf-transform/core';
import { EXTMeshFeatures, EXTStructuralMetadata, KHRMeshQuantization } from '@gltf-transform/extensions';
import type { BuildingFootprint } from '../data/building-footprint';
import {
  BUILDING_CLASS,
  BUILDING_PROPERTIES,
  BUILDING_SCHEMA_ID,
  encodeBuildingProperty,
} from './building-metadata';
import type { BuildingMesh } from './extrude';
import { alignGlbBufferViews } from './glb-binary';

const io = new NodeIO().registerExtensions([EXTMeshFeatures, EXTStructuralMetadata, KHRMeshQuantization]);

/** Shared I/O with the metadata extensions registered, for reading tiles back in tests. */
export function createGltfIo(): NodeIO {
  return io;
}

function shrinkIndices(indices: Uint32Array, vertexCount: number): Uint16Array | Uint32Array {
  return vertexCount < 65535 ? Uint16Array.from(indices) : indices;
}

/**
 * Writes one tile's GLB with @gltf-transform: a single primitive (POSITION, byte NORMAL, _FEATURE_ID_0), an
 * EXT_mesh_features feature id pointing at an EXT_structural_metadata property table with one row per building;
 * every buffer view starts at a multiple of 8 bytes.
 */
export async function writeBuildingGlb(
  mesh: BuildingMesh,
  buildings: readonly BuildingFootprint[],
): Promise<Uint8Array> {
  if (buildings.length >= 65535) throw new Error(`too many buildings in one tile: ${buildings.length}`);
  const doc = new Document();
  doc.getRoot().getAsset().generator = 'city-ops-twin tiles (glTF-Transform)';
  const buffer = doc.createBuffer();
  const vertexCount = mesh.featureIds.length;

  const position = doc.createAccessor().setType('VEC3').setArray(mesh.positions).setBuffer(buffer);
  // Normals as normalized bytes (KHR_mesh_quantization): 4 instead of 12 bytes a vertex, error < 0.5°.
  doc.createExtension(KHRMeshQuantization).setRequired(true);
  const normal = doc
    .createAccessor()
    .setType('VEC3')
    .setArray(Int8Array.from(mesh.normals, (x) => Math.round(x * 127)))
    .setNormalized(true)
    .setBuffer(buffer);
  const featureId = doc.createAccessor().setType('SCALAR').setArray(mesh.featureIds).setBuffer(buffer);
  const indices = doc
    .createAccessor()
    .setType('SCALAR')
    .setArray(shrinkIndices(mesh.indices, vertexCount))
    .setBuffer(buffer);

  const material = doc
    .createMaterial('building')
    .setBaseColorFactor([0.86, 0.87, 0.9, 1])
    .setMetallicFactor(0)
    .setRoughnessFactor(0.85);

  const prim = doc
    .createPrimitive()
    .setMode(4)
    .setAttribute('POSITION', position)
    .setAttribute('NORMAL', normal)
    .setAttribute('_FEATURE_ID_0', featureId)
    .setIndices(indices)
    .setMaterial(material);

  const metaExt = doc.createExtension(EXTStructuralMetadata);
  const featuresExt = doc.createExtension(EXTMeshFeatures);

  const cls = metaExt.createClass().setName('Building');
  for (const [key, def] of Object.entries(BUILDING_PROPERTIES)) {
    const p = metaExt.createClassProperty().setType(def.type).setDescription(def.description);
    if (def.componentType) p.setComponentType(def.componentType);
    if (def.required) p.setRequired(true);
    if (def.noData !== undefined) p.setNoData(def.noData);
    cls.setProperty(key, p);
  }
  const schema = metaExt.createSchema().setId(BUILDING_SCHEMA_ID).setClass(BUILDING_CLASS, cls);

  const table = metaExt
    .createPropertyTable()
    .setClass(BUILDING_CLASS)
    .setCount(buildings.length)
    .setName('buildings');
  for (const key of Object.keys(BUILDING_PROPERTIES)) {
    const enc = encodeBuildingProperty(key, buildings);
    // An optional column with no bytes at all (no names in this tile) is left out: zero-length buffer views are
    // invalid glTF, and an absent optional property reads as no data.
    if (enc.values.byteLength === 0 && !BUILDING_PROPERTIES[key]?.required) continue;
    const p = metaExt.createPropertyTableProperty().setValues(enc.values);
    if (enc.stringOffsets) p.setStringOffsets(enc.stringOffsets).setStringOffsetType('UINT32');
    table.setProperty(key, p);
  }
  const metadata = metaExt.createStructuralMetadata().setSchema(schema).addPropertyTable(table);
  doc.getRoot().setExtension('EXT_structural_metadata', metadata);

  const fid = featuresExt
    .createFeatureID()
    .setFeatureCount(buildings.length)
    .setAttribute(0)
    .setLabel('building')
    .setPropertyTable(table);
  prim.setExtension('EXT_mesh_features', featuresExt.createFeatures().addFeatureID(fid));

  const gltfMesh = doc.createMesh('buildings').addPrimitive(prim);
  const node = doc.createNode('buildings').setMesh(gltfMesh);
  doc.createScene('tile').addChild(node);
  doc.getRoot().setDefaultScene(doc.getRoot().listScenes()[0]!);
  // glTF-Transform writes extension buffer views back to back; EXT_structural_metadata needs each property-table
  // view aligned to its component size (INT64: 8), so the views are laid out again on 8-byte boundaries.
  return alignGlbBufferViews(await io.writeBinary(doc));
}
