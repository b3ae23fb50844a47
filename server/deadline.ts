import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors';

/** One request's time limit: an absolute end time and a signal that aborts when it passes. */
export class Deadline {
  readonly at: number;
  readonly limitMs: number;
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(limitMs: number) {
    this.limitMs = limitMs;
    this.at = performance.now() + limitMs;
    this.timer = setTimeout(() => this.controller.abort(this.error()), limitMs);
    this.timer.unref();
  }

  /** Aborts when the deadline passes (or `expire()` is called). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Milliseconds left (0 once passed). */
  remainingMs(): number {
    return this.signal.aborted ? 0 : Math.max(0, this.at - performance.now());
  }

  /** The 504 this deadline answers with. */
  error(): ApiError {
    return new ApiError(
      'timeout',
      `request took longer than ${this.limitMs} ms; narrow the area, time window or page size`,
    );
  }

  /** Throws the 504 error when the deadline has passed; call between steps of long work. */
  check(): void {
    if (this.signal.aborted || performance.now() >= this.at) throw this.error();
  }

  /** Passes the deadline now (as if its time were up). */
  expire(): void {
    clearTimeout(this.timer);
    this.controller.abort(this.error());
  }

  /** Ends the deadline's timer early (the response is complete). */
  dispose(): void {
    clearTimeout(this.timer);
  }
}

const current = new AsyncLocalStorage<Deadline>();

/** The deadline of the request this code runs for, or undefined outside a request (scripts, tests, catalog). */
export function currentDeadline(): Deadline | undefined {
  return current.getStore();
}

/** Runs `body` with `deadline` as the current one (for work started outside the middleware, e.g. benches). */
export function withDeadline<T>(deadline: Deadline, body: () => T): T {
  return current.run(deadline, body);
}

/** Lets the event loop run (timers, other requests, `/health`) between chunks of long synchronous work. */
export function yieldToLoop(): Promise<void> {
  return new Promise((ok) => setImmediate(ok));
}

/**
 * One deadline per request, from the first byte of parsing to the last byte sent: every step reads it through
 * `currentDeadline()` (DuckDB queries are interrupted, polygon workers stopped, encoders check it between
 * chunks, streamed bodies stop). When it passes before the handler answered, the client gets 504 at once.
 */
export function requestDeadline(limitMs: () => number): MiddlewareHandler {
  return async (c, next) => {
    const deadline = new Deadline(limitMs());
    const handled = current.run(deadline, () => next());
    let expired = false;
    let onAbort: () => void = () => {};
    try {
      await Promise.race([
        handled,
        new Promise<void>((ok) => {
          onAbort = () => {
            expired = true;
            ok();
          };
          deadline.signal.addEventListener('abort', onAbort, { once: true });
        }),
      ]);
    } finally {
      // The listener reaches the whole request (its context and response body) through `next`: left on the
      // signal, the deadline's timer would keep every response alive for the full limit after it was sent.
      deadline.signal.removeEventListener('abort', onAbort);
    }
    if (expired) {
      // the handler may still be unwinding; its late answer is dropped
      handled.catch(() => {});
      c.res = c.json(deadline.error().toJSON(), 504);
    }
  };
}
