import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { ApiError } from '../errors';

/** What a job handler returns: the result, and buffers inside it to transfer instead of copy. */
export interface JobResult<O> {
  result: O;
  transfer?: ArrayBuffer[];
}

/**
 * The worker side of `createThreadPool`: says it is ready, then answers each job message with `handle`'s result
 * (its buffers transferred), or with the error it threw (`ApiError` codes kept, so the pool answers 4xx). With
 * `lowPriority` (Linux) this thread runs at nice 10, so the event loop serving requests wins the CPU on a busy
 * machine; elsewhere the worker runs at normal priority.
 */
export function serveJobs<I>(
  handle: (msg: I & { job: number }) => JobResult<unknown>,
  opts: { lowPriority?: boolean } = {},
): void {
  if (opts.lowPriority)
    try {
      // the id in /proc/thread-self is this thread's, so only this worker is lowered
      setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
    } catch {}
  parentPort?.postMessage({ ready: true });
  parentPort?.on('message', (msg: I & { job: number }) => {
    try {
      const { result, transfer } = handle(msg);
      parentPort!.postMessage({ job: msg.job, result }, transfer ?? []);
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
}
