import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';

/** Durations of one request's steps (query, arrow, encode, compress), summed per step name, in milliseconds. */
export class RequestTimings {
  private readonly steps = new Map<string, number>();

  /** Adds `ms` to step `name`. */
  add(name: string, ms: number): void {
    this.steps.set(name, (this.steps.get(name) ?? 0) + ms);
  }

  /** The steps as a `Server-Timing` header value (`query;dur=12.3, encode;dur=4.1`), empty when none ran. */
  header(): string {
    return [...this.steps].map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`).join(', ');
  }
}

const current = new AsyncLocalStorage<RequestTimings>();

/** Runs `step` and adds its duration to the current request's step `name` (no-op outside a request). */
export async function timed<T>(name: string, step: () => Promise<T> | T): Promise<T> {
  const timings = current.getStore();
  if (!timings) return step();
  const started = performance.now();
  try {
    return await step();
  } finally {
    timings.add(name, performance.now() - started);
  }
}

/** The current request's timings (undefined outside a request). */
export function currentTimings(): RequestTimings | undefined {
  return current.getStore();
}

/**
 * Middleware collecting step durations for each request and sending them as a `Server-Timing` header, so a client
 * (the bench, the browser's dev tools) sees the query's share of a response's time in the same request.
 */
export function serverTiming(): MiddlewareHandler {
  return async (c, next) => {
    const timings = new RequestTimings();
    await current.run(timings, () => next());
    const value = timings.header();
    if (value && !c.res.headers.has('Server-Timing')) c.res.headers.set('Server-Timing', value);
  };
}
