import { type Table, tableToIPC } from 'apache-arrow';
import type { Context } from 'hono';
import type { LayerDefinition } from '../layers';
import { type CompactOptions, compactTable } from './encode/compact-arrow';
import { compressBody } from './encode/compress-body';
import type { GeometryRule } from './encode/geojson-from-arrow';
import { type FeatureIdOf, geoJsonFeatureChunks } from './encode/geojson-writer';

/** The Arrow IPC stream media type. */
export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

/**
 * What `encoding=compact` does to one layer's result: categorical utf8 columns (declared `values`) and the given
 * key columns become dictionaries; columns the request named are kept even when storage-only.
 */
export function compactOptions(
  layer: LayerDefinition,
  asked: string[] | null,
  keys: string[],
): CompactOptions {
  const all = { ...layer.columns, ...(layer.temporal?.columns ?? {}) };
  const categorical = Object.entries(all).filter(([, spec]) => spec.type === 'utf8' && spec.values);
  return {
    dictionary: new Set([...categorical.map(([name]) => name), ...keys]),
    asked: asked ? new Set(asked) : null,
  };
}

/**
 * A FeatureCollection as a byte stream: features are written chunk by chunk as the client reads, yielding to the
 * event loop between chunks so other requests are answered meanwhile.
 */
export function streamGeoJson(
  table: Table,
  rule: GeometryRule,
  idOf: FeatureIdOf,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const chunks = geoJsonFeatureChunks(table, rule, idOf);
  let prefix = '{"type":"FeatureCollection","features":[';
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = chunks.next();
      if (next.done) {
        controller.enqueue(encoder.encode(`${prefix.startsWith('{') ? prefix : ''}]}`));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(prefix + next.value));
      prefix = ',';
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
  });
}

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

/**
 * Writes a query result as an Arrow IPC stream (compacted when `compact` is given) or a GeoJSON
 * FeatureCollection, with row-count and paging headers; Arrow is compressed (br or gzip) when the client accepts it.
 */
export async function sendTable(
  c: Context,
  opts: {
    table: Table;
    truncated: boolean;
    offset: number;
    limit: number;
    format: 'arrow' | 'geojson';
    rule: GeometryRule;
    idOf: FeatureIdOf;
    compact?: CompactOptions | null;
  },
): Promise<Response> {
  const headers: Record<string, string> = {
    'X-Row-Count': String(opts.table.numRows),
    'Cache-Control': 'no-store',
  };
  if (opts.truncated) {
    headers['X-Truncated'] = 'true';
    headers['X-Next-Offset'] = String(opts.offset + opts.limit);
  }
  if (opts.format === 'geojson') {
    return c.body(streamGeoJson(opts.table, opts.rule, opts.idOf), 200, {
      ...headers,
      'Content-Type': 'application/geo+json; charset=utf-8',
    });
  }
  const table = opts.compact ? compactTable(opts.table, opts.compact) : opts.table;
  const ipc = tableToIPC(table, 'stream');
  const { body, encoding } = await compressBody(ipc, c.req.header('Accept-Encoding'));
  if (encoding) {
    headers['Content-Encoding'] = encoding;
    headers['X-Uncompressed-Length'] = String(ipc.byteLength);
  }
  return c.body(body as Uint8Array<ArrayBuffer>, 200, {
    ...headers,
    Vary: 'Accept-Encoding',
    'Content-Type': ARROW_STREAM,
    'Content-Length': String(body.byteLength),
  });
}
