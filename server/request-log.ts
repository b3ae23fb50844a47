import type { MiddlewareHandler } from 'hono';

/** One structured log line per request. */
export interface RequestLogLine {
  t: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  bytes: number | null;
}

/** Middleware writing one JSON line per request (method, path, status, ms, bytes) to `write`. */
export function logRequests(write: (line: RequestLogLine) => void): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const len = c.res.headers.get('content-length');
    write({
      t: new Date().toISOString(),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      bytes: len === null ? null : Number(len),
    });
  };
}
