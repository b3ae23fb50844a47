import type { LayerDefinition } from './types';

/**
 * One entry of `GET /api/layers`: the registry's definition plus what the data build says about it. The server
 * builds these; the viewer reads them. One declaration for both sides.
 */
export type LayerCatalogEntry = LayerDefinition & {
  /** [xmin, ymin, xmax, ymax] of the layer's features, null when empty or unknown. */
  extent: [number, number, number, number] | null;
  /** First and last reading (ISO 8601), null for layers without readings. */
  timeRange: [string, string] | null;
  rowCount: number;
  readingCount: number;
  /** False when the data build lacks this layer's table(s). */
  available: boolean;
};
