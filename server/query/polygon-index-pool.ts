import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError, type ApiErrorCode } from '../errors';
import type { PolygonIndex } from './polygon-index';
import type { PolygonJob } from './polygon-index-worker';

// Workers run the TypeScript entry through tsx's loader, registered inside the worker (the parent may run under
// tsx, Vitest or plain node with a loader of its own).
const require = createRequire(import.meta.url);
const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx)
  .then(({ register }) => { register(); return import(workerData.entry); })
  .catch((err) => { console.error('polygon worker failed to start:', err); process.exit(1); });
`;
const ENTRY = new URL('./polygon-index-worker.ts', import.meta.url).href;
// `require.resolve` picks the package's CommonJS build; the worker needs its ES module twin beside it.
const TSX_API = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;

/** Most workers at once: one per spare core, at least one, at most two (the server shares its machine). */
const MAX_WORKERS = Math.max(1, Math.min(2, availableParallelism() - 1));
/** Heap limit of one worker: a pathological polygon fails alone (413) instead of exhausting the process. */
const WORKER_HEAP_MB = 1024;

type JobInput =
  | { kind: 'polygons'; polygons: number[][][][] }
  | { kind: 'rings'; rings: Float64Array[] }
  | { kind: 'body'; text: string };

interface Job {
  id: number;
  input: JobInput;
  settle: (err: Error | null, index?: PolygonIndex) => void;
  signal: AbortSignal | undefined;
}

interface Slot {
  worker: Worker;
  /** The worker loaded its modules; jobs go only to ready workers, so aborting never kills a boot. */
  ready: boolean;
  job: Job | null;
}

type Reply =
  | { ready: true }
  | { job: number; index: PolygonIndex }
  | { job: number; error: { code: ApiErrorCode; message: string; parameter?: string } };

const slots: Slot[] = [];
const queue: Job[] = [];
let nextJob = 1;

function remove(slot: Slot): void {
  const at = slots.indexOf(slot);
  if (at >= 0) slots.splice(at, 1);
}

function spawn(): void {
  const worker = new Worker(BOOT, {
    eval: true,
    execArgv: [],
    workerData: { tsx: TSX_API, entry: ENTRY },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  worker.unref();
  const slot: Slot = { worker, ready: false, job: null };
  slots.push(slot);
  worker.on('message', (msg: Reply) => {
    if ('ready' in msg) {
      slot.ready = true;
      pump();
      return;
    }
    const job = slot.job;
    if (!job || job.id !== msg.job) return;
    slot.job = null;
    worker.unref();
    if ('index' in msg) job.settle(null, msg.index);
    else if (msg.error.code !== 'internal')
      job.settle(new ApiError(msg.error.code, msg.error.message, msg.error.parameter));
    else job.settle(new Error(`polygon index: ${msg.error.message}`));
    pump();
  });
  const lost = (err?: unknown) => {
    remove(slot);
    const oom = (err as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    slot.job?.settle(
      oom
        ? new ApiError('too_large', 'polygon too complex to index; simplify it', 'polygon')
        : new Error(`polygon index worker stopped: ${String(err)}`),
    );
    slot.job = null;
    pump();
  };
  worker.on('error', lost);
  worker.on('exit', () => lost());
}

function pump(): void {
  while (queue.length > 0) {
    const slot = slots.find((s) => s.ready && !s.job);
    if (!slot) {
      // one boot at a time, up to the limit
      if (slots.length < MAX_WORKERS && slots.every((s) => s.ready)) spawn();
      return;
    }
    const job = queue.shift()!;
    slot.job = job;
    slot.worker.ref();
    slot.worker.postMessage({ job: job.id, ...job.input } satisfies PolygonJob);
  }
}

function runJob(input: JobInput, signal?: AbortSignal): Promise<PolygonIndex> {
  return new Promise<PolygonIndex>((ok, fail) => {
    const reason = () =>
      signal?.reason instanceof Error ? signal.reason : new ApiError('timeout', 'polygon index timed out');
    if (signal?.aborted) return fail(reason());
    const onAbort = () => {
      const queued = queue.indexOf(job);
      if (queued >= 0) queue.splice(queued, 1);
      const slot = slots.find((s) => s.job === job);
      if (slot) {
        // computing: stop it, and boot a fresh one at once so the next polygon does not wait for it
        slot.job = null;
        remove(slot);
        void slot.worker.terminate();
        if (slots.length === 0) spawn();
      }
      fail(reason());
    };
    const job: Job = {
      id: nextJob++,
      input,
      signal,
      settle: (err, index) => {
        signal?.removeEventListener('abort', onAbort);
        if (err) fail(err);
        else ok(index!);
      },
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    queue.push(job);
    pump();
  });
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
  if (slots.length === 0) spawn();
}

/** Stops every polygon worker (tests and shutdown); later builds start fresh ones. */
export async function stopPolygonWorkers(): Promise<void> {
  const all = slots.splice(0);
  await Promise.all(all.map((s) => s.worker.terminate()));
}
