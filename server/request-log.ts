import type { MiddlewareHandler } from 'hono';

/** One structured log line per request. */
export interface RequestLogLine {
  t: string;
  method: string;
  path: string;
  status: number;
  /** Milliseconds from the request to the last body byte handed to the socket (or to the response, if no body). */
  ms: number;
  /** Body bytes as sent (after compression). */
  bytes: number;
}

/**
 * Middleware writing one JSON line per request (method, path, status, ms, bytes) to `write`. Bodies are counted
 * as they stream out, so streamed and compressed responses report their real size and their time to last byte.
 */
export function logRequests(write: (line: RequestLogLine) => void): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const res = c.res;
    const line = (bytes: number) =>
      write({
        t: new Date().toISOString(),
        method: c.req.method,
        path: c.req.path,
        status: res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        bytes,
      });
    if (!res.body) {
      line(0);
      return;
    }
    let bytes = 0;
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
      flush() {
        line(bytes);
      },
    });
    c.res = new Response(res.body.pipeThrough(counter), {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
  };
}
