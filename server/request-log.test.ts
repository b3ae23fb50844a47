import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { logRequests, type RequestLogLine } from './request-log';

describe('request log', () => {
  it('writes one line per request with the body bytes actually sent, also for streamed bodies', async () => {
    const lines: RequestLogLine[] = [];
    const app = new Hono();
    app.use(
      '*',
      logRequests((l) => lines.push(l)),
    );
    app.get('/buffer', (c) => c.body(new Uint8Array(1234)));
    app.get('/stream', () => {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array(1000));
          controller.enqueue(new Uint8Array(24));
          controller.close();
        },
      });
      return new Response(stream);
    });
    app.get('/empty', (c) => c.body(null, 204));
    for (const path of ['/buffer', '/stream', '/empty', '/missing'])
      await (await app.request(path)).arrayBuffer();
    expect(lines.map((l) => [l.method, l.path, l.status, l.bytes])).toEqual([
      ['GET', '/buffer', 200, 1234],
      ['GET', '/stream', 200, 1024],
      ['GET', '/empty', 204, 0],
      ['GET', '/missing', 404, 13],
    ]);
    for (const l of lines) expect(l.ms).toBeGreaterThanOrEqual(0);
  });
});
