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

/** Node's response, which @hono/node-server passes as `c.env.outgoing` (absent under `app.request`). */
type Outgoing = { once(event: 'finish', listener: () => void): unknown };

function outgoingOf(env: unknown): Outgoing | null {
  const out = (env as { outgoing?: Partial<Outgoing> } | undefined)?.outgoing;
  return out && typeof out.once === 'function' ? (out as Outgoing) : null;
}

/**
 * Middleware writing one JSON line per request (method, path, status, ms, bytes) to `write`, with the time to the
 * last byte handed to the socket. A body of declared length (`Content-Length`, as the API's Arrow and GeoJSON
 * answers have) under @hono/node-server is left alone and logged when Node's response finishes: reading
 * `res.body` would turn the handler's one-buffer response into a stream that node-server copies out piece by
 * piece (1.5–3 ms a request on a 20 kB Arrow answer). Other bodies are counted as they stream out, so streamed and
 * compressed responses report their real size; HEAD answers send none (0 bytes).
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
    const outgoing = outgoingOf(c.env);
    if (c.req.method === 'HEAD') {
      // Hono drops a HEAD answer's body after the middleware: nothing would ever read a counting stream
      if (outgoing) outgoing.once('finish', () => line(0));
      else line(0);
      return;
    }
    const declared = res.headers.get('content-length');
    if (outgoing && declared !== null && /^\d+$/.test(declared)) {
      outgoing.once('finish', () => line(Number(declared)));
      return;
    }
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
