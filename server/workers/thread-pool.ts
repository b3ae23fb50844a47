import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ApiError, type ApiErrorCode } from '../errors';

// Workers run their TypeScript entry through tsx's loader, registered inside the worker (the parent may run under
// tsx, Vitest or plain node with a loader of its own).
const require = createRequire(import.meta.url);
const BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.tsx)
  .then(({ register }) => { register(); return import(workerData.entry); })
  .catch((err) => { console.error(workerData.name + ' worker failed to start:', err); process.exit(1); });
`;
// `require.resolve` picks the package's CommonJS build; the worker needs its ES module twin beside it.
const TSX_API = pathToFileURL(require.resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;

/** What a worker sends back: ready after loading, then one reply per job (see `serveJobs`). */
export type PoolReply<O> =
  | { ready: true }
  | { job: number; result: O }
  | { job: number; error: { code: ApiErrorCode | 'internal'; message: string; parameter?: string } };

/** How a pool runs: its worker entry module and limits. */
export interface ThreadPoolOptions {
  /** Names the pool in error messages (`polygon index`, `GeoJSON`). */
  name: string;
  /** URL of the worker's entry module, which calls `serveJobs`. */
  entry: URL;
  /** Most workers at once. */
  maxWorkers: number;
  /** Heap limit of one worker in MB: a job that exhausts it fails alone. */
  heapMb: number;
  /** The error a job gets when its worker runs out of memory (e.g. a 413 for a polygon too complex to index). */
  outOfMemory?: () => Error;
}

/** A pool of worker threads that run one job each at a time, in order of arrival. */
export interface ThreadPool<I, O> {
  /**
   * Runs a job on a worker; `transfer` lists buffers of `input` to move instead of copy. With a `signal`, aborting
   * drops the job from the queue, or stops the worker running it (a fresh one replaces it) and rejects with the
   * signal's reason; without one the job always completes.
   */
  run(input: I, opts?: { transfer?: ArrayBuffer[]; signal?: AbortSignal }): Promise<O>;
  /** True when a ready worker has no job: a job given now starts at once. */
  idle(): boolean;
  /** Starts one worker ahead of the first job (it loads its modules in the background). */
  warm(): void;
  /** Stops every worker (tests and shutdown); later jobs start fresh ones. */
  stop(): Promise<void>;
}

interface Job<I, O> {
  id: number;
  input: I;
  transfer: ArrayBuffer[];
  settle: (err: Error | null, result?: O) => void;
}

interface Slot<I, O> {
  worker: Worker;
  /** The worker loaded its modules; jobs go only to ready workers, so aborting never kills a boot. */
  ready: boolean;
  job: Job<I, O> | null;
}

/**
 * Creates a pool of worker threads running `entry`. Workers boot one at a time as jobs queue up, up to
 * `maxWorkers`; an idle worker does not keep the process alive. Errors a worker reports as `ApiError` codes come
 * back as `ApiError`s (4xx); others as plain errors (500).
 */
export function createThreadPool<I extends object, O>(opts: ThreadPoolOptions): ThreadPool<I, O> {
  const slots: Slot<I, O>[] = [];
  const queue: Job<I, O>[] = [];
  let nextJob = 1;

  const remove = (slot: Slot<I, O>) => {
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
  };

  const spawn = () => {
    const worker = new Worker(BOOT, {
      eval: true,
      execArgv: [],
      workerData: { tsx: TSX_API, entry: opts.entry.href, name: opts.name },
      resourceLimits: { maxOldGenerationSizeMb: opts.heapMb },
    });
    worker.unref();
    const slot: Slot<I, O> = { worker, ready: false, job: null };
    slots.push(slot);
    worker.on('message', (msg: PoolReply<O>) => {
      if ('ready' in msg) {
        slot.ready = true;
        pump();
        return;
      }
      const job = slot.job;
      if (!job || job.id !== msg.job) return;
      slot.job = null;
      worker.unref();
      if ('result' in msg) job.settle(null, msg.result);
      else if (msg.error.code !== 'internal')
        job.settle(new ApiError(msg.error.code, msg.error.message, msg.error.parameter));
      else job.settle(new Error(`${opts.name}: ${msg.error.message}`));
      pump();
    });
    const lost = (err?: unknown) => {
      remove(slot);
      const oom = (err as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      slot.job?.settle(
        oom && opts.outOfMemory
          ? opts.outOfMemory()
          : new Error(`${opts.name} worker stopped: ${String(err)}`),
      );
      slot.job = null;
      pump();
    };
    worker.on('error', lost);
    worker.on('exit', () => lost());
  };

  const pump = () => {
    while (queue.length > 0) {
      const slot = slots.find((s) => s.ready && !s.job);
      if (!slot) {
        // one boot at a time, up to the limit
        if (slots.length < opts.maxWorkers && slots.every((s) => s.ready)) spawn();
        return;
      }
      const job = queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage({ job: job.id, ...job.input }, job.transfer);
    }
  };

  const run: ThreadPool<I, O>['run'] = (input, runOpts = {}) =>
    new Promise<O>((ok, fail) => {
      const { signal, transfer = [] } = runOpts;
      const reason = () =>
        signal?.reason instanceof Error ? signal.reason : new ApiError('timeout', `${opts.name} timed out`);
      if (signal?.aborted) return fail(reason());
      const onAbort = () => {
        const queued = queue.indexOf(job);
        if (queued >= 0) queue.splice(queued, 1);
        const slot = slots.find((s) => s.job === job);
        if (slot) {
          // computing: stop it, and boot a fresh one at once so the next job does not wait for it
          slot.job = null;
          remove(slot);
          void slot.worker.terminate();
          if (slots.length === 0) spawn();
        }
        fail(reason());
      };
      const job: Job<I, O> = {
        id: nextJob++,
        input,
        transfer,
        settle: (err, result) => {
          signal?.removeEventListener('abort', onAbort);
          if (err) fail(err);
          else ok(result as O);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(job);
      pump();
    });

  return {
    run,
    idle: () => queue.length === 0 && slots.some((s) => s.ready && !s.job),
    warm: () => {
      if (slots.length === 0) spawn();
    },
    stop: async () => {
      const all = slots.splice(0);
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
