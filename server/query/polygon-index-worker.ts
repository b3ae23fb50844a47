/**
 * Worker thread entry (see `polygon-index-pool.ts`): builds polygon indexes, and for POST bodies also parses and
 * validates the JSON first, so neither a large body nor a detailed polygon ever blocks the event loop.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { ApiError, badParameter } from '../errors';
import { parsePolygonBody } from './polygon-body';
import { buildPolygonIndex, ringOfFlat } from './polygon-index';

/** A job for the worker: index given polygons, or parse, validate and index a POST body. */
export type PolygonJob =
  | { job: number; kind: 'polygons'; polygons: number[][][][] }
  | { job: number; kind: 'rings'; rings: Float64Array[] }
  | { job: number; kind: 'body'; text: string };

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

// Linux: lower this thread's priority (only this thread: the id is the thread's), so the event loop serving
// requests wins the CPU from polygon builds on a busy machine. Elsewhere the worker runs at normal priority.
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
} catch {}

// Tells the pool this worker has loaded and is ready to compute.
parentPort?.postMessage({ ready: true });

parentPort?.on('message', (msg: PolygonJob) => {
  try {
    const index = buildPolygonIndex(polygonsOf(msg));
    const buffers = [index.codes.buffer, index.edgeStart.buffer, index.edges.buffer] as ArrayBuffer[];
    parentPort!.postMessage({ job: msg.job, index }, buffers);
  } catch (err) {
    parentPort!.postMessage({
      job: msg.job,
      error:
        err instanceof ApiError
          ? { code: err.code, message: err.message, parameter: err.parameter }
          : { code: 'internal', message: String(err) },
    });
  }
});
