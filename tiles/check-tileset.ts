import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Document } from '@gltf-transform/core';
import type { Features, PropertyTable, StructuralMetadata } from '@gltf-transform/extensions';
import { validateBytes } from 'gltf-validator';
import { BUILDING_CLASS, BUILDING_PROPERTIES } from './building-metadata';
import { checkGlbBinary } from './check-glb-binary';
import { fromEcef, type Mat4, multiplyMatrices, transformPoint } from './geodesy';
import { containsRegion, type Region, type TileJson, type TilesetJson } from './tileset-json';
import { createGltfIo } from './write-glb';

/** Findings of `checkTileset`: problems (empty when valid) and what was seen. */
export interface TilesetCheck {
  problems: string[];
  tileCount: number;
  featureIds: string[];
  maxDepth: number;
}

/** Options of `checkTileset`: skip the glTF validator (slow on big tilesets) or sample vertices. */
export interface CheckTilesetOptions {
  validateGlb?: boolean;
  /** Check every n-th vertex against the content region (1 = all). */
  vertexStride?: number;
  /** Largest geometric error a leaf tile may have, in metres. */
  maxLeafError?: number;
}

const IDENTITY: Mat4 = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
// Cesium turns glTF y-up into 3D Tiles z-up: (x, y, z) → (x, −z, y).
const Y_UP_TO_Z_UP: Mat4 = [1, 0, 0, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 0, 0, 1];
const TOLERANCE_RAD = 1e-9;
const TOLERANCE_M = 0.01;

function checkRegion(region: unknown, where: string, problems: string[]): region is Region {
  if (!Array.isArray(region) || region.length !== 6 || !region.every((x) => Number.isFinite(x))) {
    problems.push(`${where}: region must be 6 finite numbers`);
    return false;
  }
  const [w, s, e, n, lo, hi] = region as Region;
  if (w < -Math.PI || e > Math.PI || s < -Math.PI / 2 || n > Math.PI / 2)
    problems.push(`${where}: region out of range`);
  if (w > e || s > n || lo > hi) problems.push(`${where}: region min > max`);
  return true;
}

function readStrings(table: PropertyTable, key: string): string[] {
  const p = table.getProperty(key);
  const offsetsBytes = p?.getStringOffsets();
  if (!p || !offsetsBytes) return [];
  const offsets = new Uint32Array(offsetsBytes.slice().buffer);
  const values = p.getValues();
  const dec = new TextDecoder();
  return Array.from({ length: table.getCount() }, (_, i) =>
    dec.decode(values.subarray(offsets[i], offsets[i + 1])),
  );
}

function checkMetadata(doc: Document, where: string, problems: string[]): { ids: string[]; count: number } {
  const meta = doc.getRoot().getExtension<StructuralMetadata>('EXT_structural_metadata');
  const schema = meta?.getSchema();
  const cls = schema?.getClass(BUILDING_CLASS);
  if (!meta || !schema || !cls) {
    problems.push(`${where}: no EXT_structural_metadata schema with class ${BUILDING_CLASS}`);
    return { ids: [], count: 0 };
  }
  const classKeys = cls.listPropertyKeys().sort();
  const expected = Object.keys(BUILDING_PROPERTIES).sort();
  if (classKeys.join() !== expected.join())
    problems.push(`${where}: class properties ${classKeys} ≠ ${expected}`);
  for (const key of classKeys) {
    const p = cls.getProperty(key)!;
    const def = BUILDING_PROPERTIES[key];
    if (def && (p.getType() !== def.type || (p.getComponentType() ?? undefined) !== def.componentType)) {
      problems.push(`${where}: property ${key} has type ${p.getType()}/${p.getComponentType()}`);
    }
  }
  const tables = meta.listPropertyTables();
  if (tables.length !== 1) problems.push(`${where}: expected 1 property table, got ${tables.length}`);
  const table = tables[0];
  if (!table) return { ids: [], count: 0 };
  if (!schema.getClass(table.getClass()))
    problems.push(`${where}: table class ${table.getClass()} not in schema`);
  for (const key of table.listPropertyKeys()) {
    if (!cls.getProperty(key)) problems.push(`${where}: table property ${key} not in class`);
  }
  for (const key of classKeys) {
    if (cls.getProperty(key)?.getRequired() && !table.getProperty(key)) {
      problems.push(`${where}: required property ${key} missing from table`);
    }
  }
  const count = table.getCount();
  const sizes: Record<string, number> = { INT64: 8, FLOAT32: 4, INT16: 2 };
  for (const key of table.listPropertyKeys()) {
    const def = BUILDING_PROPERTIES[key];
    const bytes = table.getProperty(key)!.getValues().byteLength;
    if (def?.type === 'SCALAR' && bytes !== count * (sizes[def.componentType ?? ''] ?? 0)) {
      problems.push(`${where}: ${key} has ${bytes} bytes for ${count} rows`);
    }
    if (def?.type === 'BOOLEAN' && bytes !== Math.ceil(count / 8))
      problems.push(`${where}: ${key} bitstream size`);
  }
  return { ids: readStrings(table, 'id'), count };
}

