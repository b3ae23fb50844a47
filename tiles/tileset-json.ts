import type { Mat4 } from './geodesy';

/** A `region` bounding volume: [west, south, east, north] in radians, then min and max height in metres. */
export type Region = [number, number, number, number, number, number];

/** The subset of the 3D Tiles 1.1 tile object this project writes. */
export interface TileJson {
  boundingVolume: { region: Region };
  geometricError: number;
  refine?: 'ADD' | 'REPLACE';
  transform?: Mat4;
  content?: { uri: string; boundingVolume?: { region: Region } };
  children?: TileJson[];
}

/** The subset of the 3D Tiles 1.1 tileset object this project writes. */
export interface TilesetJson {
  asset: { version: '1.1'; tilesetVersion?: string; generator?: string };
  geometricError: number;
  root: TileJson;
  extras?: Record<string, unknown>;
}

/** Returns the smallest region containing both. */
export function unionRegions(a: Region, b: Region): Region {
  return [
    Math.min(a[0], b[0]),
    Math.min(a[1], b[1]),
    Math.max(a[2], b[2]),
    Math.max(a[3], b[3]),
    Math.min(a[4], b[4]),
    Math.max(a[5], b[5]),
  ];
}

/** Whether `outer` contains `inner` (all six bounds), with a tolerance in radians and metres. */
export function containsRegion(outer: Region, inner: Region, eps = 1e-12): boolean {
  return (
    inner[0] >= outer[0] - eps &&
    inner[1] >= outer[1] - eps &&
    inner[2] <= outer[2] + eps &&
    inner[3] <= outer[3] + eps &&
    inner[4] >= outer[4] - eps &&
    inner[5] <= outer[5] + eps
  );
}
