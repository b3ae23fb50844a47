/**
 * Worker thread entry (see `polygon-index-pool.ts`): builds polygon indexes, and for POST bodies also parses and
 * validates the JSON first, so neither a large body nor a detailed polygon ever blocks the event loop.
 */
import { badParameter } from '../errors';
import { serveJobs } from '../workers/serve-jobs';
import { parsePolygonBody } from './polygon-body';
import { buildPolygonIndex, ringOfFlat } from './polygon-index';

/** A job for the worker: index given polygons, or parse, validate and index a POST body. */
export type PolygonJob =
  | { kind: 'polygons'; polygons: number[][][][] }
  | { kind: 'rings'; rings: Float64Array[] }
  | { kind: 'body'; text: string };

function polygonsOf(msg: PolygonJob): number[][][][] {
  if (msg.kind === 'polygons') return msg.polygons;
  if (msg.kind === 'rings') return [msg.rings.map((flat) => ringOfFlat(flat))];
  let body: unknown;
  try {
    body = JSON.parse(msg.text);
  } catch {
    throw badParameter('polygon', 'body must be JSON: { "polygon": GeoJSON Polygon|MultiPolygon }');
  }
  return parsePolygonBody(body);
}

serveJobs<PolygonJob>(
  (msg) => {
    const index = buildPolygonIndex(polygonsOf(msg));
    return {
      result: index,
      transfer: [index.codes.buffer, index.edgeStart.buffer, index.edges.buffer] as ArrayBuffer[],
    };
  },
  // the event loop serving requests wins the CPU from polygon builds on a busy machine
  { lowPriority: true },
);
