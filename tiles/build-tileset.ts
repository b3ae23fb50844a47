import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildingFootprint } from '../data/building-footprint';
import { createMeshBuilder, extrudeBuilding, finishMesh } from './extrude';
import {
  buildFrameMatrix,
  createEnuFrame,
  invertRigid,
  type Mat4,
  multiplyMatrices,
  toRadians,
} from './geodesy';
import {
  DEFAULT_PARTITION,
  type PartitionOptions,
  partitionItems,
  type TileItem,
  type TileNode,
} from './quadtree';
import { type Region, type TileJson, type TilesetJson, unionRegions } from './tileset-json';
import { writeBuildingGlb } from './write-glb';

/** Options of `buildTileset`: output folder, partition knobs and a progress callback. */
export interface BuildTilesetOptions {
  outDir: string;
  partition?: PartitionOptions;
  /** Free text stored in `asset.tilesetVersion` (e.g. an input hash) so clients can cache-bust. */
  version?: string;
  onProgress?: (doneTiles: number, totalTiles: number) => void;
}

/** What a build produced: counts and sizes, for the CLI's report and the benchmark. */
export interface BuildTilesetResult {
  buildingCount: number;
  tileCount: number;
  depth: number;
  vertexCount: number;
  triangleCount: number;
  tileBytes: number[];
  totalBytes: number;
}

const PAD_RAD = 2e-8; // ≈ 13 cm: keeps Float32-rounded vertices inside the region
const PAD_M = 0.5;

interface Bounds {
  w: number;
  s: number;
  e: number;
  n: number;
  maxH: number;
}

function boundsOf(b: BuildingFootprint): Bounds {
  const r: Bounds = { w: Infinity, s: Infinity, e: -Infinity, n: -Infinity, maxH: b.height };
  for (const poly of b.polygons) {
    for (const [lon, lat] of poly[0] ?? []) {
      r.w = Math.min(r.w, lon);
      r.e = Math.max(r.e, lon);
      r.s = Math.min(r.s, lat);
      r.n = Math.max(r.n, lat);
    }
  }
  return r;
}

/** Visual importance of a building in metres: the larger of its height and the side of its bounding box. */
export function measureImportance(b: BuildingFootprint, bounds: Bounds = boundsOf(b)): number {
  const latRad = toRadians((bounds.s + bounds.n) / 2);
  const wM = (bounds.e - bounds.w) * 111_320 * Math.cos(latRad);
  const hM = (bounds.n - bounds.s) * 110_574;
  return Math.max(b.height, Math.sqrt(Math.max(0, wM * hM)));
}

function regionOf(bounds: readonly Bounds[]): Region {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  let h = 0;
  for (const b of bounds) {
    w = Math.min(w, b.w);
    s = Math.min(s, b.s);
    e = Math.max(e, b.e);
    n = Math.max(n, b.n);
    h = Math.max(h, b.maxH);
  }
  return [
    toRadians(w) - PAD_RAD,
    toRadians(s) - PAD_RAD,
    toRadians(e) + PAD_RAD,
    toRadians(n) + PAD_RAD,
    -PAD_M,
    h + PAD_M,
  ];
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Builds a 3D Tiles 1.1 tileset of extruded buildings into `outDir` (tileset.json + content/*.glb): a quadtree with
 * ADD refinement, landmarks in the coarse tiles, one ENU frame per tile (tile `transform`s compose down the tree),
 * region bounding volumes, per-vertex feature ids and a property table per tile. Same input → same bytes.
 */
export async function buildTileset(
  buildings: readonly BuildingFootprint[],
  opts: BuildTilesetOptions,
): Promise<BuildTilesetResult> {
  if (buildings.length === 0) throw new Error('no buildings to tile');
  const bounds = buildings.map((b) => boundsOf(b));
  const items: TileItem[] = buildings.map((b, i) => {
    const bb = bounds[i]!;
    return { x: (bb.w + bb.e) / 2, y: (bb.s + bb.n) / 2, importance: measureImportance(b, bb), id: b.id };
  });
  const tree = partitionItems(items, opts.partition ?? DEFAULT_PARTITION);
  let total = 0;
  const count = (n: TileNode): void => {
    total++;
    n.children.forEach(count);
  };
  count(tree);

  // tileset.json goes first and comes back last: a build that dies half-way leaves no tileset that looks current.
  rmSync(join(opts.outDir, 'tileset.json'), { force: true });
  rmSync(join(opts.outDir, 'content'), { recursive: true, force: true });
  mkdirSync(join(opts.outDir, 'content'), { recursive: true });
  const result: BuildTilesetResult = {
    buildingCount: buildings.length,
    tileCount: 0,
    depth: 0,
    vertexCount: 0,
    triangleCount: 0,
    tileBytes: [],
    totalBytes: 0,
  };

  const writeNode = async (node: TileNode, parentFrame: Mat4 | null): Promise<TileJson> => {
    const members = node.members.map((i) => buildings[i]!);
    const contentRegion = regionOf(node.members.map((i) => bounds[i]!));
    const lon = ((contentRegion[0] + contentRegion[2]) / 2) * (180 / Math.PI);
    const lat = ((contentRegion[1] + contentRegion[3]) / 2) * (180 / Math.PI);
    const frame = createEnuFrame(lon, lat);
    const frameMatrix = buildFrameMatrix(frame);
    const builder = createMeshBuilder();
    members.forEach((b, fid) => {
      extrudeBuilding(builder, b, frame, fid);
    });
    const mesh = finishMesh(builder);
    const glb = await writeBuildingGlb(mesh, members);
    const uri = `content/${node.key}.glb`;
    writeFileSync(join(opts.outDir, uri), glb);
    result.tileCount++;
    result.depth = Math.max(result.depth, node.level);
    result.vertexCount += mesh.featureIds.length;
    result.triangleCount += mesh.indices.length / 3;
    result.tileBytes.push(glb.byteLength);
    opts.onProgress?.(result.tileCount, total);

    const children: TileJson[] = [];
    for (const c of node.children) children.push(await writeNode(c, frameMatrix));
    let region = contentRegion;
    for (const c of children) region = unionRegions(region, c.boundingVolume.region);
    const tile: TileJson = {
      boundingVolume: { region },
      geometricError: round(node.geometricError, 3),
      refine: 'ADD',
      transform: parentFrame ? multiplyMatrices(invertRigid(parentFrame), frameMatrix) : frameMatrix,
      content: { uri, boundingVolume: { region: contentRegion } },
    };
    if (children.length > 0) tile.children = children;
    return tile;
  };

  const root = await writeNode(tree, null);
  const tileset: TilesetJson = {
    asset: {
      version: '1.1',
      generator: 'city-ops-twin tiles/build-tileset.ts',
      tilesetVersion: opts.version,
    },
    geometricError: round(Math.max(root.geometricError * 2, 1000), 3),
    root,
    extras: {
      buildingCount: buildings.length,
      syntheticCount: buildings.filter((b) => b.synthetic).length,
      attribution: buildings.some((b) => !b.synthetic)
        ? '© OpenStreetMap contributors (ODbL-1.0)'
        : 'synthetic',
    },
  };
  if (!opts.version) delete tileset.asset.tilesetVersion;
  const json = `${JSON.stringify(tileset)}\n`;
  writeFileSync(join(opts.outDir, 'tileset.json'), json);
  result.totalBytes = result.tileBytes.reduce((a, b) => a + b, 0) + Buffer.byteLength(json);
  return result;
}
