import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../errors';
import type { PolygonIndex } from './polygon-index';

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

interface Job {
  id: number;
  polygons: number[][][][];
  ok: (index: PolygonIndex) => void;
  fail: (err: Error) => void;
  signal: AbortSignal | undefined;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

/** Most workers at once: one per spare core, at least one, at most two (the server shares its machine). */
const MAX_WORKERS = Math.max(1, Math.min(2, availableParallelism() - 1));

const slots: Slot[] = [];
const queue: Job[] = [];
let nextJob = 1;

function spawn(): Slot {
  const worker = new Worker(BOOT, {
    eval: true,
    execArgv: [],
    workerData: { tsx: TSX_API, entry: ENTRY },
  });
  worker.unref();
  const slot: Slot = { worker, job: null };
  worker.on('message', (msg: { job: number; index?: PolygonIndex; error?: string }) => {
    const job = slot.job;
    if (!job || job.id !== msg.job) return;
    slot.job = null;
    if (msg.index) job.ok(msg.index);
    else job.fail(new Error(`polygon index: ${msg.error}`));
    pump();
  });
  const lost = (why: string) => {
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
    slot.job?.fail(new Error(`polygon index worker ${why}`));
    slot.job = null;
    pump();
  };
  worker.on('error', (err) => lost(`failed: ${String(err)}`));
  worker.on('exit', (code) => lost(`exited (${code})`));
  slots.push(slot);
  return slot;
}

function pump(): void {
  while (queue.length > 0) {
    const job = queue[0]!;
    if (job.signal?.aborted) {
      queue.shift();
      continue;
    }
    const slot = slots.find((s) => !s.job) ?? (slots.length < MAX_WORKERS ? spawn() : null);
    if (!slot) return;
    queue.shift();
    slot.job = job;
    slot.worker.ref();
    slot.worker.postMessage({ job: job.id, polygons: job.polygons });
    const done = () => slot.worker.unref();
    const ok = job.ok;
    const fail = job.fail;
    job.ok = (i) => {
      done();
      ok(i);
    };
    job.fail = (e) => {
      done();
      fail(e);
    };
  }
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
  return new Promise<PolygonIndex>((ok, fail) => {
    const reason = () =>
      signal?.reason instanceof Error ? signal.reason : new ApiError('timeout', 'polygon index timed out');
    if (signal?.aborted) return fail(reason());
    const job: Job = { id: nextJob++, polygons, ok, fail, signal };
    signal?.addEventListener(
      'abort',
      () => {
        const queued = queue.indexOf(job);
        if (queued >= 0) queue.splice(queued, 1);
        const slot = slots.find((s) => s.job === job);
        if (slot) {
          slot.job = null;
          const at = slots.indexOf(slot);
          if (at >= 0) slots.splice(at, 1);
          void slot.worker.terminate();
        }
        fail(reason());
      },
      { once: true },
    );
    queue.push(job);
    pump();
  });
}

/** Stops every polygon worker (tests and shutdown); later builds start fresh ones. */
export async function stopPolygonWorkers(): Promise<void> {
  const all = slots.splice(0);
  await Promise.all(all.map((s) => s.worker.terminate()));
}
