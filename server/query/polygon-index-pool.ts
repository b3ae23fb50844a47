import { availableParallelism } from 'node:os';
import { ApiError } from '../errors';
import { createThreadPool } from '../workers/thread-pool';
import type { PolygonIndex } from './polygon-index';
import type { PolygonJob } from './polygon-index-worker';

/** Most workers at once: one per spare core, at least one, at most two (the server shares its machine). */
const MAX_WORKERS = Math.max(1, Math.min(2, availableParallelism() - 1));
/** Heap limit of one worker: a pathological polygon fails alone (413) instead of exhausting the process. */
const WORKER_HEAP_MB = 1024;

const pool = createThreadPool<PolygonJob, PolygonIndex>({
  name: 'polygon index',
  entry: new URL('./polygon-index-worker.ts', import.meta.url),
  maxWorkers: MAX_WORKERS,
  heapMb: WORKER_HEAP_MB,
  outOfMemory: () => new ApiError('too_large', 'polygon too complex to index; simplify it', 'polygon'),
});

function runJob(input: PolygonJob, signal?: AbortSignal): Promise<PolygonIndex> {
  return pool.run(input, { signal });
}

/**
 * Builds a polygon's grid index on a worker thread, so a detailed polygon never blocks the event loop. With a
 * `signal`, aborting it drops the job from the queue, or stops the worker building it (a fresh one replaces it)
 * and rejects with the signal's reason; without one the build always completes (shared, cached work).
 */
export function buildPolygonIndexOffThread(
  polygons: number[][][][],
  signal?: AbortSignal,
): Promise<PolygonIndex> {
  return runJob({ kind: 'polygons', polygons }, signal);
}

/**
 * Builds the index of one polygon given as flat rings (outer ring first, then holes) on a worker thread: typed
 * arrays cross threads as one copy each, without per-vertex objects on the event loop. Runs to completion.
 */
export function buildRingsIndexOffThread(rings: Float64Array[]): Promise<PolygonIndex> {
  return runJob({ kind: 'rings', rings });
}

/**
 * Parses, validates (`parsePolygonBody`: 400/413 as `ApiError`) and indexes the JSON text of a POST body on a
 * worker thread; the event loop only copies the text there and receives the index back (transferred, not copied).
 */
export function preparePolygonBody(text: string, signal?: AbortSignal): Promise<PolygonIndex> {
  return runJob({ kind: 'body', text }, signal);
}

/** Starts one worker ahead of the first polygon (it loads its modules in the background); servers call it. */
export function warmPolygonWorkers(): void {
  pool.warm();
}

/** Stops every polygon worker (tests and shutdown); later builds start fresh ones. */
export async function stopPolygonWorkers(): Promise<void> {
  await pool.stop();
}
