/**
 * A queue that runs the viewer's per-step jobs (rebuilding a layer's binary after its readings change) one per
 * macrotask, so a clock step that touches every layer becomes several short tasks instead of one long one, and
 * the browser can paint and handle input between them. A job cancelled before it runs (its layer got newer
 * tables, or went away) is skipped: when steps come faster than the builds, only the latest one is built.
 */

type Job = { run: () => void; cancelled: boolean };

const jobs: Job[] = [];
let scheduled = false;
let channel: MessageChannel | null = null;

function next(): void {
  scheduled = false;
  let job = jobs.shift();
  while (job?.cancelled) job = jobs.shift();
  if (jobs.length > 0) schedule();
  job?.run();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // a message, not setTimeout: no 4 ms clamp between jobs, and the browser may still render in between
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = next;
  }
  channel.port2.postMessage(null);
}

/**
 * Queues `compute` to run in its own task after the jobs already queued, then hands its result to `done`.
 * Returns a cancel function: after it, neither `compute` nor `done` runs (if `compute` already ran, `done`
 * has too). An error thrown by `compute` goes to `fail` and does not stop the queue.
 */
export function queueStep<T>(
  compute: () => T,
  done: (value: T) => void,
  fail: (e: unknown) => void,
): () => void {
  const job: Job = {
    cancelled: false,
    run: () => {
      let value: T;
      try {
        value = compute();
      } catch (e) {
        fail(e);
        return;
      }
      done(value);
    },
  };
  jobs.push(job);
  schedule();
  return () => {
    job.cancelled = true;
  };
}

/** Jobs waiting to run (for tests). */
export function queuedSteps(): number {
  return jobs.filter((j) => !j.cancelled).length;
}

/** Resolves in a new macrotask (a message, not setTimeout's clamped delay): a point where async work yields. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}
