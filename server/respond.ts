import { type Table, tableToIPC } from 'apache-arrow';
import type { Context } from 'hono';
import type { LayerDefinition } from '../layers';
import { buildGeoJsonFeatures, type GeometryRule } from './encode/geojson-from-arrow';

/** The Arrow IPC stream media type. */
export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

/** Cuts a `limit + 1` result to `limit` rows and says whether it was cut. */
export function trimToLimit(table: Table, limit: number): { table: Table; truncated: boolean } {
  return table.numRows > limit
    ? { table: table.slice(0, limit), truncated: true }
    : { table, truncated: false };
}

/** How a feature table's rows become GeoJSON geometry. */
export function geometryRuleOf(layer: LayerDefinition): GeometryRule {
  return layer.geometry === 'line' ? 'line' : layer.geometry === 'polygon' ? 'polygon' : 'point';
}

/** Writes a query result as an Arrow IPC stream or a GeoJSON FeatureCollection, with row-count and paging headers. */
export function sendTable(
  c: Context,
  opts: {
    table: Table;
    truncated: boolean;
    offset: number;
    limit: number;
    format: 'arrow' | 'geojson';
    rule: GeometryRule;
    idOf: (props: Record<string, unknown>, row: number) => string | number;
  },
): Response {
  const headers: Record<string, string> = {
    'X-Row-Count': String(opts.table.numRows),
    'Cache-Control': 'no-store',
  };
  if (opts.truncated) {
    headers['X-Truncated'] = 'true';
    headers['X-Next-Offset'] = String(opts.offset + opts.limit);
  }
  if (opts.format === 'geojson') {
    const features = buildGeoJsonFeatures(opts.table, opts.rule, opts.idOf);
    const body = JSON.stringify({ type: 'FeatureCollection', features });
    return c.body(body, 200, { ...headers, 'Content-Type': 'application/geo+json; charset=utf-8' });
  }
  const bytes = tableToIPC(opts.table, 'stream');
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    ...headers,
    'Content-Type': ARROW_STREAM,
    'Content-Length': String(bytes.byteLength),
  });
}