/**
 * Checks a building tileset against the 3D Tiles 1.1 rules this project relies on: asset version and required
 * fields, valid regions that contain their children and content (vertices included, through the composed tile
 * transforms), geometric error strictly decreasing with depth and small at the leaves, content URIs that resolve,
 * the GLB binary rules on raw bytes (chunks, padding, bounds, alignment: `checkGlbBinary`), glTF validator without errors, metadata schema/class/property-table consistency, feature ids within the table.
 */
export async function checkTileset(dir: string, opts: CheckTilesetOptions = {}): Promise<TilesetCheck> {
  const { validateGlb = true, vertexStride = 1, maxLeafError = 1 } = opts;
  const problems: string[] = [];
  const result: TilesetCheck = { problems, tileCount: 0, featureIds: [], maxDepth: 0 };
  const tilesetPath = join(dir, 'tileset.json');
  if (!existsSync(tilesetPath)) {
    problems.push('tileset.json missing');
    return result;
  }
  const tileset = JSON.parse(readFileSync(tilesetPath, 'utf8')) as TilesetJson;
  if (tileset.asset?.version !== '1.1') problems.push(`asset.version is ${tileset.asset?.version}, not 1.1`);
  if (typeof tileset.geometricError !== 'number' || tileset.geometricError < 0) {
    problems.push('tileset.geometricError missing or negative');
  }
  if (!tileset.root) {
    problems.push('root missing');
    return result;
  }
  if (tileset.root.refine !== 'ADD' && tileset.root.refine !== 'REPLACE')
    problems.push('root.refine missing');
  if (tileset.root.geometricError > tileset.geometricError) problems.push('root error above tileset error');
  const io = createGltfIo();

  const visit = async (
    tile: TileJson,
    parent: TileJson | null,
    parentTransform: Mat4,
    path: string,
    depth: number,
  ) => {
    result.tileCount++;
    result.maxDepth = Math.max(result.maxDepth, depth);
    const region = tile.boundingVolume?.region;
    if (!checkRegion(region, path, problems)) return;
    if (typeof tile.geometricError !== 'number' || tile.geometricError < 0)
      problems.push(`${path}: geometricError`);
    if (parent && !(tile.geometricError < parent.geometricError)) {
      problems.push(
        `${path}: geometricError ${tile.geometricError} not below parent's ${parent.geometricError}`,
      );
    }
    if (parent && !containsRegion(parent.boundingVolume.region, region, TOLERANCE_RAD)) {
      problems.push(`${path}: region not inside parent's`);
    }
    if (!tile.children?.length && tile.geometricError > maxLeafError)
      problems.push(`${path}: leaf error too big`);
    if (tile.transform && (tile.transform.length !== 16 || !tile.transform.every(Number.isFinite))) {
      problems.push(`${path}: transform must be 16 finite numbers`);
    }
    const transform = tile.transform ? multiplyMatrices(parentTransform, tile.transform) : parentTransform;
    if (tile.content) {
      const contentRegion = tile.content.boundingVolume?.region ?? region;
      if (tile.content.boundingVolume) {
        checkRegion(contentRegion, `${path}.content`, problems);
        if (!containsRegion(region, contentRegion, TOLERANCE_RAD))
          problems.push(`${path}: content region outside tile`);
      }
      const file = join(dir, tile.content.uri);
      if (!existsSync(file)) problems.push(`${path}: content ${tile.content.uri} does not resolve`);
      else await checkContent(file, contentRegion, transform, path);
    }
    for (const [i, c] of (tile.children ?? []).entries())
      await visit(c, tile, transform, `${path}/${i}`, depth + 1);
  };

  const checkContent = async (file: string, region: Region, transform: Mat4, path: string) => {
    const bytes = new Uint8Array(readFileSync(file));
    // The binary rules on the raw bytes: glTF-Transform copies every view when reading, hiding their layout.
    const binary = checkGlbBinary(bytes, path);
    problems.push(...binary);
    if (binary.some((p) => p.includes('not a GLB') || p.includes('too short'))) return;
    if (validateGlb) {
      const report = await validateBytes(bytes, { maxIssues: 20 });
      if (report.issues.numErrors > 0) {
        const first = report.issues.messages.find((m) => m.severity === 0);
        problems.push(`${path}: glTF validator: ${report.issues.numErrors} errors, e.g. ${first?.message}`);
      }
    }
    // A cut or padded file is a problem of that file, reported like the others (reading it would throw).
    const name = file.split(/[\\/]/).slice(-2).join('/');
    const declared =
      bytes.length >= 12 ? new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true) : -1;
    if (declared !== bytes.length) {
      problems.push(`${path}: ${name} has ${bytes.length} bytes, its GLB header declares length ${declared}`);
      return;
    }
    const doc = await io.readBinary(bytes);
    const { ids, count } = checkMetadata(doc, path, problems);
    result.featureIds.push(...ids);
    const toEcef = multiplyMatrices(transform, Y_UP_TO_Z_UP);
    for (const mesh of doc.getRoot().listMeshes()) {
      for (const prim of mesh.listPrimitives()) {
        const fid = prim.getAttribute('_FEATURE_ID_0')?.getArray();
        const pos = prim.getAttribute('POSITION')?.getArray();
        if (!fid || !pos) {
          problems.push(`${path}: primitive without POSITION or _FEATURE_ID_0`);
          continue;
        }
        const features = prim.getExtension<Features>('EXT_mesh_features');
        const fc = features?.listFeatureIDs()[0]?.getFeatureCount();
        if (fc !== count) problems.push(`${path}: featureCount ${fc} ≠ property table count ${count}`);
        const seen = new Set<number>();
        for (const f of fid) {
          if (f >= count) problems.push(`${path}: feature id ${f} ≥ ${count}`);
          seen.add(f);
        }
        if (seen.size !== count) problems.push(`${path}: ${count - seen.size} features without geometry`);
        let outside = 0;
        const pad: Region = [
          region[0] - TOLERANCE_RAD,
          region[1] - TOLERANCE_RAD,
          region[2] + TOLERANCE_RAD,
          region[3] + TOLERANCE_RAD,
          region[4] - TOLERANCE_M,
          region[5] + TOLERANCE_M,
        ];
        for (let i = 0; i < pos.length / 3; i += vertexStride) {
          const p = transformPoint(toEcef, [pos[i * 3]!, pos[i * 3 + 1]!, pos[i * 3 + 2]!]);
          const [lon, lat, h] = fromEcef(...p);
          if (!containsRegion(pad, [lon, lat, lon, lat, h, h], 0)) outside++;
        }
        if (outside > 0) problems.push(`${path}: ${outside} vertices outside the content region`);
      }
    }
  };

  await visit(tileset.root, null, IDENTITY, 'root', 0);
  return result;
}
