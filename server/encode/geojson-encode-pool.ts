import { availableParallelism } from 'node:os';
import { createThreadPool } from '../workers/thread-pool';
import type { GeoJsonJob } from './geojson-encode-worker';

/** Heap limit of one GeoJSON worker: a slice of at most a page of rows, with its text. */
const WORKER_HEAP_MB = 1024;

/**
 * The GeoJSON workers: one, on a machine with a core to spare (with one core the worker would only take turns with
 * the event loop), none otherwise.
 */
export const GEOJSON_WORKERS = availableParallelism() > 1 ? 1 : 0;

const pool = createThreadPool<GeoJsonJob, Uint8Array[]>({
  name: 'GeoJSON encode',
  entry: new URL('./geojson-encode-worker.ts', import.meta.url),
  maxWorkers: Math.max(1, GEOJSON_WORKERS),
  heapMb: WORKER_HEAP_MB,
});

/** Writes a slice of a result's features on the worker; aborting `signal` stops it. */
export function encodeOnWorker(job: GeoJsonJob, signal?: AbortSignal): Promise<Uint8Array[]> {
  const whole = job.ipc.byteOffset === 0 && job.ipc.byteLength === job.ipc.buffer.byteLength;
  return pool.run(job, { signal, transfer: whole ? [job.ipc.buffer as ArrayBuffer] : [] });
}

/** True when a GeoJSON worker is ready and free: a slice handed over now starts at once. */
export function geoJsonWorkerIdle(): boolean {
  return GEOJSON_WORKERS > 0 && pool.idle();
}

/** Starts the GeoJSON worker ahead of the first large result (servers call it at start). */
export function warmGeoJsonWorkers(): void {
  if (GEOJSON_WORKERS > 0) pool.warm();
}

/** Stops the GeoJSON workers (tests and shutdown). */
export function stopGeoJsonWorkers(): Promise<void> {
  return pool.stop();
}
