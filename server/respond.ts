import { type Table, tableToIPC } from 'apache-arrow';
import type { Context } from 'hono';
import type { LayerDefinition } from '../layers';
import { currentDeadline, type Deadline } from './deadline';
import { type CompactOptions, compactTable } from './encode/compact-arrow';
import { compressBody, compressParts } from './encode/compress-body';
import { encodeFeatureCollection } from './encode/geojson-chunked';
import type { GeometryRule } from './encode/geojson-from-arrow';
import type { FeatureIdOf } from './encode/geojson-writer';
import { timed } from './server-timing';

/** The Arrow IPC stream media type. */
export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

/** Bytes handed to the socket at a time when streaming a response body. */
const SEND_CHUNK_BYTES = 1 << 20;

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
 * A response body that hands `parts` to the socket a slice at a time and stops (the connection is cut) when the
 * request's deadline passes while sending; the status line has gone out by then, so no 504 can follow.
 */
export function streamBody(
  parts: (string | Uint8Array)[],
  deadline = currentDeadline(),
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let part = 0;
  let at = 0;
  let bytes: Uint8Array | null = null;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (deadline?.signal.aborted) {
        controller.error(deadline.error());
        return;
      }
      while (part < parts.length) {
        if (!bytes) {
          const p = parts[part]!;
          bytes = typeof p === 'string' ? encoder.encode(p) : p;
          at = 0;
        }
        if (at < bytes.byteLength) {
          const end = Math.min(bytes.byteLength, at + SEND_CHUNK_BYTES);
          controller.enqueue(bytes.subarray(at, end));
          at = end;
          return;
        }
        bytes = null;
        part++;
      }
      controller.close();
    },
  });
}

/** Total UTF-8 length of body parts. */
function byteLengthOf(parts: (string | Uint8Array)[]): number {
  let n = 0;
  for (const p of parts) n += typeof p === 'string' ? Buffer.byteLength(p) : p.byteLength;
  return n;
}

/**
 * The body to hand to the response: parts that fit in one send chunk as one buffer (written with the headers in
 * one go, after a last deadline check: there is nothing left to cut), larger ones streamed under the deadline.
 */
export function bodyOf(
  parts: (string | Uint8Array)[],
  byteLength: number,
  deadline = currentDeadline(),
): Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> {
  if (byteLength > SEND_CHUNK_BYTES) return streamBody(parts, deadline);
  deadline?.check();
  const only = parts.length === 1 ? parts[0]! : null;
  if (only && typeof only !== 'string' && only.buffer instanceof ArrayBuffer)
    return only as Uint8Array<ArrayBuffer>;
  const out = Buffer.allocUnsafe(byteLength);
  let at = 0;
  for (const p of parts) {
    if (typeof p === 'string') at += out.write(p, at);
    else {
      out.set(p, at);
      at += p.byteLength;
    }
  }
  return new Uint8Array(out.buffer, out.byteOffset, at);
}

/**
 * Writes a query result as an Arrow IPC stream (compacted when `compact` is given; br/gzip when the client accepts
 * it) or a GeoJSON FeatureCollection, with row-count and paging headers; GeoJSON is encoded in chunks and both are
 * sent under the request's deadline.
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
  const deadline: Deadline | undefined = currentDeadline();
  const headers: Record<string, string> = {
    'X-Row-Count': String(opts.table.numRows),
    'Cache-Control': 'no-store',
  };
  if (opts.truncated) {
    headers['X-Truncated'] = 'true';
    headers['X-Next-Offset'] = String(opts.offset + opts.limit);
  }
  if (opts.format === 'geojson') {
    const parts = await timed('encode', () => encodeFeatureCollection(opts.table, opts.rule, opts.idOf));
    const length = byteLengthOf(parts);
    deadline?.check();
    const packed = await timed('compress', () =>
      compressParts(parts, length, c.req.header('Accept-Encoding')),
    );
    deadline?.check();
    if (packed) {
      headers['Content-Encoding'] = packed.encoding;
      headers['X-Uncompressed-Length'] = String(length);
    }
    const body = packed ? [packed.body] : parts;
    const sent = packed ? packed.body.byteLength : length;
    return c.body(bodyOf(body, sent, deadline), 200, {
      ...headers,
      Vary: 'Accept-Encoding',
      'Content-Type': 'application/geo+json; charset=utf-8',
      'Content-Length': String(sent),
    });
  }
  deadline?.check();
  const ipc = await timed('encode', () =>
    tableToIPC(opts.compact ? compactTable(opts.table, opts.compact) : opts.table, 'stream'),
  );
  deadline?.check();
  const { body, encoding } = await timed('compress', () =>
    compressBody(ipc, c.req.header('Accept-Encoding')),
  );
  deadline?.check();
  if (encoding) {
    headers['Content-Encoding'] = encoding;
    headers['X-Uncompressed-Length'] = String(ipc.byteLength);
  }
  return c.body(bodyOf([body], body.byteLength, deadline), 200, {
    ...headers,
    Vary: 'Accept-Encoding',
    'Content-Type': ARROW_STREAM,
    'Content-Length': String(body.byteLength),
  });
}
