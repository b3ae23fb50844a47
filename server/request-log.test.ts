import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { logRequests, type RequestLogLine } from './request-log';

/** A 1,024-byte body streamed in two chunks, of no declared length. */
function streamedKilobyte(): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array(1000));
      controller.enqueue(new Uint8Array(24));
      controller.close();
    },
  });
  return new Response(stream);
}

describe('request log', () => {
  it('writes one line per request with the body bytes actually sent, also for streamed bodies', async () => {
    const lines: RequestLogLine[] = [];
    const app = new Hono();
    app.use(
      '*',
      logRequests((l) => lines.push(l)),
    );
    app.get('/buffer', (c) => c.body(new Uint8Array(1234)));
    app.get('/stream', streamedKilobyte);
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

  it('under node-server leaves a body of declared length as the handler made it and logs it when sent', async () => {
    const lines: RequestLogLine[] = [];
    const made: Response[] = [];
    const sent: Response[] = [];
    const app = new Hono();
    app.use(
      '*',
      logRequests((l) => lines.push(l)),
    );
    app.get('/known', (c) => {
      const res = c.body(new Uint8Array(20_754).fill(7), 200, { 'Content-Length': '20754' });
      made.push(res);
      return res;
    });
    app.get('/stream', streamedKilobyte);
    const server = await new Promise<ReturnType<typeof serve>>((ok) => {
      const s = serve(
        {
          fetch: async (req, env) => {
            const res = await app.fetch(req, env);
            sent.push(res);
            return res;
          },
          port: 0,
          hostname: '127.0.0.1',
        },
        () => ok(s),
      );
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const known = await fetch(`${base}/known`);
      expect((await known.arrayBuffer()).byteLength).toBe(20_754);
      expect((await (await fetch(`${base}/stream`)).arrayBuffer()).byteLength).toBe(1024);
      const head = await fetch(`${base}/known`, { method: 'HEAD' });
      expect(head.headers.get('content-length')).toBe('20754');
      // the line of a sent response comes once Node has handed its last byte over: wait for all three
      for (let i = 0; i < 100 && lines.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
      expect(lines.map((l) => [l.method, l.path, l.status, l.bytes])).toEqual([
        ['GET', '/known', 200, 20_754],
        ['GET', '/stream', 200, 1024],
        ['HEAD', '/known', 200, 0],
      ]);
      // node-server got the very response the handler made (not one rebuilt around a counting stream)
      expect(sent[0]).toBe(made[0]);
      expect(sent[1]).not.toBe(undefined);
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  });
});
