import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cpuTicks,
  DEFAULT_ACCEPT_ENCODING,
  decodeBody,
  timeFetch,
  timeRequest,
  waitUntilIdle,
} from './measure-http';

const body = Buffer.from('row,'.repeat(5000));
const coders: Record<string, (b: Buffer) => Buffer> = {
  gzip: gzipSync,
  deflate: deflateSync,
  br: brotliCompressSync,
  identity: (b) => b,
};

let server: Server;
let base = '';
const seen: (string | undefined)[] = [];

beforeAll(async () => {
  // answers with the coding named in the path, whatever the client accepts, and records what it asked for
  server = createServer((req, res) => {
    seen.push(req.headers['accept-encoding']);
    const coding = req.url!.slice(1);
    const code = coders[coding];
    if (!code) {
      res.writeHead(404).end();
      return;
    }
    const out = code(body);
    res.writeHead(200, {
      ...(coding === 'identity' ? {} : { 'Content-Encoding': coding }),
      'Content-Length': out.byteLength,
      'X-Row-Count': '5000',
      'Server-Timing': 'query;dur=2.5, encode;dur=0.4',
    });
    res.end(out);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe('the timing client', () => {
  it('decodes gzip, deflate and br bodies and counts decoded bytes, rows and server steps', async () => {
    for (const coding of Object.keys(coders)) {
      const t = await timeRequest(`${base}/${coding}`);
      expect({ coding, bytes: t.bytes, rows: t.rows, status: t.status, steps: t.steps }).toEqual({
        coding,
        bytes: body.byteLength,
        rows: 5000,
        status: 200,
        steps: { query: 2.5, encode: 0.4 },
      });
      expect(t.ms).toBeGreaterThan(0);
    }
  });

  it('asks for what fetch asks for unless told otherwise, and sends the headers it is given', async () => {
    seen.length = 0;
    await timeRequest(`${base}/identity`);
    await timeRequest(`${base}/identity`, { headers: { 'Accept-Encoding': 'identity' } });
    await timeFetch(`${base}/identity`);
    expect(seen).toEqual([DEFAULT_ACCEPT_ENCODING, 'identity', DEFAULT_ACCEPT_ENCODING]);
  });

  it('reports the status of an error answer, and the fetch client agrees on every field but time', async () => {
    expect((await timeRequest(`${base}/nope`)).status).toBe(404);
    const a = await timeRequest(`${base}/gzip`);
    const b = await timeFetch(`${base}/gzip`);
    expect({ ...b, ms: 0 }).toEqual({ ...a, ms: 0 });
  });

  it('refuses a coding it cannot decode instead of counting undecoded bytes', () => {
    expect(() => decodeBody(Buffer.from('x'), 'zstd')).toThrow(/zstd/);
    expect(decodeBody(gzipSync(body), 'GZIP').equals(body)).toBe(true);
  });
});

describe('waiting for a started server to go idle', () => {
  const child = (script: string) => spawn(process.execPath, ['-e', script], { stdio: 'ignore' });

  it('waits out a process that computes for a while, and returns at once for one that sleeps', async () => {
    // busy for 1.5 s of wall time, then asleep
    const busy = child(
      'const end = Date.now() + 1500; while (Date.now() < end); setTimeout(() => {}, 60000);',
    );
    const sleeper = child('setTimeout(() => {}, 60000);');
    try {
      await new Promise((ok) => setTimeout(ok, 300)); // both have booted
      const a = await waitUntilIdle(busy.pid!, { windowMs: 400 });
      expect(a.idle).toBe(true);
      expect(a.seconds).toBeGreaterThan(0.7);
      const b = await waitUntilIdle(sleeper.pid!, { windowMs: 400 });
      expect(b).toEqual({ seconds: expect.any(Number), idle: true });
      expect(b.seconds).toBeLessThan(0.9);
      expect(cpuTicks(busy.pid!)).toBeGreaterThan(20); // at least 0.2 s of CPU went into the loop
    } finally {
      busy.kill();
      sleeper.kill();
    }
  });

  it('gives up on a process that stays busy, and on one that does not exist', async () => {
    const spinner = child('for (;;);');
    try {
      await new Promise((ok) => setTimeout(ok, 200));
      const r = await waitUntilIdle(spinner.pid!, { windowMs: 400, timeoutMs: 1000 });
      expect(r.idle).toBe(false);
      expect(r.seconds).toBeGreaterThanOrEqual(0.8);
    } finally {
      spinner.kill();
    }
    expect(cpuTicks(2 ** 30)).toBe(null);
    expect(await waitUntilIdle(2 ** 30)).toEqual({ seconds: 0, idle: false });
  });
});
